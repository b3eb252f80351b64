// The spec's JSON Schema (web/spec/spec.schema.json) against the engine, which is the reference:
// the lessons and the engine's filled specs are valid, the schema's fields are exactly the
// engine's (each with the engine's type, range and names), and both refuse the same mistakes.
// The engine's fields come from the engine itself: its filled specs, and the list of allowed
// fields it gives when refusing an unknown one. Also: the name lists of the TypeScript
// declarations (web/types/spec.d.ts, descent.d.ts) are the engine's and the modules' own.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import Ajv2020 from 'ajv/dist/2020.js';

import { COMMANDS, EVENTS } from '../../web/embed/messages.js';
import { CHARTS, METRICS, SPEED_NAMES } from '../../web/embed/options.js';
import { MEASURES } from '../../web/lessons/measures.js';
import { getAt, isObject, setAt } from '../../web/spec/path.js';
import { CONTROL_KEYS, LAYER_ROWS } from '../../web/spec/table.js';
import { generateSpecs } from '../web/spec-generator.mjs';
import { answer, loadEngine } from './engine.mjs';

const root = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
const schema = JSON.parse(read('web/spec/spec.schema.json'));
const ajv = new Ajv2020({ allErrors: true, strictTypes: true })  // strict, but `required` in if/then names fields of the object itself;
ajv.addSchema(schema);
const validateSpec = ajv.getSchema(schema.$id);
const validateLesson = ajv.getSchema(`${schema.$id}#/$defs/lesson`);
const validateIndex = ajv.getSchema(`${schema.$id}#/$defs/lessonIndex`);

const engine = await loadEngine();
const session = new engine.Session();
// The engine's answer to a spec: { ok, spec } or { ok: false, error }.
const load = (spec) => answer(session.load(JSON.stringify(spec)));

const lessonFiles = readdirSync(new URL('public/lessons/', root)).filter((f) => f.endsWith('.json') && f !== 'index.json');
const index = JSON.parse(read('public/lessons/index.json'));
const lessons = lessonFiles.map((file) => ({ file, lesson: JSON.parse(read(`public/lessons/${file}`)) }));
const runs = lessons.flatMap(({ lesson }) => lesson.runs.map((run) => ({ name: `${lesson.id}: ${run.label}`, spec: run.spec })));
const generated = generateSpecs(240);
// The separate form with every field of every set: inline and CSV sources, and takes.
const inline = (m) => ({ source: 'inline', x: Array.from({ length: m }, (_, i) => [i]), y: Array.from({ length: m }, (_, i) => i % 2) });
const csv = (m) => ({ source: 'csv', csv: `a,b\n${Array.from({ length: m }, (_, i) => `${i},${i % 2}`).join('\n')}\n` });
const take = { from: 'train', take: 1 };
const separate = [
  { train: inline(8), train_dev: inline(2), dev: inline(2), test: take },
  { train: inline(8), train_dev: take, dev: take, test: inline(2) },
  { train: csv(8), train_dev: csv(2), dev: csv(2), test: csv(2) },
].map((data, i) => ({ name: `separate sets #${i}`, spec: { data, layers: [{ activation: 'sigmoid' }], batch_size: 1 } }));

const schemaErrors = (validate, doc) => (validate(doc) ? '' : ajv.errorsText(validate.errors, { separator: '; ' }));
const general = (path) => path.replace(/\[\d+\]/g, '[]');

// Every object key of a JSON document, by path ("layers[0].units"), with the document's arrays
// of objects walked element by element and other arrays as leaves.
function keyPaths(doc, prefix = '', out = []) {
  if (isObject(doc)) {
    for (const [k, v] of Object.entries(doc)) {
      const path = prefix ? `${prefix}.${k}` : k;
      out.push(path);
      keyPaths(v, path, out);
    }
  } else if (Array.isArray(doc) && doc.some(isObject)) doc.forEach((v, i) => keyPaths(v, `${prefix}[${i}]`, out));
  return out;
}

