// The page's state is the engine's filled spec (issue 15): every lesson run and hundreds of
// generated specs go through the page's fill, its doors (the link, the stored settings, a
// second load) and its "Also set by this spec" clears, and come back as the engine fills them,
// field by field. The engine (the WASM build, and `descent spec` natively) is the reference.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { KEYS, readSaved, write } from '../../web/persist.js';
import { clearField, extras } from '../../web/spec/extras.js';
import { fillSpec } from '../../web/spec/fill.js';
import { decodeLink, encodeLink } from '../../web/spec/hash.js';
import { deepEqual, differingPaths, getAt, isObject, setAt } from '../../web/spec/path.js';
import { shownPaths } from '../../web/spec/table.js';
import { HIDDEN_ACTIVATIONS, INITS, MISMATCHES, NORMS, OPTIMIZERS, SCHEDULES, SOURCES, generateSpecs, random } from '../web/spec-generator.mjs';
import { answer, loadEngine, nativeRunner } from './engine.mjs';

const engine = await loadEngine();
const session = new engine.Session();
const root = new URL('../../public/lessons/', import.meta.url);

const lessonRuns = readdirSync(root).filter((f) => f.endsWith('.json') && f !== 'index.json').flatMap((file) => {
  const lesson = JSON.parse(readFileSync(new URL(file, root), 'utf8'));
  return lesson.runs.map((run) => ({ name: `lesson ${lesson.id}: ${run.label}`, spec: run.spec }));
});
const generated = generateSpecs(240);
// The separate form written out: the sets of each kind, in any key order.
const SEPARATE = [
  { seed: 3, data: { train: { source: 'moons', samples: 300, noise: 0.1 }, train_dev: { from: 'train', take: 60 }, dev: { source: 'moons', samples: 100, noise: 0.35 } } },
  { data: { test: { take: 5, from: 'train' }, train: {}, dev: { source: 'moons', seed_offset: 1000000 } }, epochs: 2 },
  { data: { train: { source: 'iris', seed_offset: 4 }, test: { source: 'iris' } }, layers: [{ units: 3, activation: 'softmax' }] },
  { data: { train: { source: 'inline', x: [[0], [1], [2], [3]], y: [0, 1, 0, 1] }, dev: { source: 'inline', task: 'classification', x: [[1], [3]], y: [1, 1] } },
    layers: [{ activation: 'sigmoid' }], batch_size: 2, early_stopping: { enabled: true } },
  { data: { train: { source: 'csv', csv: 'a,b\n1,0\n2,1\n3,0\n4,1\n', label: 'b' }, train_dev: { from: 'train', take: 1 }, test: { from: 'train', take: 1 } }, batch_size: 0 },
].map((spec, i) => ({ name: `separate #${i}`, spec }));
const cases = [...lessonRuns, ...generated, ...SEPARATE];

// The engine's answer to a spec: { ok, spec, steps, error }. batch_size 0 (the whole
// training set) stays 0 in the answer, as `descent spec` prints it, and trains one step an epoch.
function load(spec) {
  const a = answer(session.load(JSON.stringify(spec)));
  if (!a.ok) return { ok: false, error: a.error };
  if (spec.batch_size === 0) assert.equal(a.steps_per_epoch, 1, 'batch_size 0 trains the whole training set in one step');
  return { ok: true, spec: a.spec, steps: a.steps_per_epoch };
}

const clip = (v) => { const t = JSON.stringify(v) ?? String(v); return t.length > 80 ? `${t.slice(0, 77)}...` : t; };

// '' when equal, else the differing paths with both values.
function diff(actual, expected) {
  return differingPaths(actual, expected).map((p) => `${p}: page ${clip(getAt(actual, p))}, engine ${clip(getAt(expected, p))}`).join('; ');
}

