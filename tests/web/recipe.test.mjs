// The training recipe's pure pieces: the sizes and specs of its steps, the verdicts from
// their figures, the ranking of trials and the next move after a diagnosis.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { num, pct, readNumber } from '../../web/recipe/format.js';
import { nextMoves } from '../../web/recipe/next-move.js';
import {
  LR_RANGE, SEARCH, initialSpec, lrRangeRequest, overfitPlan, planRequest, probeMsPerEpoch, readableTrial, refineEpochs,
  refineSpec, searchEpochs, searchRanges, trainingSize,
} from '../../web/recipe/plan.js';
import { atEdge, rankTrials, scoreOf } from '../../web/recipe/ranking.js';
import { diagnosisVerdict, refineVerdict, searchVerdict } from '../../web/recipe/search-verdicts.js';
import { initialLossVerdict, lrRangeVerdict, overfitVerdict } from '../../web/recipe/verdicts.js';

const LN2 = Math.log(2);
const SPEC = {
  seed: 1, data: { source: 'circles', samples: 400, noise: 0.1 }, split: { train: 0.7, dev: 0.3, test: 0 },
  layers: [{ units: 8, activation: 'relu', keep_prob: 0.8 }, { units: 8, activation: 'relu', keep_prob: 1 }, { units: 1, activation: 'sigmoid' }],
  regularization: { l2: 0.5, l1: 0.1 }, optimizer: { name: 'gd', learning_rate: 0.1 }, schedule: { name: 'exponential', k: 0.9 },
  augment: { jitter: 0.1 }, batch_size: 32, epochs: 300, early_stopping: { enabled: true, patience: 10 },
};
const epochs = (losses, errors) => losses.map((l, i) => ({ epoch: i, train_loss: l, train_error: errors?.[i] ?? null }));

test('format: engine values, numbers and percentages', () => {
  assert.equal(readNumber('inf'), Infinity);
  assert.ok(Number.isNaN(readNumber(null)));
  assert.equal(num(0.012345), '0.0123');
  assert.equal(num(3e-5), '3e-5');
  assert.equal(num(Infinity), '∞');
  assert.equal(pct(0.015625), '1.6%');
  assert.equal(pct(null), '–');
});

test('trainingSize: generated, built-in and counted splits', () => {
  assert.equal(trainingSize(SPEC), 280);
  assert.equal(trainingSize({ data: { source: 'digits' }, split: { train: 0.6 } }), 1078);
  assert.equal(trainingSize({ data: { source: 'iris' }, split: { dev_count: 30, test_count: 20 } }), 100);
  assert.equal(trainingSize({ data: { source: 'csv' } }), null);
});

test('initialSpec: the first 10 epochs of the spec as it is', () => {
  const s = initialSpec(SPEC);
  assert.equal(s.epochs, 10);
  assert.equal(s.early_stopping.enabled, false);
  assert.equal(s.regularization.l2, 0.5);
  assert.equal(initialSpec({ ...SPEC, epochs: 3 }).epochs, 3);
});

test('overfitPlan: two mini-batches of examples, ~2000 steps, every regulariser off', () => {
  const p = overfitPlan(SPEC);
  assert.equal(p.samples, 64);
  assert.equal(p.batch, 32);
  assert.equal(p.epochs, 1000);  // 2 steps an epoch
  assert.equal(p.spec.overfit_samples, 64);
  assert.deepEqual(p.spec.regularization, { l2: 0, l1: 0 });
  assert.deepEqual(p.spec.layers.map((l) => l.keep_prob), [1, 1, undefined]);
  assert.equal(p.spec.schedule.name, 'constant');
  assert.equal(p.spec.augment.jitter, 0);
  assert.equal(p.spec.early_stopping.enabled, false);
  assert.equal(p.spec.optimizer.learning_rate, 0.1);  // the network and optimizer as they are
  // Full batch: 64 examples in one step, 2000 epochs; SGD: at least 32 examples; tiny sets: all of them.
  assert.deepEqual([overfitPlan({ ...SPEC, batch_size: 0 }).spec.batch_size, overfitPlan({ ...SPEC, batch_size: 0 }).epochs], [0, 2000]);
  assert.deepEqual([overfitPlan({ ...SPEC, batch_size: 1 }).samples, overfitPlan({ ...SPEC, batch_size: 1 }).epochs], [32, 100]);
  assert.equal(overfitPlan({ ...SPEC, batch_size: 512 }).samples, 256);
  assert.equal(overfitPlan({ ...SPEC, data: { source: 'iris' }, split: { train: 0.2 } }).samples, 30);
});

