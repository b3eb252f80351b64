// The pure pieces of the decision-boundary view and the two panels: colours, contours,
// bands and formatting. No DOM: the classes touch it only inside their methods.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  CLASS_COLOURS, captionFor, classColour, colourFor, contourSegments, plotRect, rampColour, toCanvas,
} from '../../web/boundary.js';
import { diagnosisModel, formatPercent } from '../../web/panels/diagnosis.js';
import { bandOf, formatScientific } from '../../web/panels/gradcheck.js';

const WHITE = [255, 255, 255];
const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
const distance = (a, b) => Math.hypot(...a.map((v, i) => v - b[i]));

test('colourFor: white at 0.5, blue below, orange above, intensity by |p - 0.5|', () => {
  assert.deepEqual(colourFor(0.5), WHITE);
  const blue = hex('#0072B2'), orange = hex('#E69F00');
  assert.ok(distance(colourFor(0), blue) < distance(colourFor(0), orange));
  assert.ok(distance(colourFor(1), orange) < distance(colourFor(1), blue));
  assert.ok(distance(colourFor(0.9), WHITE) > distance(colourFor(0.7), WHITE));
  assert.ok(distance(colourFor(0.1), WHITE) > distance(colourFor(0.3), WHITE));
  // The heatmap never reaches full colour, so the points drawn on it stand out.
  assert.ok(distance(colourFor(1), orange) > 20);
});

test('classColour: white at chance, stronger with confidence, distinct hues', () => {
  assert.deepEqual(classColour(2, 1 / 3, 3), WHITE);
  assert.ok(distance(classColour(2, 0.9, 3), WHITE) > distance(classColour(2, 0.6, 3), WHITE));
  assert.deepEqual(classColour(1, 0.8), colourFor(0.8));
  assert.deepEqual(classColour(0, 0.8), colourFor(0.2));
  assert.equal(new Set(CLASS_COLOURS).size, 10);
  for (let k = 0; k < 10; k++) assert.notDeepEqual(classColour(k, 1, 10), WHITE);
});

test('rampColour: dark to light, clamped', () => {
  const lum = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
  let previous = -1;
  for (let t = 0; t <= 1; t += 0.1) {
    assert.ok(lum(rampColour(t)) > previous);
    previous = lum(rampColour(t));
  }
  assert.deepEqual(rampColour(-3), rampColour(0));
  assert.deepEqual(rampColour(7), rampColour(1));
});

test('contourSegments: a vertical 0.5 line midway between columns', () => {
  // res 4, values 0 0 1 1 in every row: the line is x = 2 (between sample centres 1.5 and 2.5).
  const res = 4, field = Array.from({ length: res * res }, (_, i) => (i % res >= 2 ? 1 : 0));
  const segments = contourSegments(field, res);
  assert.equal(segments.length, res - 1);
  for (const [ax, ay, bx, by] of segments) {
    assert.equal(ax, 2);
    assert.equal(bx, 2);
    assert.equal(Math.abs(by - ay), 1);
  }
  assert.deepEqual(contourSegments(new Float32Array(res * res).fill(0.3), res), []);
});

test('contourSegments: interpolates the crossing and resolves a saddle', () => {
  // Two samples 0.2 and 0.6 at x = 0.5 and 1.5: p = 0.5 at x = 0.5 + 0.75.
  const [[ax]] = contourSegments([0.2, 0.6, 0.2, 0.6], 2);
  assert.ok(Math.abs(ax - 1.25) < 1e-12);
  // High at bottom-left and top-right, centre 0.5 >= level: the high corners join and the
  // low ones (samples at (1.5, 0.5) and (0.5, 1.5)) are cut off.
  assert.deepEqual(contourSegments([1, 0, 0, 1], 2), [[1, 0.5, 1.5, 1], [1, 1.5, 0.5, 1]]);
  // Centre below the level: the low corners join and the high ones (bottom-left, top-right)
  // are cut off, each crossing a sixth of the way from the 0.6 sample to the 0 one.
  const cut = contourSegments([0.6, 0, 0, 0.6], 2);
  const expected = [[0.5, 2 / 3, 2 / 3, 0.5], [1.5, 4 / 3, 4 / 3, 1.5]];
  assert.equal(cut.length, 2);
  cut.forEach((s, k) => s.forEach((v, j) => assert.ok(Math.abs(v - expected[k][j]) < 1e-12, `${s} vs ${expected[k]}`)));
});

