// The embed's pure modules: options from objects, query strings and attributes, the allowed
// origins, the postMessage commands, the spec patch and the epoch batching.
//   node --test tests/web/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EpochBatcher, compactEpoch } from '../../web/embed/batcher.js';
import { fetchLessonUrl } from '../../web/embed/lesson-source.js';
import { EVENTS, checkCommand } from '../../web/embed/messages.js';
import {
  CONTROL_NAMES, DEFAULT_CONTROLS, checkSetting, fromQuery, normalizeOptions, parseLessonRef, parseOrigins,
} from '../../web/embed/options.js';
import { RunEvents } from '../../web/embed/run-events.js';
import { fillSpec } from '../../web/spec/fill.js';
import { rowOf, withLayerList, withValue } from '../../web/spec/table.js';

test('lesson references: an id and a run index, run 0 by default', () => {
  assert.deepEqual(parseLessonRef('initialization'), { id: 'initialization', run: 0 });
  assert.deepEqual(parseLessonRef('initialization/2'), { id: 'initialization', run: 2 });
  for (const bad of ['', 'a/b/c', 'Init', 'x/-1', 'a b', 'lessons/x.txt', 'ftp://x/y', 'javascript:alert(1)', '/a b.json']) {
    assert.equal(parseLessonRef(bad), undefined, bad);
  }
});

test('lesson references: the URL of a lesson file, with ?run=N for the run index', () => {
  const forms = {
    'https://course.example/lessons/mine.json': { url: 'https://course.example/lessons/mine.json', run: 0 },
    'http://127.0.0.1:8081/l?run=3': { url: 'http://127.0.0.1:8081/l', run: 3 },
    '/lessons/mine.json?run=2': { url: '/lessons/mine.json', run: 2 },
    './mine.json': { url: './mine.json', run: 0 },
    '../index': { url: '../index', run: 0 },
    'lessons/mine.json': { url: 'lessons/mine.json', run: 0 },
    'https://c.example/api?id=7&run=1': { url: 'https://c.example/api?id=7', run: 1 },
    ' /x.JSON ': { url: '/x.JSON', run: 0 },
  };
  for (const [text, ref] of Object.entries(forms)) assert.deepEqual(parseLessonRef(text), ref, text);
  assert.deepEqual(normalizeOptions({ lesson: '/mine.json?run=1' }).options.source, { kind: 'lesson', url: '/mine.json', run: 1 });
  assert.deepEqual(fromQuery('?lesson=https://c.example/l.json?run=1&controls=lr').raw, { lesson: 'https://c.example/l.json?run=1', controls: 'lr' });
});

test('good options are kept; missing ones take their defaults', () => {
  const { options, problems } = normalizeOptions({});
  assert.deepEqual(problems, []);
  assert.deepEqual(options.source, { kind: 'default' });
  assert.deepEqual(options.controls, DEFAULT_CONTROLS);
  assert.equal(options.charts, null);  // automatic: the boundary for 2-D data
  assert.equal(options.metric, 'error');

  const given = normalizeOptions({ lesson: 'regularization/1', controls: 'optimizer, lr', locked: ['epochs'],
    charts: 'metrics', metric: 'loss', speed: 'slow', title: ' L2 ', text: '' });
  assert.deepEqual(given.problems, []);
  assert.deepEqual(given.options.source, { kind: 'lesson', id: 'regularization', run: 1 });
  assert.deepEqual(given.options.controls, ['optimizer', 'lr', 'epochs']);  // locked ones are shown
  assert.deepEqual(given.options.locked, ['epochs']);
  assert.deepEqual(given.options.charts, ['metrics']);
  assert.equal(given.options.title, 'L2');
  assert.equal(given.options.text, '');
  assert.deepEqual(normalizeOptions({ controls: '' }).options.controls, []);
});

test('bad options are problems that name the field, the value and what is allowed', () => {
  const { options, problems } = normalizeOptions({ lesson: 'Etc!', controls: 'lr,fly', charts: 'pie', metric: 'joy', speed: 11 });
  assert.deepEqual(problems.map((p) => [p.field, p.given]), [['lesson', 'Etc!'], ['controls', 'fly'], ['charts', 'pie'], ['metric', 'joy'], ['speed', '11']]);
  assert.match(problems[1].allowed, /optimizer, lr/);
  assert.equal(problems[2].message, 'charts "pie" is not allowed; allowed: metrics, boundary.');
  assert.deepEqual(options.source, { kind: 'default' });
  assert.deepEqual(options.controls, ['lr']);
  assert.equal(options.metric, 'error');
  assert.equal(options.speed, 'fast');
  assert.ok(!CONTROL_NAMES.includes('hidden'));  // the layer lists are not single controls
});

