// The pure pieces of the hyperparameter search: ranges typed by the learner, the scales'
// axes and formats, trial rows from trial answers, the best row, sorting, the progress line
// and the CSV export. No DOM, no engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  PARAMS, axisIsLog, axisTitle, axisValue, checkCount, checkRange, formatValue, paramOf, readNumber,
} from '../../web/search/params.js';
import {
  bestRow, formatPercent, makeRow, progressText, sortRows, toCsv, topRows, trialMetrics,
} from '../../web/search/results.js';

const lr = paramOf('learning_rate');
const beta1 = paramOf('beta1');
const units = paramOf('hidden_units');
const batch = paramOf('batch_size');

test('the default ranges: learning rate and L2 checked on log scales, the rest unchecked', () => {
  const checked = PARAMS.filter((p) => p.checked).map((p) => [p.name, p.min, p.max, p.scale]);
  assert.deepEqual(checked, [['learning_rate', 1e-4, 1e-1, 'log'], ['l2', 1e-5, 1e-1, 'log']]);
  assert.deepEqual([beta1.min, beta1.max, beta1.scale], [0.9, 0.999, 'one_minus_log']);
  assert.deepEqual([units.min, units.max, paramOf('hidden_layers').max, batch.min, batch.max], [2, 32, 4, 8, 256]);
  for (const p of PARAMS) assert.ok(checkRange(p, String(p.min), String(p.max)).min === p.min, p.name);
});

test('checkRange: a good range comes back as numbers', () => {
  assert.deepEqual(checkRange(lr, '1e-4', ' 0.1 '), { min: 1e-4, max: 0.1 });
  assert.deepEqual(checkRange(units, '4', '4'), { min: 4, max: 4 });
});

test('checkRange: each wrong range says what is wrong and what is allowed', () => {
  const cases = [
    [lr, '0.1', '0.001', 'min', /above its max .*allowed: min ≤ max/],
    [lr, '0', '0.1', 'min', /log scale, so its min must be > 0/],
    [lr, '-1', '0.1', 'min', /must be > 0/],
    [lr, 'abc', '0.1', 'min', /“abc” is not a number/],
    [lr, '0.001', '', 'max', /is not a number/],
    [lr, '1e-4', '100', 'max', /allowed: 0.000001 to 10|allowed: 1e-6 to 10/],
    [beta1, '0.9', '1', 'max', /must be below 1/],
    [units, '2.5', '8', 'min', /whole numbers/],
    [units, '0', '8', 'min', /allowed: 1 to 4096/],
  ];
  for (const [p, min, max, which, message] of cases) {
    const r = checkRange(p, min, max);
    assert.equal(r.which, which, `${p.name} ${min}..${max}`);
    assert.match(r.error, message);
  }
});

test('checkCount and readNumber', () => {
  assert.deepEqual(checkCount('Trials', '8', 1, 500), { value: 8 });
  assert.match(checkCount('Trials', '0', 1, 500).error, /Trials is “0”; allowed: a whole number from 1 to 500/);
  assert.match(checkCount('Workers', '1.5', 1, 32).error, /allowed/);
  assert.equal(readNumber(' 3e-2 '), 0.03);
  assert.equal(readNumber('0x10'), undefined);
  assert.equal(readNumber(''), undefined);
});

test('axes: log scales get a log axis; a beta is drawn as 1 - beta', () => {
  assert.equal(axisIsLog('log'), true);
  assert.equal(axisIsLog('pow2'), true);
  assert.equal(axisIsLog('one_minus_log'), true);
  assert.equal(axisIsLog('int'), false);
  assert.equal(axisIsLog('linear'), false);
  assert.ok(Math.abs(axisValue('one_minus_log', 0.99) - 0.01) < 1e-15);
  assert.equal(axisValue('log', 0.01), 0.01);
  assert.equal(axisTitle(beta1), '1 − β₁ (log scale)');
  assert.equal(axisTitle(lr), 'Learning rate α (log scale)');
  assert.equal(axisTitle(units), 'Hidden units');
});

test('formatValue: whole numbers, betas with their nines, 3 significant digits otherwise', () => {
  assert.equal(formatValue('int', 12.0000001), '12');
  assert.equal(formatValue('pow2', 64), '64');
  assert.equal(formatValue('one_minus_log', 0.99734567), '0.99735');
  assert.equal(formatValue('one_minus_log', 0.9), '0.9');
  assert.equal(formatValue('one_minus_log', 0.999), '0.999');
  assert.equal(formatValue('log', 0.012345), '0.0123');
  assert.equal(formatValue('log', 1e-4), '1e-4');
  assert.equal(formatValue('log', 0.00012345), '1.23e-4');
  assert.equal(formatValue('linear', 0.5), '0.5');
  assert.equal(formatValue('log', NaN), '—');
});