test('plotRect: equal units when the aspects are close, the whole canvas otherwise', () => {
  const square = plotRect({ x0: -1, x1: 1, y0: -1, y1: 1 }, 400, 300);
  assert.deepEqual(square, { left: 50, top: 0, width: 300, height: 300 });
  const flat = plotRect({ x0: 0, x1: 1000, y0: 0, y1: 1 }, 400, 300);
  assert.deepEqual(flat, { left: 0, top: 0, width: 400, height: 300 });
});

test('toCanvas: data to CSS pixels with y up', () => {
  const { px, py } = toCanvas({ x0: -1, x1: 1, y0: 0, y1: 4 }, { left: 10, top: 20, width: 200, height: 100 });
  assert.equal(px(-1), 10);
  assert.equal(px(1), 210);
  assert.equal(py(0), 120);  // y0 at the bottom
  assert.equal(py(4), 20);
  assert.equal(py(1), 95);
});

test('captionFor: one line per kind of output', () => {
  const points = { train: 280, dev: 120 };
  assert.equal(captionFor({ mode: 'binary', fractions: [0.38, 0.62], points }),
    'Decision boundary: 62% of the plane is class 1, 38% class 0; 280 training points (filled), 120 dev points (ringed).');
  assert.equal(captionFor({ mode: 'softmax', fractions: [0.5, 0.25, 0.25], points: { train: 0, dev: 0 } }, ['cat', 'dog', '2']),
    'Decision regions: cat 50%, dog 25%, class 2 25% of the plane.');
  assert.equal(captionFor({ mode: 'regression', range: { min: -1.23456, max: 3 }, points }),
    'Predicted value over the plane, from -1.23 (dark purple) to 3 (yellow); 280 training points (filled), 120 dev points (ringed).');
});

test('formatPercent: one decimal, a minus sign only when it shows, a dash for no number', () => {
  assert.equal(formatPercent(0.123), '12.3%');
  assert.equal(formatPercent(0.01), '1.0%');
  assert.equal(formatPercent(0), '0.0%');
  assert.equal(formatPercent(-0.005), '-0.5%');
  assert.equal(formatPercent(-0.0001), '0.0%');
  assert.equal(formatPercent(null), '–');
  assert.equal(formatPercent(NaN), '–');
});

test('diagnosisModel: the course example 1% / 11% is high variance', () => {
  const m = diagnosisModel({ train_error: 0.01, dev_error: 0.11 }, {
    bayes_error: 0, avoidable_bias: 0.01, variance: 0.1, case: 'high variance',
    recipe: ['get more training data (or augment it)'],
  });
  assert.equal(m.available, true);
  assert.deepEqual(m.rows.map((r) => r.text), ['0.0%', '1.0%', '11.0%']);
  assert.equal(m.bias.text, '1.0%');
  assert.equal(m.variance.text, '10.0%');
  assert.equal(m.bias.high, false);
  assert.equal(m.variance.high, true);
  assert.ok(Math.abs(m.variance.fraction - 1) < 1e-12);  // the widest gap fills the bar
  assert.ok(Math.abs(m.bias.fraction - 0.1) < 1e-12);
  assert.ok(Math.abs(m.threshold - 0.2) < 1e-12);
  assert.deepEqual(m.recipe, ['get more training data (or augment it)']);
});

test('diagnosisModel: errors recovered from the diagnosis; none for a regression', () => {
  const m = diagnosisModel({}, { bayes_error: 0.05, avoidable_bias: 0.1, variance: 0.15, case: 'high bias and high variance' });
  assert.deepEqual(m.rows.map((r) => r.text), ['5.0%', '15.0%', '30.0%']);
  assert.equal(m.bias.high && m.variance.high, true);
  assert.equal(diagnosisModel({ train_error: null, dev_error: null }, { avoidable_bias: null, variance: null }).available, false);
});

