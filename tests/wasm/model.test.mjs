// The model in the WASM Session: the document `descent run --save` writes, and predictions on a
// CSV as `descent predict` writes them (the page's "Model JSON" and "Predict on a file").
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { answer, loadEngine } from './engine.mjs';

const engine = await loadEngine();

// Two named features and a string label; every row is in the training set (no dev split), so
// predicting the file counts exactly the errors the run's train error counts.
function twoClassCsv(rows = 60) {
  const lines = ['width,height,kind'];
  for (let i = 0; i < rows; i += 1) {
    const w = (i % 10) * 0.3 + (i % 3) * 0.05;
    const h = Math.floor(i / 10) * 0.5 - (i % 4) * 0.1;
    lines.push(`${w.toFixed(3)},${h.toFixed(3)},${w + h > 2 ? 'tall' : 'short'}`);
  }
  return `${lines.join('\n')}\n`;
}

const csv = twoClassCsv();
const spec = {
  seed: 4, epochs: 8, batch_size: 8, normalize: true,
  data: { source: 'csv', csv, label: 'kind' },
  split: { train: 1, dev: 0, test: 0 },
  optimizer: { name: 'adam', learning_rate: 0.02 },
  layers: [{ units: 6, activation: 'tanh' }, { units: 2, activation: 'softmax' }],
};

function trained() {
  const session = new engine.Session();
  const loaded = answer(session.load(JSON.stringify(spec)));
  assert.equal(loaded.ok, true, JSON.stringify(loaded.error));
  let summary = null;
  for (let r = answer(session.step(100)); ; r = answer(session.step(100))) {
    assert.equal(r.ok, true);
    if (r.finished) {
      summary = r.summary;
      break;
    }
  }
  return { session, summary };
}

test('model() is the native model document of the run', () => {
  const { session, summary } = trained();
  try {
    const result = answer(session.model());
    assert.equal(result.ok, true, JSON.stringify(result.error));
    const { model } = result;
    assert.equal(model.format, 'descent-model');
    assert.equal(model.version, 1);
    assert.equal(model.task, 'classification');
    assert.deepEqual(model.features, ['width', 'height']);
    assert.deepEqual(model.classes, ['short', 'tall']);
    assert.equal(model.label, 'kind');
    assert.equal(model.normalization.mean.length, 2);
    assert.equal(model.trained.epochs_run, summary.epochs_run);
    assert.deepEqual(model.weights, answer(session.weights()).weights);
    assert.equal(model.spec.data.csv, csv);
  } finally {
    session.delete();
  }
});

test('predict() on the training CSV: one row per input row, and the run\'s train error', () => {
  const { session, summary } = trained();
  try {
    const result = answer(session.predict(csv));
    assert.equal(result.ok, true, JSON.stringify(result.error));
    const lines = result.csv.trimEnd().split('\n');
    assert.equal(lines[0], 'predicted,p_short,p_tall');
    const rows = csv.trimEnd().split('\n').slice(1);
    assert.equal(lines.length - 1, rows.length);
    let wrong = 0;
    lines.slice(1).forEach((line, i) => {
      const [predicted, pShort, pTall] = line.split(',');
      assert.ok(Math.abs(Number(pShort) + Number(pTall) - 1) < 1e-6, line);
      if (predicted !== rows[i].split(',')[2]) wrong += 1;
    });
    const error = wrong / rows.length;
    assert.equal(error, answer(session.model()).model.trained.train_error);
    assert.ok(Math.abs(error - (1 - summary.train_accuracy)) < 1e-9, `${error} vs ${summary.train_accuracy}`);
  } finally {
    session.delete();
  }
});

test('predict() refuses a bad CSV naming its row and column, as the runner does', () => {
  const { session } = trained();
  try {
    const result = answer(session.predict('width,height\n1,2\n2,x\n'));
    assert.equal(result.ok, false);
    assert.equal(result.error.field, 'data.csv');
    assert.match(result.error.message, /row 3, column "height"/);
    const missing = answer(session.predict('width\n1\n2\n'));
    assert.match(missing.error.message, /missing the feature column "height"/);
  } finally {
    session.delete();
  }
});