test('a spec is an object or JSON text; several sources are one problem and the first wins', () => {
  assert.deepEqual(normalizeOptions({ spec: '{"epochs": 5}' }).options.source, { kind: 'spec', spec: { epochs: 5 } });
  const broken = normalizeOptions({ spec: '{"epochs": ' });
  assert.equal(broken.problems[0].field, 'spec');
  assert.match(broken.problems[0].allowed, /JSON object/);
  assert.equal(normalizeOptions({ spec: '[1]' }).problems.length, 1);
  const both = normalizeOptions({ lesson: 'optimization', settings: 'lr=0.1' });
  assert.deepEqual(both.problems.map((p) => p.field), ['source']);
  assert.equal(both.options.source.kind, 'lesson');
});

test('a query string gives the options, the extra keys apart, and unknown keys as problems', () => {
  const { raw, rest, problems } = fromQuery('?lesson=regularization/1&controls=optimizer,lr&origins=https://a.example&colour=red', ['origins']);
  assert.deepEqual(raw, { lesson: 'regularization/1', controls: 'optimizer,lr' });
  assert.deepEqual(rest, { origins: 'https://a.example' });
  assert.deepEqual(problems.map((p) => [p.field, p.given]), [['option', 'colour']]);
  const spec = encodeURIComponent(JSON.stringify({ optimizer: { name: 'adam' } }));
  assert.deepEqual(normalizeOptions(fromQuery(`?spec=${spec}`).raw).options.source.spec, { optimizer: { name: 'adam' } });
});

test('origins: exact origins or *, the embed’s own by default', () => {
  const own = 'http://127.0.0.1:8080';
  assert.deepEqual(parseOrigins(undefined, own), { origins: [own], problems: [] });
  assert.deepEqual(parseOrigins('https://course.example,http://127.0.0.1:8081', own).origins, ['https://course.example', 'http://127.0.0.1:8081']);
  assert.deepEqual(parseOrigins('*', own).origins, ['*']);
  const bad = parseOrigins('https://course.example/path,javascript:alert(1),course.example', own);
  assert.equal(bad.problems.length, 3);
  assert.deepEqual(bad.origins, [own]);  // nothing good was given: only its own origin
});

test('commands: well-formed ones pass with their fields', () => {
  assert.deepEqual(checkCommand({ descent: 1, type: 'train' }), { ok: true, command: { type: 'train' } });
  assert.deepEqual(checkCommand({ descent: 1, type: 'set', name: 'lr', value: 0.01, id: 7 }),
    { ok: true, command: { type: 'set', id: 7, name: 'lr', value: 0.01 } });
  assert.deepEqual(checkCommand({ descent: 1, type: 'load', spec: '{"epochs": 3}' }).command.spec, { epochs: 3 });
  assert.equal(checkCommand({ descent: 1, type: 'load', lesson: 'optimization/2' }).command.lesson, 'optimization/2');
  assert.equal(checkCommand({ descent: 1, type: 'load', lesson: 'https://c.example/l.json?run=1' }).command.lesson, 'https://c.example/l.json?run=1');
  assert.ok(EVENTS.includes('resize'));
});

test('commands: each malformed message is refused naming what is allowed', () => {
  const refuse = (data) => checkCommand(data).error;
  assert.match(refuse('train').allowed, /descent: 1/);
  assert.deepEqual([refuse({ descent: 2, type: 'train' }).field, refuse({ descent: 2, type: 'train' }).allowed], ['descent', 'the protocol version 1']);
  assert.equal(refuse({ descent: 1, type: 'fly' }).message, 'type "fly" is not allowed; allowed: load, train, pause, reset, set.');
  assert.equal(refuse({ descent: 1, type: 'train', speed: 3 }).field, 'speed');
  assert.equal(refuse({ descent: 1, type: 'set', value: 1 }).field, 'name');
  assert.equal(refuse({ descent: 1, type: 'set', name: 'lr', value: { x: 1 } }).field, 'value');
  assert.equal(refuse({ descent: 1, type: 'load' }).field, 'load');
  assert.equal(refuse({ descent: 1, type: 'load', spec: {}, lesson: 'x' }).field, 'load');
  assert.equal(refuse({ descent: 1, type: 'load', lesson: 'x y' }).field, 'lesson');
  assert.match(refuse({ descent: 1, type: 'load', lesson: 7 }).allowed, /URL of a lesson JSON file/);
  assert.equal(refuse({ descent: 1, type: 'train', id: { a: 1 } }).field, 'id');
  assert.equal(checkCommand({ descent: 1, type: 'fly', id: 'q' }).id, 'q');  // echoed with the refusal
});