test('lrRangeRequest: the engine request the brief names', () => {
  const r = lrRangeRequest(SPEC);
  assert.deepEqual([r.kind, r.min, r.max, r.iterations], ['lr_range', 1e-5, 10, 100]);
  assert.equal(r.spec.optimizer.learning_rate, 0.1);
});

test('search and refine epochs: a third of the page\'s, within a time budget', () => {
  assert.equal(searchEpochs(300, 1), 100);                 // cheap: a third of 300
  assert.equal(searchEpochs(300, 100), SEARCH.budgetMs / 100);  // 100 ms an epoch: 15
  assert.equal(searchEpochs(300, 1e6), 1);                 // never fewer than one
  assert.equal(refineEpochs(100, 1), 300);
  assert.equal(refineEpochs(15, 100), 45);
  assert.equal(refineEpochs(15, 1000), 16);                // always longer than the search
});

test('probeMsPerEpoch: the training time over the epochs trained (epochs[0] is before training)', () => {
  const epochs = (n) => Array.from({ length: n + 1 }, (_, epoch) => ({ epoch }));
  assert.equal(probeMsPerEpoch({ epochs: epochs(5), train_ms: 2 }), 0.4);
  assert.equal(probeMsPerEpoch({ epochs: epochs(0), train_ms: 2 }), 0);   // nothing trained: unknown
  assert.equal(probeMsPerEpoch({ epochs: epochs(5) }), 0);                 // an answer without the time
});

test('searchRanges and planRequest: alpha in [s/10, 3s] (at most 10), lambda small, both log', () => {
  assert.deepEqual(searchRanges(0.5).learning_rate, [0.05, 1.5]);
  assert.deepEqual(searchRanges(8).learning_rate, [0.333, 10]);
  const r = planRequest(SPEC, 0.5, 100);
  assert.equal(r.kind, 'plan');
  assert.equal(r.method, 'random');
  assert.equal(r.trials, 10);
  assert.equal(r.base.epochs, 100);
  assert.equal(r.base.early_stopping.enabled, false);
  assert.deepEqual(r.params.map((p) => [p.name, p.scale]), [['learning_rate', 'log'], ['l2', 'log']]);
  assert.ok(r.params[1].min > 0 && r.params[1].max <= 1);
});

test('readableTrial and refineSpec: three digits; longer with early stopping on the dev loss', () => {
  const t = readableTrial({ ...SPEC, optimizer: { name: 'gd', learning_rate: 0.123456 }, regularization: { l2: 0.0098765 } });
  assert.equal(t.optimizer.learning_rate, 0.123);
  assert.equal(t.regularization.l2, 0.00988);
  const r = refineSpec(SPEC, 300);
  assert.deepEqual(r.early_stopping, { enabled: true, monitor: 'dev_loss', patience: 30, min_delta: 0 });
  assert.equal(refineSpec({ ...SPEC, split: { train: 1, dev: 0 } }, 300).early_stopping.enabled, false);
});

