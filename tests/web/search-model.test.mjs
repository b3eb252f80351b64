// The search's model without the page or the engine: a fake of the worker pool answers its
// plan, zoom and sensitivity requests and settles its runs when the test says, so the rows,
// counts, best trial, status line, Apply best's spec and the staleness of old continuations
// can be checked step by step.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SearchModel, countRows, searchBase } from '../../web/search/search-model.js';

const SPEC = {
  seed: 7, data: { source: 'inline', x: [[0, 1], [1, 0]], y: [0, 1] }, layers: [{ units: 4, activation: 'leaky_relu', alpha: 0.2 }, { units: 1, activation: 'sigmoid' }],
  optimizer: { name: 'adam', learning_rate: 0.01 }, batch_size: 50, epochs: 300, step_drops: [100], early_stopping: { enabled: false, monitor: 'dev_loss', min_delta: 0.01 },
};
const CONFIG = { params: [{ name: 'learning_rate', min: 1e-4, max: 0.1, scale: 'log' }], method: 'random', trials: 4, gridPoints: 3, epochs: 30, early: true, workers: 2 };
const tick = () => new Promise((resolve) => setImmediate(resolve));

// The planned trials: each the base spec with its learning rate written in, as the engine plans.
const planOf = (request, rates) => ({
  ok: true, params: request.params,
  trials: rates.map((rate, i) => ({ id: i + 1, values: { learning_rate: rate },
    spec: { ...structuredClone(request.base), optimizer: { ...request.base.optimizer, learning_rate: rate } } })),
});
const done = (id, devAccuracy, devLoss = 0.3) => ({ id, status: 'done', error: null, ms: 10,
  answer: { ok: true, summary: { train_accuracy: 1, dev_accuracy: devAccuracy, dev_loss: devLoss, epochs_run: 30 } } });

// A fake TrialPool: requests answered by answer(request); runs settled by the test.
class FakePool {
  constructor(size, answer) {
    Object.assign(this, { size, answer, requests: [], runs: [], cancels: 0, disposed: false });
  }
  request(request) {
    this.requests.push(request);
    return Promise.resolve(this.answer(request));
  }
  run(trials, { onUpdate }) {
    return new Promise((resolve) => this.runs.push({ trials, onUpdate, resolve }));
  }
  cancel() { this.cancels += 1; }
  dispose() { this.disposed = true; }
}

// A model on fake pools; rates: the learning rates each plan gives.
function setup({ rates = [0.001, 0.01, 0.1], answer } = {}) {
  const pools = [];
  const seen = { changes: 0, narrowed: null };
  const reply = answer || ((r) => (r.kind === 'plan' ? planOf(r, rates)
    : r.kind === 'zoom' ? { ok: true, params: [{ ...r.params[0], min: 0.005, max: 0.02 }] }
      : { ok: true, ranking: [{ name: 'learning_rate', explained: 0.9, course_priority: 1, course_note: 'first' }] }));
  const model = new SearchModel({ workerUrl: 'worker.js', makePool: (size) => { pools.push(new FakePool(size, reply)); return pools.at(-1); } });
  model.listen({ changed: () => { seen.changes += 1; }, narrowed: (params) => { seen.narrowed = params; } });
  return { model, pools, seen };
}

// Starts a search and waits for its plan: the run is then pending on the pool.
async function started(s, config = CONFIG) {
  const finished = s.model.start(config, SPEC);
  await tick();
  return { finished, run: s.pools.at(-1).runs.at(-1) };
}

test('countRows and searchBase', () => {
  assert.deepEqual(countRows([{ status: 'done' }, { status: 'done' }, { status: 'queued' }, { status: 'cancelled' }]),
    { done: 2, running: 0, queued: 1, failed: 0, cancelled: 1 });
  const base = searchBase(SPEC, { epochs: 30, early: true });
  assert.deepEqual(base, { ...SPEC, epochs: 30, early_stopping: { ...SPEC.early_stopping, enabled: true } });
  assert.equal(SPEC.epochs, 300, 'the playground’s spec is not touched');
});

