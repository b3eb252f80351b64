// The recipe's model without the page or the engine: the real walk (walk.js) on a fake of
// the worker pool whose runs the test settles, so the steps' states, the status line, a stop,
// a failure and a cancel (with the old walk's late answers dropped) can be checked; a whole
// walk's outcome and Apply through a stand-in walk.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { READY, RecipeModel } from '../../web/recipe/recipe-model.js';

const SPEC = {
  seed: 1, data: { source: 'circles', samples: 400, noise: 0.1 }, split: { train: 0.7, dev: 0.3, test: 0 },
  layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], optimizer: { name: 'gd', learning_rate: 0.1 },
  batch_size: 32, epochs: 300, step_drops: [50, 100],
};
const tick = () => new Promise((resolve) => setImmediate(resolve));
const statuses = (model) => model.steps.map((s) => s.status);
const INITIAL = { ok: true, summary: { initial_loss: { value: 0.7, expected: Math.LN2 } },
  epochs: [{ epoch: 0, train_loss: 0.7 }, { epoch: 10, train_loss: 0.6 }] };

// A fake TrialPool: runs wait for the test; cancel() settles them 'cancelled', as the real one.
class FakePool {
  constructor() { Object.assign(this, { runs: [], cancels: 0 }); }
  run(trials) {
    return new Promise((resolve, reject) => this.runs.push({ trials, resolve, reject }));
  }
  answer(answer) { this.runs.at(-1).resolve([{ id: 1, status: answer.ok ? 'done' : 'failed', answer, error: null, ms: 20 }]); }
  cancel() {
    this.cancels += 1;
    for (const run of this.runs.splice(0)) run.resolve(run.trials.map((t) => ({ id: t.id, status: 'cancelled', answer: null, error: null, ms: 0 })));
  }
}

function setup(options = {}) {
  const pool = new FakePool();
  let pools = 0;
  const model = new RecipeModel({ workerUrl: 'worker.js', makePool: () => { pools += 1; return pool; }, ...options });
  let changes = 0;
  model.listen(() => { changes += 1; });
  return { model, pool, pools: () => pools, changes: () => changes };
}

test('before a walk: ready, every step waiting, nothing to apply', () => {
  const { model } = setup();
  assert.equal(model.status, READY);
  assert.deepEqual(statuses(model), Array(6).fill('waiting'));
  assert.deepEqual(model.results(), Array(6).fill(null));
  assert.equal(model.bestResult(), null);
  assert.equal(model.application(), null);
  model.cancel();  // not running: nothing to do
  assert.equal(model.status, READY);
});

test('a walk: the step running and its note, then its verdict; a refused step stops the walk', async () => {
  const s = setup();
  const walked = s.model.run(SPEC);
  assert.equal(s.model.running, true);
  s.model.run(SPEC);  // ignored while a walk goes
  assert.deepEqual([s.pools(), s.pool.runs.length], [1, 1]);
  assert.deepEqual(s.pool.runs[0].trials[0].spec.step_drops, [50, 100], 'the step trains the playground’s spec');
  assert.deepEqual(s.model.steps[0], { status: 'running', note: 'training the first epochs…' });
  assert.equal(s.model.status, 'Step 1 of 6 · Initial loss: training the first epochs…');

  s.pool.answer(INITIAL);
  await tick();
  assert.equal(s.model.results()[0].status, 'pass');
  assert.equal(s.model.steps[0].verdict.status, 'pass');
  assert.match(s.model.status, /^Step 2 of 6 · Overfit a small sample: training 64 examples for 1000 epochs…$/);

  s.pool.answer({ ok: false, error: { message: 'batch_size is 32' } });
  await walked;
  assert.equal(s.model.running, false);
  assert.deepEqual(statuses(s.model), ['pass', 'fail', 'skipped', 'skipped', 'skipped', 'skipped']);
  assert.match(s.model.status, /^Stopped at step 2 after [\d.]+ s \(1 passed, 0 to check, 1 failed\): see what to try there\.$/);
  assert.equal(s.model.offer, null);
  assert.ok(s.changes() >= 5);
});

test('Cancel: the step running is cancelled, the rest not run, and the old walk’s late answers are dropped', async () => {
  const s = setup();
  const walked = s.model.run(SPEC);
  s.pool.answer(INITIAL);
  await tick();
  s.model.cancel();
  assert.equal(s.pool.cancels, 1);
  assert.equal(s.model.running, false);
  assert.deepEqual(statuses(s.model), ['pass', 'cancelled', 'skipped', 'skipped', 'skipped', 'skipped']);
  assert.equal(s.model.status, 'Cancelled during step 2; the steps done so far are kept.');
  await walked;  // the walk threw Cancelled at its next await; nothing more is said
  assert.equal(s.model.status, 'Cancelled during step 2; the steps done so far are kept.');
  assert.deepEqual(s.model.results().map((r) => r?.status ?? null), ['pass', null, null, null, null, null]);

  // A new walk on the same pool starts afresh.
  const again = s.model.run(SPEC);
  assert.equal(s.pools(), 1);
  assert.deepEqual(statuses(s.model), ['running', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting']);
  assert.deepEqual(s.model.results(), Array(6).fill(null));
  s.pool.runs[0].reject(new Error('the worker failed'));
  await again;
  assert.deepEqual(statuses(s.model), ['fail', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
  assert.equal(s.model.steps[0].verdict.headline, 'The step failed: the worker failed');
  assert.equal(s.model.status, 'The recipe stopped at step 1: the worker failed');
  assert.equal(s.model.results()[0], null, 'a step that threw has no verdict of its own');
});

test('a whole walk: the tally, the best trial offered, and Apply hands over its whole spec', async () => {
  const trained = { ...SPEC, epochs: 90, optimizer: { name: 'gd', learning_rate: 0.0345 }, regularization: { l2: 0.0012 } };
  const best = { learningRate: 0.0345, l2: 0.0012, spec: trained, score: { name: 'dev error', value: 0.0625 } };
  const walk = async (pool, spec, hooks) => {
    assert.equal(spec, SPEC);
    for (let i = 0; i < 6; i += 1) {
      hooks.running(i, 'working…');
      hooks.result(i, { status: i === 4 ? 'warn' : i === 5 ? 'info' : 'pass', headline: `step ${i}`, figures: [], advice: [], chart: null, data: { i } });
    }
    return { best, stoppedAt: null };
  };
  const s = setup({ walk });
  await s.model.run(SPEC);
  assert.match(s.model.status, /^Done in [\d.]+ s: 4 passed, 1 to check, 0 failed\.$/);
  assert.equal(s.model.offer, 'Best trial: α = 0.0345, L2 λ = 0.0012, 90 epochs with early stopping; dev error 6.3%.');
  assert.deepEqual(s.model.results().map((r) => r.data.i), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(s.model.bestResult(), { learningRate: 0.0345, l2: 0.0012, spec: trained, score: 0.0625 });

  const { spec, note } = s.model.application();
  assert.deepEqual(spec, trained);
  assert.notEqual(spec, trained, 'a copy: the playground may keep it');
  assert.equal(note, 'Training recipe: loaded the best trial (α = 0.0345, L2 λ = 0.0012).');
  s.model.applied();
  assert.equal(s.model.offer, 'Applied: the playground now has α = 0.0345 and L2 λ = 0.0012. Press Train to run it.');
});