const answer = (train, dev, loss, epochs = 50) => ({
  ok: true, epochs: [], summary: { epochs_run: epochs, stopped: 'epochs', train_accuracy: 1 - train, dev_accuracy: 1 - dev, dev_loss: loss },
});
const trial = (id, learning_rate) => ({ id, values: { learning_rate }, spec: { optimizer: { learning_rate } } });

test('trialMetrics: errors from the summary\'s accuracies, "inf" read as Infinity, regression has no error', () => {
  const m = trialMetrics(answer(0.1, 0.25, 0.5, 40));
  assert.ok(Math.abs(m.train_error - 0.1) < 1e-12 && Math.abs(m.dev_error - 0.25) < 1e-12);
  assert.equal(m.dev_loss, 0.5);
  assert.equal(m.epochs, 40);
  const diverged = trialMetrics({ ok: true, summary: { epochs_run: 3, train_accuracy: 0.5, dev_accuracy: 0.5, dev_loss: 'inf' } });
  assert.equal(diverged.dev_loss, Infinity);
  const regression = trialMetrics({ ok: true, summary: { epochs_run: 3, train_accuracy: null, dev_accuracy: null, dev_loss: 0.02 } });
  assert.ok(Number.isNaN(regression.dev_error));
});

const rows = () => [
  makeRow(1, 1, trial(0, 0.1), { status: 'done', answer: answer(0.1, 0.3, 0.6), ms: 1000 }),
  makeRow(1, 2, trial(1, 0.01), { status: 'done', answer: answer(0.05, 0.1, 0.3), ms: 1200 }),
  makeRow(1, 3, trial(2, 0.001), { status: 'failed', answer: null, error: 'the spec was refused, "x"', ms: 10 }),
  makeRow(1, 4, trial(3, 0.05), { status: 'done', answer: answer(0.05, 0.1, 0.25), ms: 900 }),
  makeRow(1, 5, trial(4, 0.02), null),
];

test('bestRow and topRows: the lowest dev error, ties to the lower dev loss, failures ignored', () => {
  const r = rows();
  assert.equal(bestRow(r).number, 4);
  assert.deepEqual(topRows(r, 2).map((x) => x.number), [4, 2]);
  assert.equal(bestRow([r[2], r[4]]), null);
  assert.equal(r[4].status, 'queued');
});

test('sortRows: ascending, descending, missing values last, ties in trial order', () => {
  const r = rows();
  assert.deepEqual(sortRows(r, 'dev_error').map((x) => x.number), [2, 4, 1, 3, 5]);
  assert.deepEqual(sortRows(r, 'dev_error', 'descending').map((x) => x.number), [1, 2, 4, 3, 5]);
  assert.deepEqual(sortRows(r, 'learning_rate').map((x) => x.number), [3, 2, 5, 4, 1]);
  assert.deepEqual(sortRows(r, 'status').map((x) => x.status), ['done', 'done', 'done', 'queued', 'failed']);
  assert.deepEqual(r.map((x) => x.number), [1, 2, 3, 4, 5], 'the rows given are not reordered');
});

test('progressText: the counts and the best so far', () => {
  const r = rows();
  const text = progressText({ done: 3, running: 1, queued: 0, failed: 1 }, bestRow(r), ['learning_rate']);
  assert.equal(text, 'Trials: 3 done, 1 running, 0 queued, 1 failed. Best so far: dev error 10.0% (round 1, trial 4) with Learning rate α 0.05.');
  assert.equal(progressText({ done: 0, running: 2, queued: 6, failed: 0 }, null, []), 'Trials: 0 done, 2 running, 6 queued, 0 failed.');
  assert.equal(formatPercent(0.0333), '3.3%');
});

test('toCsv: a header, one line per row, quoted text, empty cells for missing numbers', () => {
  const csv = toCsv(rows(), ['learning_rate']);
  const lines = csv.trimEnd().split('\n');
  assert.equal(lines[0], 'round,trial,learning_rate,train_error,dev_error,dev_loss,epochs,seconds,status,error');
  assert.equal(lines.length, 6);
  const first = lines[1].split(',');
  assert.equal(first[2], '0.1');
  assert.ok(Math.abs(Number(first[4]) - 0.3) < 1e-12);
  assert.equal(first[7], '1');
  assert.equal(lines[3], '1,3,0.001,,,,0,0.01,failed,"the spec was refused, ""x"""');
  assert.equal(lines[5], '1,5,0.02,,,,0,,queued,');
  assert.ok(csv.endsWith('\n'));
});
