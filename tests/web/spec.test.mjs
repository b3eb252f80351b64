// The page's state logic, pure (web/spec): paths into a spec, the link (old short links still
// read, hostile compressed ones never throw), and the "Also set by this spec" box.
//   node --test tests/web/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';

import { clearField, describe, extras } from '../../web/spec/extras.js';
import { DEFAULT_SPEC, defaultSpec, fillSpec } from '../../web/spec/fill.js';
import { LINK_MAX, MAX_INFLATED, decodeLink, encodeLink, fromShort, minimalSpec, toShort } from '../../web/spec/hash.js';
import { deepEqual, differingPaths, getAt, parsePath, setAt } from '../../web/spec/path.js';
import { shapeError } from '../../web/spec/shape.js';
import { random } from './spec-generator.mjs';

const freeze = (v) => { if (v && typeof v === 'object') { Object.values(v).forEach(freeze); Object.freeze(v); } return v; };
const link = (json) => `#spec=${deflateRawSync(Buffer.from(json)).toString('base64url')}`;
const SPEC = freeze(fillSpec({ data: { source: 'iris' }, layers: [{ units: 6, activation: 'leaky_relu', slope: 0.2 }, { units: 3, activation: 'softmax' }] }));

// --- path.js -------------------------------------------------------------------------------

test('parsePath reads the engine\'s field names; anything else is null', () => {
  assert.deepEqual(parsePath('layers[2].units'), ['layers', 2, 'units']);
  assert.deepEqual(parsePath('data.x[3][1]'), ['data', 'x', 3, 1]);
  assert.deepEqual(parsePath('seed'), ['seed']);
  assert.deepEqual(parsePath('init.weights[0].W'), ['init', 'weights', 0, 'W']);
  for (const bad of ['layers[x].units', 'a[1', 'a]b', 'layers[-1]']) assert.equal(parsePath(bad), null, bad);
});

test('getAt follows a path, and is undefined past a missing or non-object step', () => {
  assert.equal(getAt(SPEC, 'layers[0].slope'), 0.2);
  assert.equal(getAt(SPEC, 'data.source'), 'iris');
  assert.deepEqual(getAt(SPEC, 'layers[1]'), { units: 3, activation: 'softmax', keep_prob: 1, norm: 'none' });
  for (const path of ['layers[7].units', 'data.source.length.x', 'nothing.here', 'seed.value'])
    assert.equal(getAt(SPEC, path), undefined, path);
  assert.equal(getAt({ a: null }, 'a.b'), undefined);
});

test('setAt writes on a copy: the original is untouched, untouched branches are shared', () => {
  const next = setAt(SPEC, 'layers[0].units', 9);  // SPEC is frozen: a write to it would throw
  assert.equal(next.layers[0].units, 9);
  assert.equal(SPEC.layers[0].units, 6);
  assert.equal(next.data, SPEC.data);
  assert.equal(next.layers[1], SPEC.layers[1]);
  assert.notEqual(next.layers, SPEC.layers);
  assert.deepEqual(differingPaths(next, SPEC), ['layers[0].units']);
  // objects and arrays are made on the way; undefined deletes (a key, or an array element)
  const made = setAt({}, 'a.b[1].c', 5);
  assert.deepEqual([made.a.b.length, made.a.b[1]], [2, { c: 5 }]);
  assert.deepEqual(setAt(SPEC, 'split.dev_count', 10).split.dev_count, 10);
  assert.equal('slope' in setAt(SPEC, 'layers[0].slope', undefined).layers[0], false);
  assert.deepEqual(setAt({ a: [1, 2, 3] }, 'a[1]', undefined), { a: [1, 3] });
  assert.equal(setAt(SPEC, 'a[', 1), SPEC, 'a path that does not parse changes nothing');
});

test('deepEqual compares JSON documents: key order aside, NaN equals NaN, arrays are not objects', () => {
  assert.ok(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }));
  assert.ok(deepEqual(NaN, NaN));
  assert.ok(deepEqual(fillSpec({}), DEFAULT_SPEC));
  for (const [a, b] of [[{ a: 1 }, { a: 1, b: undefined }], [[1, 2], { 0: 1, 1: 2 }], [null, {}], [0, -0 + 1], [[1], [1, 1]], ['1', 1], [{ a: [] }, { a: {} }]])
    assert.ok(!deepEqual(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  assert.deepEqual(differingPaths({ x: [1, 2], l: [{ u: 1 }, { u: 2 }] }, { x: [1, 3], l: [{ u: 1 }, { u: 3 }] }), ['x', 'l[1].u']);
});