test('a control change writes its path into the author’s spec, leaving the rest as written', () => {
  const spec = fillSpec({ seed: 2, batch_size: 300, init: { scheme: 'explicit', weights: [{ W: [[1, 2]], b: [0] }, { W: [[1]] }] },
    layers: [{ units: 1, activation: 'leaky_relu', slope: 0.2 }, { units: 1, activation: 'sigmoid' }],
    optimizer: { name: 'gd', learning_rate: 0.01 }, schedule: { name: 'step_drops', drops: [{ epoch: 5, factor: 0.1 }] } });
  const { spec: patched, note } = withValue(rowOf('lr'), spec, 0.5);
  assert.equal(note, undefined);
  assert.equal(patched.optimizer.learning_rate, 0.5);
  assert.deepEqual({ ...patched, optimizer: spec.optimizer }, spec);  // nothing else changed
  assert.equal(spec.optimizer.learning_rate, 0.01);  // the original is not touched
  const wider = withLayerList(spec, 'hidden', [1, 3]);
  assert.deepEqual(wider.layers.map((l) => [l.units, l.activation, l.slope]), [[1, 'leaky_relu', 0.2], [3, 'leaky_relu', 0.2], [1, 'sigmoid', undefined]]);
  const moved = withValue(rowOf('dataset'), spec, 'digits');
  assert.deepEqual(moved.spec.layers.at(-1), { units: 10, activation: 'softmax', keep_prob: 1, norm: 'none' });
  assert.match(moved.note, /output layer is now 10 softmax units/);
});

test('epochs are handed on at most once per interval, batched, and flushed on demand', () => {
  let now = 0;
  const timers = [];
  const clock = { performance: { now: () => now }, setTimeout: (f, ms) => timers.push({ f, at: now + ms }), clearTimeout: () => {} };
  const batches = [];
  const batcher = new EpochBatcher((records) => batches.push(records.map((r) => r.epoch)), 100, clock);
  batcher.push([{ epoch: 1, train_loss: 0.7, layers: [] }]);
  assert.deepEqual(batches, [[1]]);  // the first goes at once
  for (let e = 2; e <= 30; e++) {
    now += 3;
    batcher.push([{ epoch: e }]);
  }
  assert.equal(batches.length, 1);
  now = 100;
  timers.shift().f();
  assert.deepEqual(batches[1], Array.from({ length: 29 }, (_, i) => i + 2));
  batcher.push([{ epoch: 31 }]);
  batcher.flush();
  assert.deepEqual(batches[2], [31]);
  assert.deepEqual(compactEpoch({ epoch: 3, train_loss: 0.5, dev_loss: null, layers: [1] }), { epoch: 3, train_loss: 0.5 });
  assert.deepEqual(compactEpoch({ epoch: 4, train_error: 0.01, train_dev_loss: 0.2, train_dev_error: 0.015, dev_error: 0.1 }),
    { epoch: 4, train_error: 0.01, dev_error: 0.1, train_dev_loss: 0.2, train_dev_error: 0.015 });
});

test('set(name, value) reads values as the controls do and names what is allowed', () => {
  assert.deepEqual(checkSetting('lr', 0.01), { value: 0.01 });
  assert.deepEqual(checkSetting('optimizer', 'adam'), { value: 'adam' });
  assert.deepEqual(checkSetting('hidden', [16, 8]), { value: [16, 8] });
  assert.deepEqual(checkSetting('early', true), { value: true });
  assert.deepEqual(checkSetting('lr', -1).error, { field: 'lr', given: '-1', allowed: 'a number > 0 and <= 100',
    message: 'Learning rate "-1" is not allowed: use a number > 0 and <= 100.' });
  assert.deepEqual(checkSetting('batch', 'full'), { value: 0 });
  assert.deepEqual(checkSetting('batch', 50), { value: 50 });
  assert.equal(checkSetting('hidden', [16, 0]).error.field, 'hidden');
  assert.equal(checkSetting('optimizer', 'sgd').error.allowed, 'one of gd, momentum, rmsprop, adam');
  assert.equal(checkSetting('colour', 1).error.field, 'name');
});