// The schema node at a local reference ("#", "#/$defs/layer").
function resolve(ref) {
  assert.match(ref, /^#(\/\$defs\/\w+)?$/, `only local references: ${ref}`);
  return ref === '#' ? schema : schema.$defs[ref.split('/').pop()];
}

// Every object-key path of the schema ("layers[].units"), each with the nodes that describe
// it, through $ref, items, and the applicators (allOf, anyOf, oneOf, if/then/else).
function schemaPaths(node, prefix = '', out = new Map(), seen = new Set()) {
  if (!isObject(node)) return out;
  if (node.$ref) {
    if (seen.has(node.$ref)) return out;  // a recursive reference (a lesson run's spec) adds no field
    schemaPaths(resolve(node.$ref), prefix, out, new Set([...seen, node.$ref]));
  }
  for (const [k, sub] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (!out.has(path)) out.set(path, []);
    out.get(path).push(sub);
    schemaPaths(sub, path, out, seen);
  }
  if (node.items) schemaPaths(node.items, `${prefix}[]`, out, seen);
  for (const key of ['allOf', 'anyOf', 'oneOf']) for (const sub of node[key] ?? []) schemaPaths(sub, prefix, out, seen);
  for (const key of ['if', 'then', 'else']) if (node[key]) schemaPaths(node[key], prefix, out, seen);
  return out;
}

// What the schema says a field is, in the words of describe() below: the first node (the
// object's own property) after its $ref is followed.
function schemaKind(nodes) {
  let node = nodes[0];
  if (node.$ref) node = resolve(node.$ref);
  if (node.enum) return `one of ${node.enum.join('|')}`;
  if (node.type === 'number' || node.type === 'integer') {
    const lo = 'exclusiveMinimum' in node ? `(${node.exclusiveMinimum}` : `[${node.minimum}`;
    const hi = 'exclusiveMaximum' in node ? `${node.exclusiveMaximum})` : `${node.maximum}]`;
    return `${node.type} ${lo}, ${hi}`;
  }
  return node.type;
}

// The engine's "allowed: ..." of a value of the wrong type, in the same words.
function engineKind(allowed) {
  let m = /^allowed: a number (>=?) (\S+) and (<=?) (\S+)$/.exec(allowed);
  if (m) return `number ${m[1] === '>' ? '(' : '['}${Number(m[2])}, ${Number(m[4])}${m[3] === '<' ? ')' : ']'}`;
  m = /^allowed: a whole number from (\S+) to (\S+)$/.exec(allowed);
  if (m) return `integer [${Number(m[1])}, ${Number(m[2])}]`;
  m = /^allowed: one of (.*)$/.exec(allowed);
  if (m) return `one of ${[...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]).join('|')}`;
  const plain = { 'allowed: true or false': 'boolean', 'allowed: a string': 'string', 'allowed: an array': 'array', 'allowed: a JSON object': 'object' };
  return plain[allowed] ?? `unread: ${allowed}`;
}

// The engine's filled specs, and for each field (general path) one filled spec that has it.
const filled = [{ name: 'the default spec', spec: {} }, ...runs, ...generated, ...separate].map((c) => {
  const a = load(c.spec);
  assert.ok(a.ok, `${c.name}: ${a.error?.message}`);
  return { name: c.name, spec: a.spec };
});
const example = new Map();
for (const { spec } of filled) for (const path of keyPaths(spec)) if (!example.has(general(path))) example.set(general(path), { spec, path });

// The engine's fields: those of its filled specs, and those it names when refusing an unknown
// field in each object of them.
function engineFields() {
  const fromFilled = new Set(example.keys());
  const named = new Set();
  // Each object that holds a field ("schedule.drops[]" for "schedule.drops[].epoch"), at every
  // place one of its fields is first met: an object's fields can depend on its form (data as one
  // source names its fields, as separate sets the sets it has; a set as a source or a take).
  const objects = new Map();
  for (const { spec, path } of example.values()) {
    const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    if (!objects.has(general(parent))) objects.set(general(parent), new Map());
    objects.get(general(parent)).set(`${filled.findIndex((c) => c.spec === spec)} ${parent}`, { spec, path: parent });
  }
  for (const [object, places] of objects) for (const at of places.values()) {
    const unknown = at.path ? `${at.path}.zz_unknown` : 'zz_unknown';
    const refused = load(setAt(at.spec, unknown, 1));
    assert.equal(refused.error?.field, unknown, `the engine names the unknown field in ${object || 'the spec'}`);
    const names = [...refused.error.allowed.matchAll(/"(\w+)"/g)].map((m) => m[1]);
    assert.ok(names.length > 0, refused.error.allowed);
    for (const k of names) named.add(object ? `${object}.${k}` : k);
  }
  return { fromFilled, named, all: new Set([...fromFilled, ...named]) };
}

test('(a) every lesson file is valid, listed in index.json, and every run\'s spec is a valid spec', () => {
  assert.equal(schemaErrors(validateIndex, index), '', 'lessons/index.json');
  assert.deepEqual(index.map((l) => `${l.id}.json`).sort(), [...lessonFiles].sort(), 'index.json lists every lesson file');
  for (const { file, lesson } of lessons) {
    assert.equal(schemaErrors(validateLesson, lesson), '', file);
    assert.equal(lesson.id, file.replace(/\.json$/, ''), file);
    assert.equal(index.find((l) => l.id === lesson.id)?.title, lesson.title, `${file}: the title in index.json`);
    for (const run of lesson.runs) assert.equal(schemaErrors(validateSpec, run.spec), '', `${lesson.id}: ${run.label}`);
  }
  assert.ok(runs.length >= 12, `${runs.length} runs`);
});

test('(b) the engine\'s filled specs are valid: the default, every lesson run, and generated specs as given and filled', () => {
  const failures = [];
  for (const { name, spec } of filled) {
    const problem = schemaErrors(validateSpec, spec);
    if (problem) failures.push(`${name} (filled): ${problem}`);
  }
  for (const { name, spec } of [...generated, ...separate]) {
    const problem = schemaErrors(validateSpec, spec);
    if (problem) failures.push(`${name} (as given): ${problem}`);
  }
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} failed`);
  assert.deepEqual(filled[0].spec.optimizer, { name: 'gd', learning_rate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
});

test('(c) the schema\'s fields are exactly the engine\'s', () => {
  const { fromFilled, named, all } = engineFields();
  const inSchema = new Set(schemaPaths(schema).keys());
  assert.deepEqual([...fromFilled].filter((p) => !named.has(p)), [], 'filled fields the engine does not name as allowed');
  assert.deepEqual([...inSchema].filter((p) => !all.has(p)).sort(), [], 'schema fields the engine does not know');
  assert.deepEqual([...all].filter((p) => !inSchema.has(p)).sort(), [], 'engine fields missing in the schema');
  assert.ok(all.size > 60, `${all.size} fields`);
  const sets = ['data.train', 'data.train.seed_offset', 'data.train.x', ...['train_dev', 'dev', 'test'].flatMap((k) =>
    [`data.${k}`, `data.${k}.from`, `data.${k}.take`, `data.${k}.source`, `data.${k}.seed_offset`, `data.${k}.csv`, `data.${k}.y`])];
  assert.deepEqual(sets.filter((p) => !inSchema.has(p) || !fromFilled.has(p)), [], 'the separate form\'s fields, in the schema and the engine\'s fills');
});

test('(c) each field has the engine\'s type, range and names', () => {
  const paths = schemaPaths(schema);
  const wrong = [];
  for (const [path, nodes] of paths) {
    const at = example.get(path);
    const concrete = at?.path ?? path.replace(/\[\]/g, '[0]');
    const expected = schemaKind(nodes);
    const refused = load(setAt(at?.spec ?? filled[0].spec, concrete, expected === 'string' ? 12345 : 'zz_bad'));
    if (refused.ok || refused.error.field !== concrete) {
      wrong.push(`${path}: a value of the wrong type is ${refused.ok ? 'accepted' : `refused at ${refused.error.field}`}`);
      continue;
    }
    const actual = engineKind(refused.error.allowed);
    if (actual !== expected) wrong.push(`${path}: schema ${expected}, engine ${actual}`);
  }
  assert.deepEqual(wrong, []);
});

test('(d) both the schema and the engine refuse invalid specs', () => {
  const invalid = {
    'an unknown field': { optimizer: { name: 'adam' }, epoch: 10 },
    'an unknown nested field': { optimizer: { name: 'adam', momentum: 0.9 } },
    'a learning rate of 0': { optimizer: { learning_rate: 0 } },
    'a learning rate above 100': { optimizer: { learning_rate: 101 } },
    'a bad optimizer name': { optimizer: { name: 'sgd' } },
    'a beta1 of 1': { optimizer: { beta1: 1 } },
    'a fractional batch size': { batch_size: 1.5 },
    'no layers': { layers: [] },
    'a bad activation': { layers: [{ units: 1, activation: 'swish' }] },
    'explicit weights without the explicit scheme': { init: { scheme: 'he', weights: [{ W: [[1, 1]] }] } },
    'the explicit scheme without weights': { init: { scheme: 'explicit' } },
    'a csv source without its text': { data: { source: 'csv' } },
    'inline data without y': { data: { source: 'inline', x: [[0], [1]] } },
    'a seed above 2^53 - 1': { seed: 2 ** 53 },
    'a string for a number': { epochs: '10' },
    'a split beside separate sets': { data: { train: { source: 'moons' }, dev: { from: 'train', take: 10 } }, split: { train: 0.8, dev: 0.2 } },
    'separate sets without train': { data: { dev: { source: 'moons' } } },
    'a training set taken from train': { data: { train: { from: 'train', take: 10 } } },
    'a set taken from another set than train': { data: { train: {}, dev: { from: 'dev', take: 10 } } },
    'a take without from': { data: { train: {}, dev: { take: 10 } } },
    'from without take': { data: { train: {}, dev: { from: 'train' } } },
    'a take of 0': { data: { train: {}, test: { from: 'train', take: 0 } } },
    'a take beside a source': { data: { train: {}, test: { from: 'train', take: 2, source: 'moons' } } },
    'a seed_offset in the single form': { data: { source: 'moons', seed_offset: 1 } },
    'a seed_offset above 1000000': { data: { train: { seed_offset: 1000001 } } },
    'a source beside separate sets': { data: { source: 'moons', train: {} } },
    'a set not an object': { data: { train: {}, dev: 'moons' } },
    'a csv set without its text': { data: { train: {}, dev: { source: 'csv' } } },
  };
  for (const [what, spec] of Object.entries(invalid)) {
    assert.equal(load(spec).ok, false, `the engine refuses ${what}`);
    assert.equal(validateSpec(spec), false, `the schema refuses ${what}`);
  }
});

// The members of a string-literal union of the declarations, following the unions it names.
const declarations = read('web/types/spec.d.ts') + read('web/types/descent.d.ts');
function union(name) {
  const m = new RegExp(`export type ${name} =([^;]*);`).exec(declarations);
  assert.ok(m, `type ${name} in web/types/spec.d.ts or descent.d.ts`);
  return m[1].split('|').map((t) => t.trim()).flatMap((t) => (/^'.*'$/.test(t) ? [t.slice(1, -1)] : union(t)));
}
// The members of an object-type literal: the `type: '...'` of each type named `*${suffix}`.
const typeTags = (suffix) => [...declarations.matchAll(new RegExp(`export type \\w+${suffix} = [^;]*?type: '(\\w+)'`, 'g'))].map((m) => m[1]);

test('the declarations\' names are the engine\'s and the modules\' own', () => {
  const engineNames = (path) => {
    const at = example.get(path);
    return engineKind(load(setAt(at.spec, at.path, 'zz_bad')).error.allowed).replace(/^one of /, '').split('|');
  };
  const sorted = (list) => [...list].sort();
  const byPath = { DataSource: 'data.source', Task: 'data.task', Mismatch: 'split.mismatch', ActivationName: 'layers[].activation',
    NormName: 'layers[].norm', InitScheme: 'init.scheme', OptimizerName: 'optimizer.name', ScheduleName: 'schedule.name',
    Monitor: 'early_stopping.monitor' };
  for (const [type, path] of Object.entries(byPath)) assert.deepEqual(sorted(union(type)), sorted(engineNames(path)), type);
  assert.deepEqual(sorted(union('ControlName')), sorted(CONTROL_KEYS), 'ControlName: web/spec/table.js ROWS');
  assert.deepEqual(sorted(union('LayerControlName')), sorted(LAYER_ROWS.map((r) => r.key)), 'LayerControlName');
  assert.deepEqual(sorted(union('ChartName')), sorted(CHARTS));
  assert.deepEqual(sorted(union('MetricName')), sorted(METRICS));
  assert.deepEqual(sorted(union('SpeedName')), sorted(SPEED_NAMES));
  assert.deepEqual(sorted(union('MeasureName')), sorted(Object.keys(MEASURES)));
  assert.deepEqual(sorted(schema.$defs.lesson.properties.measure.enum), sorted(Object.keys(MEASURES)), 'the schema\'s measures');
  assert.deepEqual(sorted(typeTags('Command')), sorted(Object.keys(COMMANDS)), 'the commands of messages.js');
  assert.deepEqual(sorted(typeTags('Message')), sorted(EVENTS), 'the events of messages.js');
});