// --- fill.js: the separate form ---------------------------------------------------------------

const SEPARATE = freeze({ seed: 3, data: { dev: { source: 'moons', samples: 100, noise: 0.35 }, train: { source: 'moons', samples: 300, noise: 0.1 },
  train_dev: { take: 60, from: 'train' } } });

test('separate sets fill as the engine fills them: the sets given, in order, seed_offset last, no split', () => {
  const filled = fillSpec(SEPARATE);
  const moons = (samples, noise) => ({ source: 'moons', samples, noise, factor: 0.5, classes: 3, seed_offset: 0 });
  // `descent spec` of SEPARATE, key order included
  assert.equal(JSON.stringify(filled.data), JSON.stringify({ train: moons(300, 0.1), train_dev: { from: 'train', take: 60 }, dev: moons(100, 0.35) }));
  assert.deepEqual(Object.keys(filled), Object.keys(DEFAULT_SPEC).filter((k) => k !== 'split'));
  const inline = fillSpec({ data: { train: { seed_offset: 4, source: 'inline', x: [[1]], y: [0] }, test: {} } }).data;
  assert.equal(JSON.stringify(inline.train), JSON.stringify({ source: 'inline', samples: 400, noise: 0.1, factor: 0.5, classes: 3,
    task: 'classification', x: [[1]], y: [0], seed_offset: 4 }));
  assert.deepEqual(inline.test, { ...DEFAULT_SPEC.data, seed_offset: 0 });
  assert.deepEqual(fillSpec(filled), filled);
});

test('separate sets the engine would refuse are kept as given, for the engine to name', () => {
  const keeps = (spec, path) => assert.deepEqual(getAt(fillSpec(spec), path), getAt(spec, path), `${JSON.stringify(spec)}: ${path}`);
  keeps({ data: { train: {} }, split: { train: 1 } }, 'split');  // no split beside separate sets
  keeps({ data: { train: {}, dev: { from: 'dev', take: 2 } } }, 'data.dev');
  keeps({ data: { train: {}, dev: { from: 'train' } } }, 'data.dev');  // take missing: not filled in
  keeps({ data: { train: {}, dev: { from: 'train', take: 2, source: 'moons' } } }, 'data.dev');
  keeps({ data: { train: { from: 'train', take: 2 } } }, 'data.train');
  keeps({ data: { train: 5 } }, 'data.train');
  keeps({ data: { train: {}, test: null } }, 'data.test');
  keeps({ data: { train: {}, source: 'moons' } }, 'data.source');
  assert.equal('train' in fillSpec({ data: { dev: {} } }).data, false, 'a missing train is not filled in');
  keeps({ data: { source: 'moons', seed_offset: 1 } }, 'data.seed_offset');  // single form: unknown
  for (const bad of [-1, 1.5, 1000001, '2', null]) keeps({ data: { train: { seed_offset: bad } } }, 'data.train.seed_offset');
  assert.equal('split' in fillSpec({ data: { train: {} } }), false);
});

// --- hash.js -------------------------------------------------------------------------------