test('a round: planned from the whole spec, rows as trials start and finish, then counts, best and ranking', async () => {
  const s = setup();
  const { finished, run } = await started(s);
  const plan = s.pools[0].requests[0];
  assert.equal(s.pools[0].size, 2);
  assert.deepEqual([plan.kind, plan.method, plan.trials, plan.seed], ['plan', 'random', 4, 1]);
  assert.deepEqual(plan.base, searchBase(SPEC, CONFIG));
  assert.equal(s.model.busy, true);
  assert.deepEqual(s.model.rows.map((r) => r.status), ['queued', 'queued', 'queued']);

  run.onUpdate({ done: 0, running: 2, queued: 1, failed: 0, cancelled: 0, result: null });
  assert.deepEqual(s.model.rows.map((r) => r.status), ['running', 'running', 'queued']);
  run.onUpdate({ done: 1, running: 2, queued: 0, failed: 0, cancelled: 0, result: done(2, 0.9) });
  assert.deepEqual(s.model.rows.map((r) => r.status), ['running', 'done', 'running']);
  assert.match(s.model.status, /^Trials: 1 done, 2 running, 0 queued, 0 failed\. Best so far: dev error 10\.0% \(round 1, trial 2\)/);

  run.resolve([done(1, 0.8), done(2, 0.9), { id: 3, status: 'failed', answer: null, error: 'diverged', ms: 5 }]);
  assert.equal(await finished, true);
  const { model } = s;
  assert.equal(model.busy, false);
  assert.deepEqual(model.counts, { done: 2, running: 0, queued: 0, failed: 1, cancelled: 0 });
  assert.match(model.status, /^Round 1: 3 trials in [\d.]+ s on 2 workers \(\d+ trials\/min\)\. Trials: 2 done/);
  assert.equal(model.error, '1 trial failed; the first: diverged');
  assert.equal(model.lastError, model.error);
  assert.equal(model.finished(), 3);
  assert.deepEqual(model.bestResult().values, { learning_rate: 0.01 });
  assert.deepEqual(model.rounds, [{ round: 1, params: CONFIG.params, method: 'random', trials: 3, workers: 2, seconds: model.rounds[0].seconds }]);
  assert.ok(model.rounds[0].seconds >= 0);
  // Two finished trials: too few to rank.
  assert.match(model.ranking.message, /At least 3 finished trials/);
  assert.deepEqual(model.rankingRows(), []);
  assert.ok(s.seen.changes > 3);
});

test('Apply best hands over the trial’s whole spec: every field of the playground’s, the trial’s value written in', async () => {
  const s = setup();
  const { finished, run } = await started(s);
  run.resolve([done(1, 0.8), done(2, 0.95), done(3, 0.7)]);
  await finished;
  const { spec, note } = s.model.bestApplication();
  assert.deepEqual(spec, { ...searchBase(SPEC, CONFIG), optimizer: { name: 'adam', learning_rate: 0.01 } });
  assert.match(note, /^Applied the best search trial \(round 1, trial 2, dev error 5\.0%\): learning rate α 0\.01; 30 epochs, as the search trained it\.$/i);
  spec.epochs = 1;
  assert.equal(s.model.best().spec.epochs, 30, 'the model keeps its own copy');
  // Three finished trials: ranked by the engine over the first round's ranges.
  const sensitivity = s.pools[0].requests.at(-1);
  assert.equal(sensitivity.kind, 'sensitivity');
  assert.deepEqual(sensitivity.results.map((r) => Number(r.dev_error.toFixed(3))), [0.2, 0.05, 0.3]);
  assert.deepEqual(s.model.rankingRows().map((r) => r.name), ['learning_rate']);
});

