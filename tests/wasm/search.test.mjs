// engine.search in WASM: what the page's search panel calls. The plan's random draws are the
// native build's to the last bit (the engine's own Rng); the range test's first loss agrees
// with the native build's to 1e-4 (float training).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { runTrial } from '../../web/trial.js';
import { answer, loadEngine } from './engine.mjs';

const engine = await loadEngine();
const search = (request) => answer(engine.search(JSON.stringify(request)));

test('plan: random trials, seeded, with complete specs', () => {
  const request = {
    kind: 'plan', method: 'random', trials: 2, seed: 7,
    params: [{ name: 'learning_rate', min: 1e-4, max: 1e-1 }, { name: 'batch_size', min: 8, max: 64 }],
  };
  const plan = search(request);
  assert.equal(plan.ok, true, JSON.stringify(plan.error));
  assert.deepEqual(plan.params, [
    { name: 'learning_rate', min: 1e-4, max: 1e-1, scale: 'log' },
    { name: 'batch_size', min: 8, max: 64, scale: 'pow2' },
  ]);
  // As the native build draws them (tests/engine: the same request, printed).
  assert.deepEqual(plan.trials.map((t) => [t.id, t.values]), [
    [1, { learning_rate: 0.012639486970441014, batch_size: 32 }],
    [2, { learning_rate: 0.033028008343071485, batch_size: 8 }],
  ]);
  for (const t of plan.trials) {
    assert.equal(t.spec.optimizer.learning_rate, t.values.learning_rate);
    assert.equal(t.spec.batch_size, t.values.batch_size);
    assert.equal(t.spec.epochs, 300);  // every default filled in
  }
  assert.deepEqual(search(request), plan);
});

test('lr_range: the default spec, a rate on the falling loss', () => {
  const range = search({ kind: 'lr_range', min: 1e-5, max: 10, iterations: 300 });
  assert.equal(range.ok, true, JSON.stringify(range.error));
  const first = range.points[0];
  assert.equal(first.iteration, 1);
  assert.equal(first.learning_rate, 1e-5);
  assert.ok(Math.abs(first.loss - 0.700862) < 1e-4, `first loss ${first.loss}`);
  assert.equal(first.smoothed, first.loss);  // bias correction: v_1 / (1 - 0.9) = loss
  assert.ok(range.suggested_learning_rate > 1e-3 && range.suggested_learning_rate < 1,
    `suggested ${range.suggested_learning_rate}`);
  assert.ok(range.suggested_learning_rate < range.min_loss_learning_rate);
  assert.equal(typeof range.stopped_early, 'boolean');
  assert.equal(typeof range.reason, 'string');
});

test('a bad search request is answered with the field, the value and what is allowed', () => {
  const bad = search({ kind: 'plan', params: [{ name: 'learning_rate', min: 1e-3, max: 1 }, { name: 'l2', min: 0, max: 1 }] });
  assert.equal(bad.ok, false);
  assert.equal(bad.error.field, 'params[1].min');
  assert.equal(bad.error.given, '0');
  assert.match(bad.error.message, /^params\[1\]\.min is 0; allowed: a number > 0 on the log scale/);
  assert.equal(search({ kind: 'tune' }).error.field, 'kind');
});

test('a trial (web/trial.js) trains to its end and times the training alone', () => {
  const spec = { seed: 1, data: { source: 'circles', samples: 200, noise: 0.1 }, epochs: 30,
    layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] };
  const t0 = performance.now();
  const trial = runTrial(engine, spec);
  const wall = performance.now() - t0;
  assert.equal(trial.ok, true, JSON.stringify(trial.error));
  assert.deepEqual(trial.epochs.map((e) => e.epoch), Array.from({ length: 31 }, (_, i) => i));
  assert.ok(trial.train_ms > 0 && trial.train_ms <= wall, `${trial.train_ms} ms training of ${wall} ms`);
  assert.equal(runTrial(engine, { ...spec, epochs: -1 }).ok, false);  // a refusal is an answer, not a throw
});