test('separate sets go through the link whole, without a split; their data too large is left out and said', async () => {
  const filled = fillSpec(SEPARATE);
  assert.equal(toShort(filled), null, 'the short form has no separate sets');
  assert.equal('split' in minimalSpec(filled), false);
  assert.deepEqual(fillSpec(minimalSpec(filled)), filled);
  const { hash, omitted } = await encodeLink(filled, { speed: 'max' });
  assert.match(hash, /^#spec=[\w-]+&speed=max$/);
  assert.equal(omitted, null);
  const back = await decodeLink(hash);
  assert.deepEqual([back.view, back.rejected, back.problem], [{ speed: 'max' }, [], '']);
  assert.equal(JSON.stringify(back.spec), JSON.stringify(filled));

  const R = random(8);
  const csv = (n) => ['a,b,y', ...Array.from({ length: n }, (_, i) => `${R.num(0, 1, 6)},${R.num(0, 1, 6)},${i % 2}`)].join('\n');
  const big = fillSpec({ data: { train: { source: 'csv', csv: csv(12000) }, train_dev: { from: 'train', take: 10 },
    dev: { source: 'csv', csv: csv(8000), seed_offset: 2 }, test: { source: 'inline', x: [[0, 0], [1, 1]], y: [0, 1] } }, epochs: 5 });
  const cut = await encodeLink(big);
  assert.match(cut.omitted, /^the CSV files \(0\.\d MB\)$/);
  assert.ok(cut.hash.length <= LINK_MAX, `${cut.hash.length} characters`);
  const rest = (await decodeLink(cut.hash)).spec;
  assert.deepEqual(differingPaths(rest, big).sort(), ['data.dev.csv', 'data.test.x', 'data.test.y', 'data.train.csv']);
  assert.deepEqual([rest.data.train.csv, rest.data.dev.csv, rest.data.dev.seed_offset, rest.data.train_dev], ['', '', 2, { from: 'train', take: 10 }]);
});


test('an old short link still reads: full batch, softmax 10 for digits, two tanh layers', async () => {
  const { spec, view, rejected, problem } = await decodeLink('#batch=full&output=auto&hidden=16,16&act=tanh&dataset=digits&lr=0.01');
  assert.deepEqual([view, rejected, problem], [{}, [], '']);
  const expected = fillSpec({ data: { source: 'digits' }, optimizer: { learning_rate: 0.01 }, batch_size: 0,
    layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }, { units: 10, activation: 'softmax' }] });
  assert.deepEqual(differingPaths(spec, expected), []);
  assert.equal(spec.batch_size, 0);
  assert.deepEqual(spec.layers.at(-1), { units: 10, activation: 'softmax', keep_prob: 1, norm: 'none' });
});

test('a short link gives the filled spec: a leaky layer has its slope, a CSV its empty text', () => {
  for (const query of ['act=leaky_relu', 'act=prelu&hidden=3', 'dataset=csv', 'dataset=blobs&classes=5', 'split=60/20/20&batch=50']) {
    const { spec, rejected } = fromShort(new URLSearchParams(query));
    assert.deepEqual(rejected, [], query);
    assert.deepEqual(differingPaths(spec, fillSpec(spec)), [], query);
  }
  assert.equal(fromShort(new URLSearchParams('act=leaky_relu')).spec.layers[0].slope, 0.01);
  assert.deepEqual(fromShort(new URLSearchParams('dataset=blobs&classes=5')).spec.layers.at(-1).units, 5);
});

test('unknown keys and values a control does not allow are rejected by name; the rest applies', async () => {
  const { spec, view, rejected, problem } = await decodeLink('#lr=abc&hidden=8,x&bogus=1&speed=warp&epochs=0&dataset=mars&batch=1.5&split=50/10/10&epochs2=3&optimizer=adam&l2=0.5');
  assert.deepEqual(rejected.sort(), ['batch', 'bogus', 'dataset', 'epochs', 'epochs2', 'hidden', 'lr', 'speed', 'split']);
  assert.equal(problem, '');
  assert.deepEqual(view, {});
  assert.deepEqual(differingPaths(spec, defaultSpec()).sort(), ['optimizer.name', 'regularization.l2']);
  const tooMany = await decodeLink(`#hidden=${Array(64).fill(2).join(',')}`);
  assert.deepEqual(tooMany.rejected, ['hidden']);
  assert.equal(tooMany.spec.layers.length, 3);
});

