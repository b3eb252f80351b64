// The lesson "Data mismatch: a train-dev set" trained by the WASM engine (the one the page
// runs): what its text says of each run holds in the runs' own figures, and the engine's
// diagnosis reads the gaps the same way (variance = train-dev − train, mismatch = dev − train-dev).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { answer, loadEngine } from './engine.mjs';

const engine = await loadEngine();
const lesson = JSON.parse(readFileSync(new URL('../../public/lessons/data-mismatch.json', import.meta.url), 'utf8'));
const HIGH = 0.02;  // the engine's "high" (Diagnosis::kHighThreshold)

// Trains spec to the end; returns its last epoch record and the summary's diagnosis.
function train(spec) {
  const session = new engine.Session();
  try {
    const loaded = answer(session.load(JSON.stringify(spec)));
    assert.equal(loaded.ok, true, JSON.stringify(loaded.error));
    let last = loaded.epochs.at(-1), result;
    do {
      result = answer(session.step(1000));
      assert.equal(result.ok, true, JSON.stringify(result.error));
      last = result.epochs.at(-1) ?? last;
    } while (!result.finished);
    return { last, diagnosis: result.summary?.diagnosis ?? result.diagnosis };
  } finally {
    session.delete();
  }
}

const runs = Object.fromEntries(lesson.runs.map((run) => {
  const { last, diagnosis } = train(run.spec);
  const figures = { train: last.train_error, trainDev: last.train_dev_error, dev: last.dev_error, test: last.test_error };
  return [run.label, { ...figures, variance: figures.trainDev - figures.train, mismatch: figures.dev - figures.trainDev, diagnosis }];
}));

test('the lesson has its three runs, each with a train-dev set held out of training', () => {
  assert.deepEqual(Object.keys(runs), ['same source', 'dev/test differ', 'train like dev']);
  for (const run of lesson.runs) assert.deepEqual(run.spec.data.train_dev, { from: 'train', take: 200 });
  for (const r of Object.values(runs)) for (const key of ['train', 'trainDev', 'dev', 'test']) assert.ok(Number.isFinite(r[key]), key);
});

test('same source: train, train-dev and dev errors agree (no data mismatch, low variance)', () => {
  const r = runs['same source'];
  assert.ok(Math.abs(r.mismatch) <= HIGH, `mismatch ${r.mismatch}`);
  assert.ok(Math.abs(r.variance) <= HIGH, `variance ${r.variance}`);
  assert.ok(r.dev <= HIGH, `dev ${r.dev}`);
  assert.equal(r.diagnosis.case, 'low bias and low variance; no data mismatch');
});

test('dev/test differ: training unchanged, train-dev stays near train, dev far above: data mismatch > variance', () => {
  const same = runs['same source'], r = runs['dev/test differ'];
  assert.equal(r.train, same.train);  // the same training data, seed and network
  assert.equal(r.trainDev, same.trainDev);
  assert.ok(r.variance <= HIGH, `variance ${r.variance}`);
  assert.ok(r.mismatch > 5 * HIGH, `mismatch ${r.mismatch}`);
  assert.ok(r.mismatch > r.variance + 5 * HIGH);
  assert.ok(Math.abs(r.test - r.dev) < 0.05, `dev ${r.dev}, test ${r.test}`);  // dev and test: one distribution
  assert.equal(r.diagnosis.case, 'data mismatch');
  assert.ok(Math.abs(r.diagnosis.variance - r.variance) < 1e-12 && Math.abs(r.diagnosis.data_mismatch - r.mismatch) < 1e-12);
  assert.ok(r.diagnosis.recipe.some((s) => s.startsWith('make the training data more like dev/test')));
});

test('train like dev: the mismatch gap closes, dev error falls, train error rises', () => {
  const before = runs['dev/test differ'], r = runs['train like dev'];
  assert.ok(r.mismatch <= HIGH, `mismatch ${r.mismatch}`);
  assert.ok(r.mismatch < before.mismatch - 5 * HIGH);
  assert.ok(r.dev < before.dev - HIGH, `dev ${before.dev} -> ${r.dev}`);
  assert.ok(r.train > before.train + HIGH, `train ${before.train} -> ${r.train}`);
  // Against its Bayes error (the rings overlap) the train error is no avoidable bias: nothing to fix.
  assert.equal(r.diagnosis.case, 'low bias and low variance; no data mismatch');
  assert.ok(r.diagnosis.recipe.some((s) => s.startsWith('done:')));
});

// The Bayes error of two noisy rings (circles: radius 1 and factor, isotropic Gaussian noise of
// sd noise, equal priors): the mass of min(p_outer, p_inner) / 2, integrated over the radius
// (each class's density depends on the radius only). Midpoint rule; the angle's average gives I0.
function ringsBayesError(factor, noise) {
  const density = (rho, r0) => {
    let sum = 0;
    const n = 256;
    for (let k = 0; k < n; k += 1)
      sum += Math.exp(-(rho * rho + r0 * r0 - 2 * rho * r0 * Math.cos((2 * Math.PI * k) / n)) / (2 * noise * noise));
    return sum / n / (2 * Math.PI * noise * noise);
  };
  const steps = 3000, h = (1 + 8 * noise) / steps;
  let error = 0;
  for (let i = 0; i < steps; i += 1) {
    const rho = (i + 0.5) * h;
    error += 0.5 * Math.min(density(rho, 1), density(rho, factor)) * 2 * Math.PI * rho * h;
  }
  return error;
}

test('each run\'s bayes_error is the Bayes error of its training rings, to the 3 decimals it gives', () => {
  assert.ok(Math.abs(ringsBayesError(0.5, 0.1) - 0.0064) < 1e-4);
  for (const run of lesson.runs) {
    const { factor, noise } = run.spec.data.train;
    assert.ok(Math.abs(run.spec.bayes_error - ringsBayesError(factor, noise)) < 1e-3, `${run.label}: ${run.spec.bayes_error}`);
  }
});

test('the figures, as the native runner gives them for this lesson', () => {
  const percent = (x) => Number((x * 100).toFixed(2));
  const table = Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, [r.train, r.trainDev, r.dev, r.test].map(percent)]));
  assert.deepEqual(table, {
    'same source': [0.25, 0.5, 0.5, 1],
    'dev/test differ': [0.25, 0.5, 15.5, 15.5],
    'train like dev': [5.75, 7.5, 7.75, 9.25],
  });
});