// Runs check(c) for every case, gathering what went wrong (named by case), then fails once.
async function everyCase(list, check) {
  const failures = [];
  for (const c of list) {
    try {
      const problem = await check(c);
      if (problem) failures.push(`${c.name}: ${problem}`);
    } catch (err) {
      failures.push(`${c.name}: ${err.message}`);
    }
  }
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${list.length} failed`);
}

// Every leaf and object of a JSON document, with its path ("layers[0].units", "data.x[2][1]").
function walk(doc, prefix = '', out = { leaves: [], objects: [] }) {
  if (isObject(doc)) {
    out.objects.push(prefix);
    for (const [k, v] of Object.entries(doc)) walk(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(doc) && doc.length) doc.forEach((v, i) => walk(v, `${prefix}[${i}]`, out));
  else out.leaves.push(prefix);
  return out;
}

const general = (path) => path.replace(/\[\d+\]/g, '[]');

test('the generated specs cover every field the engine knows and every option of every choice', () => {
  // The engine's own list of the fields of each object: its answer to an unknown key there.
  const base = { data: { source: 'inline', x: [[0], [1], [2], [3]], y: [0, 1, 0, 1] }, layers: [{ units: 2 }, { units: 1, activation: 'sigmoid' }],
    init: { scheme: 'explicit', weights: [{ W: [[1], [1]] }, { W: [[1, 1]] }] }, schedule: { drops: [{}] } };
  const objects = ['', 'data', 'split', 'layers[0]', 'init', 'init.weights[0]', 'regularization', 'optimizer', 'schedule',
    'schedule.drops[0]', 'augment', 'early_stopping'];
  const known = objects.flatMap((at) => {
    const bad = setAt(base, at ? `${at}.zz_unknown` : 'zz_unknown', 1);
    const refused = load(bad);
    assert.equal(refused.error?.field, at ? `${at}.zz_unknown` : 'zz_unknown');
    const names = [...refused.error.allowed.matchAll(/"(\w+)"/g)].map((m) => m[1]);
    assert.ok(names.length > 1, refused.error.allowed);
    const full = names.map((k) => (at ? `${at}.${k}` : k));
    return full.filter((p) => !objects.includes(p) && !objects.includes(`${p}[0]`)).map(general);
  });
  const given = new Set(generated.flatMap(({ spec }) => walk(spec).leaves.map(general))
    .map((p) => p.replace(/^(data(\.\w+)?\.[xy]|init\.weights\[\]\.[Wb])\[\].*$/, '$1')));
  assert.deepEqual(known.filter((p) => !given.has(p)), [], 'fields the engine knows that no generated spec gives');
  // The separate form: data's sets, the training source's fields, and those of a set as a
  // source and as { from, take } (any of train_dev, dev and test: "data.<set>").
  const sets = { train: {}, train_dev: { from: 'train', take: 1 }, dev: {}, test: {} };
  const knownIn = (at, data) => {
    const refused = load({ data: { ...data, [at]: { ...data[at], zz_unknown: 1 } } });
    assert.equal(refused.error?.field, `data.${at}.zz_unknown`);
    return [...refused.error.allowed.matchAll(/"(\w+)"/g)].map((m) => m[1]);
  };
  const dataRefused = load({ data: { ...sets, zz_unknown: 1 } });
  assert.equal(dataRefused.error?.field, 'data.zz_unknown');
  assert.deepEqual([...dataRefused.error.allowed.matchAll(/"(\w+)"/g)].map((m) => m[1]).sort(), Object.keys(sets).sort());
  const setOf = (p) => p.replace(/^data\.(train_dev|dev|test)\./, 'data.<set>.');
  const knownSets = [...knownIn('train', sets).map((k) => `data.train.${k}`),
    ...knownIn('dev', sets).map((k) => `data.<set>.${k}`), ...knownIn('train_dev', sets).map((k) => `data.<set>.${k}`)];
  assert.ok(knownSets.includes('data.train.seed_offset') && knownSets.includes('data.<set>.take'), knownSets.join(' '));
  const givenSets = new Set([...given].map(setOf));
  assert.deepEqual(knownSets.filter((p) => !givenSets.has(p)), [], 'fields of the separate form that no generated spec gives');
  for (const key of Object.keys(sets)) assert.ok(given.has(`data.${key}.source`) || key === 'train', `no generated ${key} source`);

  const values = (path) => new Set(generated.map(({ spec }) => spec).flatMap((s) => walk(s).leaves
    .filter((p) => general(p) === path).map((p) => getAt(s, p))));
  const missing = (path, options) => options.filter((o) => !values(path).has(o)).map((o) => `${path} ${o}`);
  assert.deepEqual([
    ...missing('data.source', SOURCES), ...missing('data.task', ['classification', 'regression']),
    ...missing('layers[].activation', [...HIDDEN_ACTIVATIONS, 'softmax', 'sigmoid']), ...missing('layers[].norm', NORMS),
    ...missing('init.scheme', INITS), ...missing('optimizer.name', OPTIMIZERS), ...missing('schedule.name', SCHEDULES),
    ...missing('split.mismatch', MISMATCHES), ...missing('early_stopping.monitor', ['dev_loss', 'dev_error']),
    ...missing('early_stopping.enabled', [true, false]), ...missing('split.stratify', [true, false]),
    ...missing('augment.flip', [true]), ...missing('normalize', [true, false]), ...missing('batch_size', [0, 50, 300]),
  ], []);
  const specs = generated.map(({ spec }) => spec);
  const some = (what, f) => assert.ok(specs.some(f), `no generated spec has ${what}`);
  some('a leaky_relu layer without a slope', (s) => s.layers?.some((l) => l.activation === 'leaky_relu' && !('slope' in l)));
  some('a prelu layer with a slope', (s) => s.layers?.some((l) => l.activation === 'prelu' && 'slope' in l));
  some('a prelu layer without a slope', (s) => s.layers?.some((l) => l.activation === 'prelu' && !('slope' in l)));
  some('explicit weights without b', (s) => s.init?.weights?.some((w) => !w.b));
  some('explicit weights with b', (s) => s.init?.weights?.some((w) => w.b));
  some('a step_drops schedule with drops', (s) => s.schedule?.name === 'step_drops' && s.schedule.drops?.length > 1);
  some('only dev_count', (s) => s.split && 'dev_count' in s.split && !('test_count' in s.split));
  some('only test_count', (s) => s.split && 'test_count' in s.split && !('dev_count' in s.split));
  some('a CSV with a named label column not last', (s) => s.data?.csv && !s.data.csv.split(/\r?\n/)[0].endsWith('species'));
  some('a CSV regression', (s) => s.data?.source === 'csv' && s.data.task === 'regression');
  some('an inline regression', (s) => s.data?.source === 'inline' && s.data.task === 'regression');
  some('channels dividing units (> 1)', (s) => s.layers?.some((l) => l.channels > 1 && l.units > l.channels));
  some('a batch size above 100', (s) => s.batch_size > 100);
  some('a large seed', (s) => s.seed > 2 ** 40);
  some('no layers (the default network)', (s) => !s.layers);
  some('nothing but the data (and the output layer and batch it needs)', (s) => Object.keys(s).every((k) => ['data', 'layers', 'batch_size'].includes(k)));
  const separate = specs.filter((s) => isObject(s.data?.train));
  assert.ok(separate.length >= 30 && separate.every((s) => !('split' in s)), `${separate.length} separate-form specs, none with a split`);
  some('a training source left to its defaults', (s) => isObject(s.data?.train) && Object.keys(s.data.train).length === 0);
  some('a seed_offset on the training source', (s) => s.data?.train?.seed_offset > 0);
  some('a seed_offset on a set', (s) => ['train_dev', 'dev', 'test'].some((k) => s.data?.[k]?.seed_offset > 0));
  some('a dev set from another generator than train', (s) => s.data?.dev?.source && s.data.train.source && s.data.dev.source !== s.data.train.source);
  some('take written before from', (s) => ['train_dev', 'dev', 'test'].some((k) => s.data?.[k] && Object.keys(s.data[k])[0] === 'take'));
  for (const k of ['train_dev', 'dev', 'test']) {
    some(`${k} taken from train`, (s) => s.data?.[k]?.from === 'train');
    some(`${k} as a source of its own`, (s) => isObject(s.data?.[k]) && !('from' in s.data[k]));
    some(`no ${k} beside train`, (s) => isObject(s.data?.train) && !(k in s.data));
  }
});

test('(a) the engine accepts every lesson run and generated spec, and fillSpec fills it as the engine does', async (t) => {
  await everyCase(cases, ({ spec }) => {
    const engine = load(spec);
    if (!engine.ok) return `refused: ${engine.error.message}`;
    return diff(fillSpec(spec), engine.spec);
  });
  t.diagnostic(`${cases.length} specs: ${lessonRuns.length} lesson runs, ${generated.length} generated and ${SEPARATE.length} separate-form ones written out`);
});

test('(a) fillSpec prints what `descent spec` prints (the native engine), on the lessons and a sample', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'descent-spec-'));
  const sample = [...lessonRuns, ...generated.filter((_, i) => i % 16 === 0), ...SEPARATE];
  await everyCase(sample, ({ spec }) => {
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    return diff(fillSpec(spec), JSON.parse(execFileSync(nativeRunner, ['spec', file], { encoding: 'utf8' })));
  });
});

test('the engine\'s load answer keeps batch_size 0 as `descent spec` does', () => {
  assert.equal(answer(session.load(JSON.stringify({ batch_size: 0, epochs: 1 }))).spec.batch_size, 0);
});

// A Storage of the browser's kind, in memory.
function memoryStorage() {
  const items = new Map();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, String(v)) };
}

test('(b) the link, the stored settings and a second load give back the engine\'s filled spec', async (t) => {
  const forms = { short: 0, compressed: 0 };
  await everyCase(cases, async ({ spec }) => {
    const reference = load(spec).spec;
    const { hash, omitted } = await encodeLink(fillSpec(spec), { speed: 'fast' });
    forms[hash.startsWith('#spec=') ? 'compressed' : 'short'] += 1;
    if (omitted) return `the link left out ${omitted}`;
    const storage = memoryStorage();
    assert.equal(write(storage, KEYS.settings, hash), '');
    const saved = readSaved(storage);
    assert.deepEqual([saved.hash, saved.problems], [hash, []], 'the stored settings are the hash text');
    const doors = { link: hash, 'stored settings': saved.hash, 'the browser\'s URL': new URL(hash, 'https://descent.test/play').hash };
    for (const [door, text] of Object.entries(doors)) {
      const back = await decodeLink(text);
      assert.deepEqual([back.view, back.rejected, back.problem], [{ speed: 'fast' }, [], ''], door);
      const problem = diff(back.spec, reference);
      if (problem) return `${door} (${hash.slice(0, 40)}...): ${problem}`;
    }
    if (diff(fillSpec(reference), reference)) return `fillSpec changes a filled spec: ${diff(fillSpec(reference), reference)}`;
    const again = load(fillSpec(spec));
    if (!again.ok) return `refused when loaded again: ${again.error.message}`;
    return diff(again.spec, reference) && `loaded again: ${diff(again.spec, reference)}`;
  });
  t.diagnostic(`${cases.length} specs: ${forms.short} took the short link, ${forms.compressed} the compressed one`);
  assert.ok(forms.short > 0 && forms.compressed > 0, 'both link forms are exercised');
});

test('(c) "Also set by this spec" lists only fields a clear changes; a cleared spec is what the engine fills', async (t) => {
  const counts = { listed: 0, accepted: 0, refused: 0 };
  const paths = new Set();
  await everyCase(cases, ({ spec }) => {
    const filled = load(spec).spec;
    const shown = shownPaths(filled);
    for (const { path, value } of extras(filled)) {
      counts.listed += 1;
      paths.add(general(path));
      if (shown.has(path)) return `${path} is listed but a control shows it`;
      if (!deepEqual(getAt(filled, path), value)) return `${path} is listed with ${clip(value)}, the spec holds ${clip(getAt(filled, path))}`;
      if (deepEqual(getAt(fillSpec(setAt(filled, path, undefined)), path), value)) return `${path} is listed, but without it the fill is the same`;
      const cleared = clearField(filled, path);
      if (deepEqual(cleared, filled)) return `clearing ${path} changes nothing`;
      const engine = load(cleared);
      if (!engine.ok) {
        counts.refused += 1;
        if (!engine.error.field) return `cleared ${path}: refused without a field: ${engine.error.message}`;
        continue;
      }
      counts.accepted += 1;
      const problem = diff(cleared, engine.spec);
      if (problem) return `cleared ${path}: ${problem}`;
    }
    return '';
  });
  t.diagnostic(`${counts.listed} fields listed; cleared: ${counts.accepted} accepted as filled, ${counts.refused} refused with a field named`);
  const expected = ['data.csv', 'data.x', 'data.y', 'init.weights', 'schedule.drops', 'split.dev_count', 'split.test_count',
    'layers[].slope', 'layers[].channels', 'overfit_samples', 'record_every'];
  assert.deepEqual(expected.filter((p) => !paths.has(p)), [], 'fields without a control that the box never listed');
});

// Specs the engine refuses, as users (and links) can give them: unknown keys (also ones an
// object has by inheritance), wrong types, values out of range, null; and values the engine
// reads but does not write back (a slope on a relu layer, a task for a generated set).
const HOSTILE_KEYS = ['zz_unknown', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
const withKey = (doc, at, key, value) => {
  const target = at ? getAt(doc, at) : doc;
  const object = Object.defineProperty({ ...target }, key, { value, enumerable: true, writable: true, configurable: true });
  return at ? setAt(doc, at, object) : object;
};
const NAMED_REFUSALS = [
  { seed: null }, { seed: -1 }, { seed: 1.5 }, { data: null }, { data: [] }, { data: { source: 'nowhere' } }, { data: { samples: 3 } },
  { split: null }, { split: { train: 0.5 } }, { split: { dev_count: -1 } }, { layers: null }, { layers: [] }, { layers: [null] },
  { layers: {} }, { layers: [{ units: 4, activation: 'relu', slope: 99 }, { activation: 'sigmoid' }] },
  { layers: [{ units: 4, activation: 'relu', slope: 'steep' }, { activation: 'sigmoid' }] },
  { layers: [{ units: 4, channels: 3 }, { activation: 'sigmoid' }] }, { layers: [{ units: 4, channels: null }, { activation: 'sigmoid' }] },
  { layers: [{ units: 4, activation: 'softmax' }, { activation: 'sigmoid' }] }, { layers: [{ units: 2, activation: 'sigmoid' }] },
  { data: { task: 'bogus' } }, { data: { task: null } }, { data: { csv: 5 } }, { data: { label: 3 } }, { data: { x: 'rows' } },
  { data: { y: 5 } }, { data: { source: 'csv' } }, { data: { source: 'inline' } }, { data: { source: 'csv', x: 'rows', csv: 'a,b\n1,0\n2,1\n' }, batch_size: 1 },
  { init: null }, { init: { scheme: 'explicit' } }, { init: { weights: [] } }, { init: { scheme: 'explicit', weights: [{ W: [[1, 2]], b: null }] } },
  { optimizer: { learning_rate: 0 } }, { optimizer: { beta1: 1 } }, { optimizer: 'adam' }, { schedule: { drops: 'many' } },
  { schedule: { drops: [{ epoch: -1 }] } }, { schedule: { drops: [null] } }, { batch_size: -1 }, { batch_size: '32' }, { batch_size: 281 },
  { epochs: 0 }, { normalize: 'yes' }, { augment: { flip: true } }, { augment: null }, { early_stopping: { patience: 0 } },
  { early_stopping: { enabled: true }, split: { train: 1, dev: 0 } }, { bayes_error: 2 }, { overfit_samples: null }, { record_every: -1 },
  // the separate form
  { data: { train: {} }, split: {} }, { data: { train: {}, dev: { from: 'train', take: 2 } }, split: { train: 1, dev: 0 } },
  { data: { source: 'moons', seed_offset: 1 } }, { data: { dev: { source: 'moons' } } }, { data: { train: { from: 'train', take: 2 } } },
  { data: { train: 5 } }, { data: { train: null } }, { data: { train: {}, dev: null } }, { data: { train: {}, test: [] } },
  { data: { train: {}, dev: { from: 'dev', take: 2 } } }, { data: { train: {}, dev: { from: null, take: 2 } } },
  { data: { train: {}, dev: { from: 'train' } } }, { data: { train: {}, dev: { from: 'train', take: 0 } } },
  { data: { train: {}, dev: { from: 'train', take: 2.5 } } }, { data: { train: {}, dev: { take: 2 } } },
  { data: { train: {}, test: { from: 'train', take: 2, source: 'moons' } } }, { data: { train: {}, source: 'moons' } },
  { data: { train: { seed_offset: -1 } } }, { data: { train: { seed_offset: 1.5 } } }, { data: { train: {}, dev: { seed_offset: 1000001 } } },
  { data: { train: {}, train_dev: { seed_offset: 'x' } } }, { data: { train: { source: 'csv' } } }, { data: { train: {}, dev: { source: 'inline', x: [[0]] } } },
  { data: { train: { samples: 10 }, dev: { from: 'train', take: 10 } } }, { data: { train: {}, dev: { source: 'iris' } } },
  { data: { train: { source: 'sine' }, test: { source: 'moons' } }, layers: [{ activation: 'linear' }] },
];

test('a spec the engine refuses is refused the same after fillSpec and through the link: nothing is dropped', async (t) => {
  const refusals = NAMED_REFUSALS.map((spec) => ({ name: JSON.stringify(spec), spec }));
  const objects = ['', 'data', 'split', 'layers[0]', 'init', 'regularization', 'optimizer', 'schedule', 'augment', 'early_stopping'];
  for (const at of objects) for (const key of HOSTILE_KEYS) {
    const base = at.startsWith('layers') ? { layers: [{ units: 2 }, { activation: 'sigmoid' }] } : at ? { [at]: {} } : {};
    refusals.push({ name: `${key} in ${at || 'the spec'}`, spec: withKey(base, at, key, 1) });
  }
  const separateBase = { data: { train: { source: 'moons' }, train_dev: { from: 'train', take: 2 }, dev: { source: 'moons', seed_offset: 3 }, test: {} } };
  for (const at of ['data', 'data.train', 'data.train_dev', 'data.dev', 'data.test']) for (const key of HOSTILE_KEYS)
    refusals.push({ name: `${key} in the separate form's ${at}`, spec: withKey(separateBase, at, key, 1) });
  // Each generated spec once more, with one of its fields (any depth) null or an object, or
  // an unknown key in one of its objects.
  const R = random(15);
  for (const { name, spec } of generated) {
    const { leaves, objects: inner } = walk(spec);
    const leaf = R.pick(leaves.filter(Boolean));
    refusals.push({ name: `${name} with ${leaf} ${R.chance(0.5) ? 'null' : '{}'}`, spec: setAt(spec, leaf, R.chance(0.5) ? null : {}) });
    const at = R.pick(inner);
    refusals.push({ name: `${name} with ${R.pick(HOSTILE_KEYS)} in ${at || 'the spec'}`, spec: withKey(spec, at, R.pick(HOSTILE_KEYS), 0) });
  }
  await everyCase(refusals, async ({ spec }) => {
    const given = load(spec);
    if (given.ok) return 'the engine accepts it (the test expects a refusal)';
    const filled = load(fillSpec(spec));
    if (filled.ok) return `accepted after fillSpec: the refused ${given.error.field} was dropped`;
    if (filled.error.field !== given.error.field) return `after fillSpec the engine names ${filled.error.field}, not ${given.error.field}`;
    const linked = load((await decodeLink((await encodeLink(fillSpec(spec))).hash)).spec);
    if (linked.ok || linked.error.field !== given.error.field) return `through the link: ${linked.ok ? 'accepted' : linked.error.field}`;
    return '';
  });
  t.diagnostic(`${refusals.length} refused specs`);
});