test('the short form is used where it says everything, the compressed one elsewhere', async () => {
  assert.deepEqual(await encodeLink(defaultSpec()), { hash: '#', omitted: null });
  const short = fillSpec({ data: { source: 'moons', samples: 200 }, optimizer: { name: 'adam', learning_rate: 0.003 }, layers: [{ units: 5, activation: 'tanh' }, { activation: 'sigmoid' }] });
  const { hash } = await encodeLink(short, { speed: 'slow' });
  assert.match(hash, /^#(?!spec=)/);
  assert.equal(hash, `#${toShort(short).toString().replaceAll('%2C', ',')}&speed=slow`);
  for (const spec of [SPEC, fillSpec(setAt(short, 'split.dev_count', 20)), setAt(short, 'zz_unknown', 1), setAt(short, 'split', null)]) {
    const encoded = await encodeLink(spec);
    assert.match(encoded.hash, /^#spec=[\w-]+$/);
    const back = await decodeLink(encoded.hash);
    assert.deepEqual(differingPaths(back.spec, spec), []);
    assert.equal(back.problem, '');
  }
});

test('data too large for a link is left out and said; the rest of the spec stays', async () => {
  const R = random(7);  // random digits compress poorly: 360 KB of CSV stays over the link's limit
  const rows = Array.from({ length: 20000 }, (_, i) => `${R.num(0, 1, 6)},${R.num(0, 1, 6)},${i % 2}`);
  const spec = fillSpec({ data: { source: 'csv', csv: ['a,b,y', ...rows].join('\n') }, epochs: 7, batch_size: 64 });
  const { hash, omitted } = await encodeLink(spec);
  assert.match(omitted, /^the CSV file \(0\.\d MB\)$/);
  assert.ok(hash.length <= LINK_MAX, `${hash.length} characters`);
  const back = await decodeLink(hash);
  assert.deepEqual(differingPaths(back.spec, spec), ['data.csv']);
  assert.equal(back.spec.data.csv, '');
});

test('a hostile compressed spec gives the default spec and says so, and never throws', async () => {
  const bomb = link(`{}${' '.repeat(MAX_INFLATED + 1)}`);  // valid JSON, over the limit
  const cases = {
    'not base64url text': '#spec=@@not*base64!!',
    'not deflate data': '#spec=AAAAAAAAAAAA',
    'empty': '#spec=',
    'not JSON': link('{"seed": 1,'),
    'an array': link('[1, 2]'),
    'null': link('null'),
    'a number': link('5'),
    'a string': link('"spec"'),
    'a zip bomb': bomb,
  };
  for (const [what, hash] of Object.entries(cases)) {
    const back = await decodeLink(`${hash}&speed=fast`);
    assert.deepEqual(back.spec, defaultSpec(), what);
    assert.match(back.problem, /^The experiment in the link could not be read \(.+\); the default experiment is shown\.$/, what);
    assert.deepEqual(back.view, { speed: 'fast' }, what);
  }
  assert.match((await decodeLink(bomb)).problem, /allowed: at most 60000000/);
  assert.match((await decodeLink(link('[1]'))).problem, /not a JSON object/);
});

// --- extras.js -----------------------------------------------------------------------------

test('describe says a value short: data by its size, weights by their layers, drops in words', () => {
  assert.equal(describe('data.csv', 'a,b\r\n1,2\r\n3,4\r\n\r\n'), '2 rows of CSV text, 0.0 KB');  // blank lines are not rows
  assert.equal(describe('data.csv', ''), '0 rows of CSV text, 0.0 KB');
  assert.equal(describe('data.csv', `a,b\n${'1,2\n'.repeat(3000)}`), '3000 rows of CSV text, 12.0 KB');
  assert.equal(describe('data.x', [[1, 2], [3, 4], [5, 6]]), '3 rows of 2 features');
  // A source per set: each set's CSV and rows are described the same way.
  assert.equal(describe('data.train.csv', 'a,b\n1,2\n3,4\n'), '2 rows of CSV text, 0.0 KB');
  assert.equal(describe('data.dev.x', [[1, 2]]), '1 row of 2 features');
  assert.equal(describe('data.test.y', [0, 1]), '2 labels or targets');
  assert.equal(describe('data.y', [0, 1, 1]), '3 labels or targets');
  assert.equal(describe('init.weights', [{ W: [[1]], b: [0] }]), 'explicit W and b for 1 layer');
  assert.equal(describe('init.weights', [{}, {}]), 'explicit W and b for 2 layers');
  assert.equal(describe('schedule.drops', [{ epoch: 10, factor: 0.1 }, { epoch: 20, factor: 0.5 }]), '×0.1 at epoch 10, ×0.5 at epoch 20');
  assert.equal(describe('schedule.drops', []), 'none');
  assert.equal(describe('layers[0].slope', 0.2), '0.2');
  assert.equal(describe('split.dev_count', 10), '10');
  const long = describe('zz_unknown', 'x'.repeat(100));
  assert.equal(long.length, 60);
  assert.ok(long.endsWith('...'));
});

const RICH = freeze(fillSpec({
  data: { source: 'inline', x: [[0, 1], [1, 0], [1, 1], [0, 0]], y: [0, 1, 1, 0] }, split: { dev_count: 1 },
  layers: [{ units: 4, activation: 'leaky_relu', slope: 0.3, norm: 'layer', channels: 2 }, { units: 4, activation: 'prelu' }, { activation: 'sigmoid' }],
  init: { scheme: 'explicit', weights: [{ W: [[1, 0], [0, 1], [1, 1], [0, 0]] }, { W: Array(4).fill([1, 1, 1, 1]) }, { W: [[1, 1, 1, 1]] }] },
  schedule: { name: 'step_drops', drops: [{ epoch: 5 }] }, overfit_samples: 2, record_every: 3, batch_size: 1,
}));

test('extras lists the fields no control shows that differ from the fill without them', () => {
  const listed = extras(RICH);
  assert.deepEqual(listed.map((e) => e.path).sort(), ['data.x', 'data.y', 'init.weights', 'layers[0].channels', 'layers[0].slope',
    'overfit_samples', 'record_every', 'schedule.drops', 'split.dev_count'].sort());
  assert.deepEqual(listed.find((e) => e.path === 'schedule.drops'), { path: 'schedule.drops', value: [{ epoch: 5, factor: 0.1 }], text: '×0.1 at epoch 5' });
  assert.equal(listed.find((e) => e.path === 'data.x').text, '4 rows of 2 features');
  // a prelu's 0.25 and the test_count the counts form fills in are what the engine would fill: not listed
  assert.ok(!listed.some((e) => e.path === 'layers[1].slope' || e.path === 'split.test_count'));
  assert.deepEqual(extras(defaultSpec()), []);
  assert.deepEqual(extras(fillSpec({ zz_unknown: 1 })).map((e) => e.path), ['zz_unknown'], 'a field the engine refuses can be cleared');
});

test('clearField clears a field with those that go with it, filled as the engine fills', () => {
  const cleared = (path) => { const next = clearField(RICH, path); assert.deepEqual(next, fillSpec(next), path); return next; };
  // inline data: x and y go together, and the data set becomes the default
  for (const path of ['data.x', 'data.y']) {
    const next = cleared(path);
    assert.deepEqual(differingPaths(next.data, DEFAULT_SPEC.data), [], path);
  }
  // a CSV: its text, label and task go together; the data set stays (the page asks for a file)
  const csv = freeze(fillSpec({ data: { source: 'csv', csv: 'a,y\n1,0\n2,1\n', label: 'y', task: 'regression' } }));
  assert.deepEqual(clearField(csv, 'data.csv').data, { ...DEFAULT_SPEC.data, source: 'csv', task: 'classification', csv: '', label: '' });
  assert.deepEqual(clearField(csv, 'data.label'), clearField(csv, 'data.csv'));
  // explicit weights: the scheme goes back to the default too
  assert.deepEqual(cleared('init.weights').init, DEFAULT_SPEC.init);
  // dev/test counts: both go; the ratios split applies
  assert.deepEqual(cleared('split.dev_count').split, DEFAULT_SPEC.split);
  // one field alone
  assert.deepEqual(differingPaths(cleared('layers[0].slope'), RICH), ['layers[0].slope']);
  assert.equal(cleared('layers[0].slope').layers[0].slope, 0.01);
  assert.equal('channels' in cleared('layers[0].channels').layers[0], false);
  assert.deepEqual(differingPaths(cleared('schedule.drops'), RICH), ['schedule.drops']);
  assert.deepEqual(differingPaths(cleared('overfit_samples'), RICH), ['overfit_samples']);
  assert.equal('zz_unknown' in clearField(fillSpec({ zz_unknown: 1 }), 'zz_unknown'), false);
});

test('clearing inline data gives the default data set the output layer it needs', () => {
  const inline = fillSpec({ data: { source: 'inline', x: [[0], [1], [2], [3], [4], [5]], y: [0, 1, 2, 0, 1, 2] },
    layers: [{ units: 4 }, { units: 3, activation: 'softmax' }], batch_size: 2 });
  const next = clearField(inline, 'data.x');
  assert.equal(next.data.source, 'circles');
  assert.deepEqual(next.layers.at(-1), { units: 1, activation: 'sigmoid', keep_prob: 1, norm: 'none' });
  assert.deepEqual(next.layers[0], inline.layers[0]);
});

test('a spec the page cannot show is refused at the door, naming the field', () => {
  assert.equal(shapeError(fillSpec({})), null);
  assert.equal(shapeError(fillSpec(RICH)), null);
  assert.deepEqual(shapeError(fillSpec({ data: null })), { field: 'data', given: 'null', allowed: 'an object', message: 'data is null; allowed: an object' });
  assert.equal(shapeError(fillSpec({ layers: [] })).field, 'layers');
  assert.equal(shapeError(fillSpec({ layers: 'big' })).field, 'layers');
  assert.equal(shapeError(fillSpec({ layers: [{ units: 2 }, 7] })).field, 'layers[1]');
  assert.equal(shapeError(fillSpec({ optimizer: [1] })).field, 'optimizer');
  assert.equal(shapeError([1]).field, 'spec');
});