// A fetch that answers from a table of URL -> Response (or throws, as a refused request does).
async function withFetch(table, body) {
  const real = globalThis.fetch;
  const asked = [];
  globalThis.fetch = async (url) => {
    asked.push(String(url));
    const answer = table[String(url)];
    if (answer instanceof Error) throw answer;
    return answer ? answer() : new Response('Not found', { status: 404, statusText: 'Not Found' });
  };
  try { return await body(asked); } finally { globalThis.fetch = real; }
}

test('a lesson file by URL: resolved against the document, checked, and each failure named', async () => {
  const base = 'https://course.example/unit/page.html';
  const lesson = { title: 'Mine', runs: [{ label: 'a', spec: { epochs: 3 } }, { label: 'b', spec: { epochs: 4 } }] };
  const json = (x) => () => new Response(JSON.stringify(x), { headers: { 'Content-Type': 'application/json' } });
  await withFetch({
    'https://course.example/unit/mine.json': json(lesson),
    'https://course.example/text.json': () => new Response('<html>'),
    'https://course.example/empty.json': json({ runs: [] }),
    'https://course.example/nospec.json': json({ runs: [{ label: 'x' }] }),
    'https://course.example/big.json': () => new Response('x', { headers: { 'Content-Length': '6000000' } }),
    'https://other.example/l.json': new TypeError('Failed to fetch'),
  }, async (asked) => {
    const got = await fetchLessonUrl('./mine.json', 1, base);
    assert.deepEqual(got.problems, []);
    assert.equal(got.run, 1);
    assert.equal(got.lesson.url, 'https://course.example/unit/mine.json');
    assert.equal(got.lesson.runs[1].spec.epochs, 4);
    const outOfRange = await fetchLessonUrl('mine.json', 5, base);
    assert.equal(outOfRange.run, 0);
    assert.equal(outOfRange.problems[0].allowed, 'a run index from 0 to 1');

    const why = async (url) => (await fetchLessonUrl(url, 0, base)).problems[0];
    const missing = await why('/missing.json');
    assert.equal(missing.field, 'lesson');
    assert.equal(missing.given, 'https://course.example/missing.json');
    assert.equal(missing.message, 'The lesson at https://course.example/missing.json could not be loaded: HTTP 404 Not Found.');
    assert.match((await why('/text.json')).message, /could not be loaded: it is not JSON\.$/);
    assert.match((await why('/empty.json')).message, /it has no runs/);
    assert.match((await why('/nospec.json')).message, /its run 0 has no spec object/);
    assert.match((await why('/big.json')).message, /larger than 5 MB/);
    const refused = (await why('https://other.example/l.json')).message;
    assert.match(refused, /Access-Control-Allow-Origin/);
    assert.match(refused, /Content-Security-Policy connect-src does not allow https:\/\/other\.example/);
    assert.equal(asked.includes('https://course.example/unit/mine.json'), true);
  });
});

test('run events: loaded, batched epochs, finished once after its epochs, state, error', () => {
  const target = new EventTarget();
  const seen = [];
  for (const type of ['loaded', 'epoch', 'finished', 'state', 'error']) {
    target.addEventListener(`descent:${type}`, (e) => seen.push([type, e.detail]));
  }
  const events = new RunEvents(target);
  events.loaded({ epochs: [{ epoch: 0, train_loss: 0.7, layers: [] }] }, { spec: { epochs: 2 } });
  assert.deepEqual(seen.shift(), ['loaded', { spec: { epochs: 2 }, epochs: [{ epoch: 0, train_loss: 0.7 }], lesson: null, title: null, reset: true }]);
  events.progress({ epochs: [{ epoch: 1, train_loss: 0.6 }] });
  events.progress({ epochs: [{ epoch: 2, train_loss: 0.5 }], summary: { epochs_run: 2 } });
  events.progress({ epochs: [], summary: { epochs_run: 2 } });
  events.state('finished');
  assert.deepEqual(seen.map(([type]) => type), ['epoch', 'epoch', 'finished', 'state']);
  assert.deepEqual(seen[1][1], { epoch: 2, train_loss: 0.5, epochs: [{ epoch: 2, train_loss: 0.5 }] });
  assert.deepEqual(seen[2][1], { epochs_run: 2 });
  assert.deepEqual(seen[3][1], { state: 'finished' });
  events.error({ field: 'lr', message: 'no' });
  assert.deepEqual(seen.at(-1), ['error', { field: 'lr', given: '', allowed: '', message: 'no' }]);
  events.stop();
  events.state('idle');
  assert.equal(seen.at(-1)[0], 'error');
});