test('diagnosisModel: a train-dev set splits the dev gap into variance and data mismatch', () => {
  // The course's example: Bayes 0, train 1%, train-dev 1.5%, dev 10% is a data mismatch.
  const m = diagnosisModel({ train_error: 0.01, dev_error: 0.1, train_dev_error: 0.015 }, {
    bayes_error: 0, train_error: 0.01, train_dev_error: 0.015, dev_error: 0.1, avoidable_bias: 0.01,
    variance: 0.005, data_mismatch: 0.085, variance_known: true, dev_set: 'dev', case: 'data mismatch',
  });
  assert.equal(m.available, true);
  assert.deepEqual(m.rows.map((r) => [r.label, r.text]), [['Bayes (human-level) error', '0.0%'], ['Train error', '1.0%'],
    ['Train-dev error', '1.5%'], ['Dev error', '10.0%']]);
  assert.equal(m.varianceLabel, 'Variance (train-dev − train)');
  assert.equal(m.mismatchLabel, 'Data mismatch (dev − train-dev)');
  assert.deepEqual([m.bias.text, m.variance.text, m.mismatch.text], ['1.0%', '0.5%', '8.5%']);
  assert.deepEqual([m.bias.high, m.variance.high, m.mismatch.high], [false, false, true]);
  assert.ok(Math.abs(m.mismatch.fraction - 0.085 / 0.1) < 1e-12);  // the scale is at least 10 points
  assert.ok(Math.abs(m.variance.fraction - 0.05) < 1e-12);
  // The gaps recomputed from the errors when the diagnosis carries only the errors.
  const bare = diagnosisModel({}, { bayes_error: 0.01, train_error: 0.1, train_dev_error: 0.3, dev_error: 0.5 });
  assert.deepEqual([bare.bias.text, bare.variance.text, bare.mismatch.text], ['9.0%', '20.0%', '20.0%']);
  assert.deepEqual([bare.bias.high, bare.variance.high, bare.mismatch.high], [true, true, true]);
  assert.ok(Math.abs(bare.variance.fraction - 1) < 1e-12 && Math.abs(bare.bias.fraction - 0.45) < 1e-12);
  // "; no data mismatch" is not a data mismatch.
  const none = diagnosisModel({}, { train_error: 0.02, train_dev_error: 0.12, dev_error: 0.13, avoidable_bias: 0.02,
    variance: 0.1, data_mismatch: 0.01, case: 'high variance; no data mismatch' });
  assert.deepEqual([none.bias.high, none.variance.high, none.mismatch.high], [false, true, false]);
  assert.deepEqual([none.variance.text, none.mismatch.text], ['10.0%', '1.0%']);
});

test('diagnosisModel: a train-dev set without a dev set; without train-dev, the rows of old', () => {
  const m = diagnosisModel({}, { bayes_error: 0, train_error: 0.05, train_dev_error: 0.08, dev_error: null,
    avoidable_bias: 0.05, variance: 0.03, data_mismatch: null, variance_known: true, dev_set: 'none', case: 'high bias and high variance' });
  assert.deepEqual(m.rows.map((r) => r.text), ['0.0%', '5.0%', '8.0%', 'none (no dev set)']);
  assert.equal(m.variance.text, '3.0%');
  assert.equal(m.mismatch.unknown, true);
  assert.equal(m.mismatch.text, 'unknown (no dev set)');
  // The recipe is the engine's, each step once.
  const done = diagnosisModel({}, { train_error: 0.0025, train_dev_error: 0.005, dev_error: null, variance: 0.0025,
    data_mismatch: null, case: 'low bias and low variance; data mismatch unknown (no dev set)',
    recipe: ['the model fits the training set and generalises to the train-dev set', 'the model fits the training set and generalises to the train-dev set'] });
  assert.deepEqual(done.recipe, ['the model fits the training set and generalises to the train-dev set']);
  const old = diagnosisModel({ train_error: 0.01, dev_error: 0.11, train_dev_error: null }, {
    bayes_error: 0, avoidable_bias: 0.01, variance: 0.1, train_dev_error: null, data_mismatch: null, case: 'high variance' });
  assert.equal(old.rows.length, 3);
  assert.equal(old.mismatch, null);
  assert.equal(old.varianceLabel, 'Variance (dev − train)');
});

test('bandOf: the course bands, non-numbers are wrong', () => {
  assert.equal(bandOf(1e-9).key, 'great');
  assert.equal(bandOf(0).key, 'great');
  assert.equal(bandOf(1e-7).key, 'fine');
  assert.equal(bandOf(3e-6).key, 'fine');
  assert.equal(bandOf(3e-4).key, 'worrying');
  assert.equal(bandOf(1e-3).key, 'wrong');
  assert.equal(bandOf(0.4).key, 'wrong');
  assert.equal(bandOf('nan').key, 'wrong');
  assert.equal(bandOf('inf').key, 'wrong');
  assert.equal(bandOf(undefined).key, 'wrong');
  assert.equal(bandOf(3e-4, [1e-6, 1e-4, 1e-2]).key, 'worrying');
  assert.notEqual(bandOf(3e-4).icon, bandOf(1e-9).icon);
});

test('formatScientific: one decimal by default', () => {
  assert.equal(formatScientific(0.000302), '3.0e-4');
  assert.equal(formatScientific(1.234e-9), '1.2e-9');
  assert.equal(formatScientific(12345), '1.2e4');
  assert.equal(formatScientific(-0.5, 3), '-5.000e-1');
  assert.equal(formatScientific(0), '0');
  assert.equal(formatScientific('nan'), 'NaN');
  assert.equal(formatScientific('inf'), 'inf');
});