test('Cancel: unfinished trials cancelled, and the old round’s answers arriving later change nothing', async () => {
  const s = setup();
  const { finished, run } = await started(s);
  run.onUpdate({ done: 1, running: 1, queued: 1, failed: 0, cancelled: 0, result: done(1, 0.8) });
  s.model.cancel();
  assert.equal(s.pools[0].cancels, 1);
  assert.equal(s.model.busy, false);
  assert.deepEqual(s.model.rows.map((r) => r.status), ['done', 'cancelled', 'cancelled']);
  assert.deepEqual(s.model.counts, { done: 1, running: 0, queued: 0, failed: 0, cancelled: 2 });
  assert.match(s.model.status, /^Cancelled\. Trials: 1 done, 0 running, 0 queued, 0 failed, 2 cancelled\./);

  // Stale: a late update and the run's answers are dropped.
  run.onUpdate({ done: 2, running: 0, queued: 0, failed: 0, cancelled: 0, result: done(2, 0.99) });
  run.resolve([done(1, 0.8), done(2, 0.99), done(3, 0.99)]);
  assert.equal(await finished, false);
  assert.deepEqual(s.model.rows.map((r) => r.status), ['done', 'cancelled', 'cancelled']);
  assert.match(s.model.status, /^Cancelled\./);
  s.model.cancel();  // not running: nothing to do
  assert.equal(s.pools[0].cancels, 1);
});

test('a new search makes the old one’s plan stale; the pool is kept for the same size, replaced for another', async () => {
  let release;
  const s = setup({
    answer: (r) => (r.kind === 'plan' && !release ? new Promise((resolve) => { release = () => resolve(planOf(r, [9])); })
      : r.kind === 'plan' ? planOf(r, [0.001, 0.002]) : { ok: true, ranking: [] }),
  });
  const first = s.model.start(CONFIG, SPEC);
  await tick();
  const { finished, run } = await started(s);
  release();
  assert.equal(await first, false);
  assert.equal(s.pools.length, 1);
  assert.equal(s.model.rows.length, 2);
  run.resolve([done(1, 0.9), done(2, 0.9)]);
  assert.equal(await finished, true);
  assert.deepEqual(s.model.results().map((r) => [r.round, r.trial, r.values.learning_rate]), [[1, 1, 0.001], [1, 2, 0.002]]);

  await started(s, { ...CONFIG, workers: 3 });
  assert.deepEqual([s.pools.length, s.pools[0].disposed, s.pools[1].size], [2, true, 3]);
});

test('Refine: the engine’s zoom narrows the ranges, the view hears them, round 2 plans with seed 2', async () => {
  const s = setup();
  const { finished, run } = await started(s);
  run.resolve([done(1, 0.8), done(2, 0.9), done(3, 0.7)]);
  await finished;
  const refined = s.model.refine(2);
  assert.equal(s.model.status, 'Narrowing the ranges around the best 2 trials…');
  await tick();
  const zoom = s.pools[0].requests.find((r) => r.kind === 'zoom');
  assert.equal(zoom.best, 2);
  assert.equal(zoom.results.length, 3);
  assert.deepEqual(s.seen.narrowed, [{ name: 'learning_rate', min: 0.005, max: 0.02, scale: 'log' }]);
  const plan = s.pools[0].requests.filter((r) => r.kind === 'plan').at(-1);
  assert.deepEqual([plan.seed, plan.params[0].min], [2, 0.005]);
  s.pools[0].runs.at(-1).resolve([done(4, 0.99), done(5, 0.85), done(6, 0.9)]);
  assert.equal(await refined, true);
  assert.deepEqual(s.model.rows.map((r) => `${r.round}.${r.number}`), ['1.1', '1.2', '1.3', '2.4', '2.5', '2.6']);
  assert.deepEqual([s.model.best().round, s.model.best().number], [2, 4]);
  assert.deepEqual(s.model.names(), ['learning_rate']);
});

test('an engine error: beside its control when the view can place it, else in the error box', async () => {
  const refused = { ok: false, error: { field: 'params[0].min', message: 'min must be > 0' } };
  const s = setup({ answer: () => refused });
  let placed = true;
  s.model.listen({ besideControl: () => placed });
  assert.equal(await s.model.start(CONFIG, SPEC), false);
  assert.deepEqual([s.model.busy, s.model.status, s.model.error, s.model.lastError], [false, 'The search did not start.', '', 'min must be > 0']);
  placed = false;
  await s.model.start(CONFIG, SPEC);
  assert.equal(s.model.error, 'The search could not be planned: min must be > 0 (field params[0].min)');
  assert.equal(s.model.lastError, s.model.error);
  assert.equal(s.model.bestApplication(), null);
  assert.equal(s.model.bestResult(), null);
});