test('initialLossVerdict: pass near ln 2, warn within half of it, fail beyond or not finite', () => {
  const answer = (value, expected = LN2) => ({ ok: true, epochs: epochs([value, 0.5]), summary: { initial_loss: { value, expected } } });
  const pass = initialLossVerdict(answer(0.695));
  assert.equal(pass.status, 'pass');
  assert.match(pass.headline, /0\.695 is within 0\.3% of ln 2/);
  assert.equal(pass.chart.series[1].points[0].y, LN2);
  assert.equal(initialLossVerdict(answer(0.9)).status, 'warn');
  assert.equal(initialLossVerdict(answer(3.2)).status, 'fail');
  assert.equal(initialLossVerdict(answer(3.2)).stop, false);
  const inf = initialLossVerdict(answer('inf'));
  assert.deepEqual([inf.status, inf.stop], ['fail', true]);
  assert.match(initialLossVerdict(answer(2.4, Math.log(10))).headline, /ln 10 \(a 10-class softmax\)/);
  assert.equal(initialLossVerdict(answer(1.3, null)).status, 'info');  // a regression
  const refused = initialLossVerdict({ ok: false, error: { message: 'batch_size is 32; allowed: 1 to 7' } });
  assert.deepEqual([refused.status, refused.stop], ['fail', true]);
  assert.match(refused.headline, /batch_size is 32/);
});

test('overfitVerdict: pass at <= 2% training error, warn to 10%, fail with the reasons', () => {
  const plan = { samples: 64, epochs: 1000, batch: 32 };
  const run = (error, last = 0.03, stopped = 'epochs') => ({ ok: true, epochs: epochs([0.7, last], [0.5, error]),
    summary: { epochs_run: 1000, stopped, train_loss: last, train_accuracy: 1 - error, overfit: { samples: 64, train_error: error } } });
  const pass = overfitVerdict(run(1 / 64), plan, SPEC);
  assert.equal(pass.status, 'pass');
  assert.match(pass.headline, /overfit 64 examples: 1\.6% training error/);
  assert.equal(overfitVerdict(run(0.06), plan, SPEC).status, 'warn');
  const fail = overfitVerdict(run(0.3, 0.5), plan, SPEC);
  assert.equal(fail.status, 'fail');
  assert.match(fail.headline, /cannot fit 64 examples .*a bug, too small a network, or too low a learning rate/);
  assert.ok(fail.advice.some((a) => /normalise the inputs/.test(a)));
  assert.match(overfitVerdict(run(0.5, 0.69), plan, SPEC).headline, /did not fall/);
  assert.match(overfitVerdict(run(0.5, 'inf', 'diverged'), plan, SPEC).headline, /NaN or infinite/);
});

test('lrRangeVerdict: the suggestion, its chart, and the edges', () => {
  const points = [1e-5, 1e-3, 0.1, 1, 10].map((lr, i) => ({ iteration: i, learning_rate: lr, loss: [0.7, 0.69, 0.4, 0.2, 5][i], smoothed: [0.7, 0.69, 0.5, 0.3, 2][i] }));
  const answer = (s) => ({ ok: true, points, suggested_learning_rate: s, min_loss_learning_rate: 1, stopped_early: true, reason: 'the loss exploded' });
  const v = lrRangeVerdict(answer(0.3), SPEC);
  assert.equal(v.status, 'pass');
  assert.equal(v.data.suggested, 0.3);
  assert.match(v.headline, /fastest at α ≈ 0\.3 and is lowest at α = 1; beyond that it blows up/);
  assert.equal(v.chart.x.log, true);
  assert.deepEqual(v.chart.series[2].points.map((p) => p.x), [0.3, 0.3]);
  assert.ok(v.chart.y.max < 2);  // the explosion does not flatten the chart
  assert.equal(lrRangeVerdict(answer(5), SPEC).status, 'warn');
  assert.ok(lrRangeVerdict(answer(0.005), SPEC).advice.some((a) => /20× the suggestion/.test(a)));
  assert.ok(v.advice.some((a) => /3× below the suggestion/.test(a)) === false);
  // A steep fall at the very start is no guide: the search centres on a tenth of the lowest-loss rate.
  const early = lrRangeVerdict(answer(1.3e-5), SPEC);
  assert.equal(early.status, 'warn');
  assert.equal(early.data.centre, 0.1);
  assert.equal(v.data.centre, 0.3);
  const none = lrRangeVerdict({ ...answer(null), suggested_learning_rate: null }, SPEC);
  assert.deepEqual([none.status, none.stop], ['fail', true]);
});

