// The embed's pure modules: options from objects, query strings and attributes, the allowed
// origins, the postMessage commands, the spec patch and the epoch batching.
//   node --test tests/web/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EpochBatcher, compactEpoch } from '../../web/embed/batcher.js';
import { checkCommand } from '../../web/embed/messages.js';
import {
  CONTROL_NAMES, DEFAULT_CONTROLS, checkSetting, fromQuery, normalizeOptions, parseLessonRef, parseOrigins,
} from '../../web/embed/options.js';
import { fillSpec } from '../../web/spec/fill.js';
import { rowOf, withLayerList, withValue } from '../../web/spec/table.js';

test('lesson references: an id and a run index, run 0 by default', () => {
  assert.deepEqual(parseLessonRef('initialization'), { id: 'initialization', run: 0 });
  assert.deepEqual(parseLessonRef('initialization/2'), { id: 'initialization', run: 2 });
  for (const bad of ['', '../index', 'a/b/c', 'Init', 'x/-1', '/2', 'a b']) assert.equal(parseLessonRef(bad), undefined, bad);
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
  const { options, problems } = normalizeOptions({ lesson: '../../etc', controls: 'lr,fly', charts: 'pie', metric: 'joy', speed: 11 });
  assert.deepEqual(problems.map((p) => [p.field, p.given]), [['lesson', '../../etc'], ['controls', 'fly'], ['charts', 'pie'], ['metric', 'joy'], ['speed', '11']]);
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
  assert.equal(refuse({ descent: 1, type: 'load', lesson: '../x' }).field, 'lesson');
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
