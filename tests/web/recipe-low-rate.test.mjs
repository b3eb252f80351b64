// The recipe's range-test advice for an α well below the suggestion follows step 2's numbers:
// an α that fitted the small sample is not said to "crawl"; one that did not fit it is.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fittedSample, lrRangeVerdict, overfitVerdict } from '../../web/recipe/verdicts.js';

const SPEC = { optimizer: { name: 'gd', learning_rate: 0.1 } };
// A range test that suggests α = 2: twenty times the learner's 0.1.
const points = [1e-5, 1e-3, 0.1, 2, 10].map((lr, i) => ({ iteration: i, learning_rate: lr, loss: [0.7, 0.69, 0.5, 0.2, 5][i], smoothed: [0.7, 0.69, 0.55, 0.3, 2][i] }));
const RANGE = { ok: true, points, suggested_learning_rate: 2, min_loss_learning_rate: 2.5, stopped_early: true };
// Step 2's run at α = 0.1: its training error on 64 examples after 100 epochs.
const overfitRun = (error, last) => ({ ok: true, epochs: [{ epoch: 0, train_loss: 0.69, train_error: 0.5 }, { epoch: 100, train_loss: last, train_error: error }],
  summary: { epochs_run: 100, stopped: 'epochs', train_loss: last, train_accuracy: 1 - error, overfit: { samples: 64, train_error: error } } });
const PLAN = { samples: 64, epochs: 100, batch: 32 };
const lowRate = (v) => v.advice.find((a) => /below the suggestion/.test(a));

test('an α that fitted the small sample (0.4% training error) is not said to crawl', () => {
  const fit = overfitVerdict(overfitRun(0.004, 0.02), PLAN, SPEC);
  assert.equal(fit.status, 'pass');
  const v = lrRangeVerdict(RANGE, SPEC, fit.data);
  const advice = lowRate(v);
  assert.ok(advice, JSON.stringify(v.advice));
  assert.doesNotMatch(advice, /crawl/);
  assert.match(advice, /20× below the suggestion, yet it reached 0\.4% training error on 64 examples in 100 epochs/);
});

test('an α that did not fit the small sample is said to crawl, with the figure it reached', () => {
  const fit = overfitVerdict(overfitRun(0.3, 0.55), PLAN, SPEC);
  assert.equal(fit.status, 'fail');
  const advice = lowRate(lrRangeVerdict(RANGE, SPEC, fit.data));
  assert.match(advice, /reached only 30\.0% training error on 64 examples in 100 epochs in step 2: training will crawl/);
});

test('without step 2 the advice claims no more than the ratio says', () => {
  const advice = lowRate(lrRangeVerdict(RANGE, SPEC));
  assert.match(advice, /20× below the suggestion: training may be slow/);
  assert.doesNotMatch(advice, /crawl/);
});

test('fittedSample: the 2% pass mark, a regression by its loss ratio, nothing to judge', () => {
  assert.equal(fittedSample({ error: 0.02 }), true);
  assert.equal(fittedSample({ error: 0.021 }), false);
  assert.equal(fittedSample({ error: NaN, first: 1, last: 0.01 }), true);
  assert.equal(fittedSample({ error: NaN, first: 1, last: 0.5 }), false);
  assert.equal(fittedSample({}), null);
  assert.equal(fittedSample(null), null);
});