// A finished trial as the pool reports it.
const trial = (id, lr, l2, devError, trainError = devError - 0.01, extra = {}) => ({
  id, status: 'done', ms: 100,
  answer: { ok: true, spec: { ...SPEC, optimizer: { name: 'gd', learning_rate: lr }, regularization: { l2 } },
    epochs: [{ epoch: 0, train_error: 0.5, dev_error: 0.5 }, { epoch: 1, train_error: trainError, dev_error: devError }],
    summary: { train_accuracy: 1 - trainError, dev_accuracy: 1 - devError, dev_loss: devError, train_loss: trainError, stopped: 'epochs', best_epoch: null,
      diagnosis: { bayes_error: 0, avoidable_bias: trainError, variance: devError - trainError, case: 'low bias and low variance' }, ...extra } },
});

test('rankTrials: by dev error, diverged and failed last', () => {
  const results = [trial(1, 0.1, 0.01, 0.1), trial(2, 0.3, 0.01, 0.05), trial(3, 3, 0.01, 0.01, 0, { stopped: 'diverged' }),
    { id: 4, status: 'failed', answer: { ok: false }, error: 'x' }];
  assert.deepEqual(rankTrials(results).map((r) => r.id), [2, 1, 3]);
  assert.deepEqual(scoreOf({ dev_accuracy: null, dev_loss: 0.2 }), { value: 0.2, name: 'dev loss' });
  assert.ok(atEdge(0.051, 0.05, 1.5) && !atEdge(0.3, 0.05, 1.5));
});

test('searchVerdict and refineVerdict: counts, the best and its figures', () => {
  const results = [trial(1, 0.1, 0.01, 0.1), trial(2, 0.3, 0.02, 0.05), { id: 3, status: 'failed', answer: { ok: false }, error: 'x' }];
  const ranked = rankTrials(results);
  const v = searchVerdict(results, ranked, { ranges: searchRanges(0.5), epochs: 100 });
  assert.equal(v.status, 'pass');
  assert.deepEqual([v.data.best.id, v.data.best.learningRate, v.data.best.l2], [2, 0.3, 0.02]);
  assert.ok(Math.abs(v.data.best.score - 0.05) < 1e-12);
  assert.match(v.headline, /2 of 3 trials done; the best reaches 5\.0% dev error at α = 0\.3, λ = 0\.02/);
  assert.equal(searchVerdict([results[2]], [], { ranges: searchRanges(0.5), epochs: 100 }).stop, true);
  const refined = rankTrials([trial(2, 0.3, 0.02, 0.03, 0.02, { best_epoch: 120 })]);
  const r = refineVerdict([], refined, { epochs: 300 }, ranked[0]);
  assert.match(r.headline, /3\.0% dev error, down from 5\.0% in the search/);
  assert.match(r.figures[1].value, /best epoch 120/);
});

test('diagnosisVerdict and nextMoves: the course\'s recipe, made concrete', () => {
  const low = diagnosisVerdict(rankTrials([trial(1, 0.3, 0.01, 0.02, 0.01)])[0]);
  assert.equal(low.status, 'pass');
  assert.equal(low.data.case, 'low bias and low variance');
  const high = rankTrials([trial(1, 0.3, 0.01, 0.12, 0.02)])[0];
  high.summary.diagnosis = { bayes_error: 0, avoidable_bias: 0.02, variance: 0.1, case: 'high variance' };
  const v = diagnosisVerdict(high);
  assert.equal(v.status, 'warn');
  assert.match(v.headline, /high variance: the dev error is 10\.0 points above the training error/);
  assert.match(v.advice[0], /samples 400 → 800/);
  assert.match(nextMoves({ case: 'high bias' }, SPEC).moves[0], /hidden layers 8, 8 → 16, 16/);
  assert.match(nextMoves({ case: 'high bias' }, SPEC).moves[2], /Adam/);
  assert.equal(nextMoves({ case: 'high bias and high variance' }, SPEC).moves.length, 6);
  assert.match(nextMoves(null, SPEC).moves[0], /no bias\/variance diagnosis/);
});
