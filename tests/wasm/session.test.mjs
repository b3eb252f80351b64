// The WASM module in Node: the same engine the browser's worker runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { answer, loadEngine, nativeRunner } from './engine.mjs';

const engine = await loadEngine();

// Trains spec to the end in chunks of `chunk` steps; returns every epoch record.
function train(spec, chunk = 50) {
  const session = new engine.Session();
  try {
    const loaded = answer(session.load(JSON.stringify(spec)));
    assert.equal(loaded.ok, true, JSON.stringify(loaded.error));
    const epochs = [...loaded.epochs];
    for (;;) {
      const r = answer(session.step(chunk));
      assert.equal(r.ok, true);
      epochs.push(...r.epochs);
      if (r.finished) return epochs;
    }
  } finally {
    session.delete();
  }
}

test('the default experiment trains: loss falls and dev error drops', () => {
  const epochs = train({ epochs: 20 });
  assert.equal(epochs.length, 21);
  assert.deepEqual(epochs.map((e) => e.epoch), [...Array(21).keys()]);
  const [first, last] = [epochs[0], epochs.at(-1)];
  assert.ok(last.train_loss < 0.7 * first.train_loss, `train loss ${first.train_loss} -> ${last.train_loss}`);
  assert.ok(last.dev_error < first.dev_error, `dev error ${first.dev_error} -> ${last.dev_error}`);
  assert.equal(last.test_loss, null);  // no test set in the default split
});

test('the same seed gives identical metrics, whatever the chunking', () => {
  const spec = { seed: 5, epochs: 8 };
  assert.deepEqual(train(spec, 1), train(spec, 1000));
  assert.notDeepEqual(train({ ...spec, seed: 6 }), train(spec));
});

test('reset replays the run from the same initial weights', () => {
  const session = new engine.Session();
  const epoch0 = answer(session.load('{"epochs": 4}')).epochs;
  const run1 = answer(session.step(1000)).epochs;
  assert.deepEqual(answer(session.reset()).epochs, epoch0);
  assert.deepEqual(answer(session.step(1000)).epochs, run1);
  session.delete();
});

test('errors cross as data, name the field, and keep the earlier run', () => {
  const session = new engine.Session();
  assert.equal(answer(session.load('{"epochs": 2}')).ok, true);
  const bad = answer(session.load('{"optimizer": {"learning_rate": 0}}'));
  assert.equal(bad.ok, false);
  assert.equal(bad.error.field, 'optimizer.learning_rate');
  assert.equal(bad.error.message, 'optimizer.learning_rate is 0; allowed: a number > 0 and <= 100');
  assert.equal(answer(session.load('not json')).error.field, 'spec');
  const stepped = answer(session.step(100));
  assert.equal(stepped.ok, true);
  assert.equal(stepped.finished, true);
  session.delete();
});

// Two interleaved half-moons as CSV text (x1, x2, kind: "upper" or "lower"), from a small LCG.
function moonsCsv(m, noise, seed) {
  let state = seed;
  const uniform = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = ['x1,x2,kind'];
  for (let i = 0; i < m; i += 1) {
    const upper = i % 2 === 0, t = Math.PI * uniform();
    const [x, y] = upper ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    rows.push(`${(x + noise * (uniform() - 0.5)).toFixed(4)},${(y + noise * (uniform() - 0.5)).toFixed(4)},${upper ? 'upper' : 'lower'}`);
  }
  return `${rows.join('\n')}\n`;
}

// The native runner's epochs for a spec.
function runNative(spec) {
  const dir = mkdtempSync(join(tmpdir(), 'descent-'));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  return execFileSync(nativeRunner, ['run', join(dir, 'spec.json')], { encoding: 'utf8' })
    .trim().split('\n').map((line) => JSON.parse(line)).filter((r) => 'epoch' in r);
}

test('the native runner and the WASM module agree to 1e-4 relative', () => {
  const specs = [
    { seed: 3, epochs: 10 },
    {
      seed: 8, epochs: 10, regularization: { l2: 0.05 },
      layers: [
        { units: 12, activation: 'prelu', norm: 'batch', keep_prob: 0.9 },
        { units: 6, activation: 'tanh', norm: 'layer' },
        { units: 2, activation: 'softmax' },
      ],
      optimizer: { name: 'adam', learning_rate: 0.005 },
      schedule: { name: 'staircase', decay_rate: 0.5, time_interval: 3 },
    },
    {
      seed: 2, epochs: 4, data: { source: 'digits' }, normalize: true,
      split: { train: 0.8, dev: 0.1, test: 0.1, stratify: true },
      layers: [{ units: 16, activation: 'tanh' }, { units: 10, activation: 'softmax' }],
      optimizer: { name: 'momentum', learning_rate: 0.05 }, batch_size: 64,
    },
    {
      seed: 6, epochs: 10, data: { source: 'moons', samples: 300, noise: 0.2 },
      split: { train: 0.6, dev: 0.2, test: 0.2, mismatch: 'rotate', mismatch_amount: 0.3 },
      augment: { jitter: 0.05 }, early_stopping: { enabled: true, patience: 3 },
      optimizer: { name: 'rmsprop', learning_rate: 0.01 },
    },
    {  // separate sets: a CSV to train on, a train-dev set carved from it, dev and test of their own
      seed: 4, epochs: 12, normalize: true,
      data: {
        train: { source: 'csv', csv: moonsCsv(240, 0.1, 1), label: 'kind' },
        train_dev: { from: 'train', take: 40 },
        dev: { source: 'csv', csv: moonsCsv(80, 0.3, 2), label: 'kind' },
        test: { source: 'moons', samples: 60, noise: 0.3, seed_offset: 5 },
      },
      layers: [{ units: 10, activation: 'tanh' }, { units: 2, activation: 'softmax' }],
      optimizer: { name: 'adam', learning_rate: 0.01 }, batch_size: 16,
    },
  ];
  for (const spec of specs) {
    const native = runNative(spec);
    const wasm = train(spec);
    assert.equal(native.length, wasm.length);
    if (spec.data?.train_dev) assert.equal(typeof wasm.at(-1).train_dev_error, 'number');  // the set was evaluated
    for (let i = 0; i < wasm.length; i += 1) {
      for (const key of ['train_loss', 'dev_loss', 'train_error', 'dev_error', 'test_loss', 'train_dev_loss',
        'train_dev_error', 'learning_rate', 'grad_norm']) {
        const [a, b] = [native[i][key], wasm[i][key]];
        if (a === null && b === null) continue;
        assert.ok(Math.abs(a - b) <= 1e-4 * Math.max(Math.abs(a), Math.abs(b), 1e-12),
          `spec ${JSON.stringify(spec).slice(0, 40)} epoch ${i} ${key}: native ${a}, wasm ${b}`);
      }
    }
  }
});

test('the gradient check runs in the module and returns its report', () => {
  const session = new engine.Session();
  answer(session.load(JSON.stringify({
    layers: [{ units: 6, activation: 'tanh', norm: 'batch' }, { units: 2, activation: 'softmax' }],
    regularization: { l2: 0.1 },
  })));
  const { ok, report } = answer(session.gradcheck());
  assert.equal(ok, true);
  assert.ok(report.difference < 1e-7, `difference ${report.difference}`);
  assert.deepEqual(report.blocks.map((b) => b.block), ['dW1', 'dgamma1', 'dbeta1', 'dW2', 'db2']);
  assert.deepEqual(report.bands, [1e-7, 1e-5, 1e-3]);
  session.delete();
});

test('Adam, dropout and decay run in the module as they do natively', () => {
  const spec = {
    seed: 4, epochs: 6,
    layers: [{ units: 8, activation: 'relu', keep_prob: 0.9 }, { units: 1, activation: 'sigmoid' }],
    optimizer: { name: 'adam', learning_rate: 0.01 },
    schedule: { name: 'exponential', k: 0.9 },
  };
  const epochs = train(spec);
  assert.ok(Math.abs(epochs[2].learning_rate - 0.01 * 0.81) < 1e-12);
  assert.ok(epochs.at(-1).train_loss < epochs[0].train_loss);
  assert.deepEqual(train(spec), epochs);
});

test('the native runner writes the metrics CSV and a summary with the diagnosis', () => {
  const dir = mkdtempSync(join(tmpdir(), 'descent-'));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify({ epochs: 5, bayes_error: 0.01 }));
  const out = execFileSync(nativeRunner, ['run', join(dir, 'spec.json'), '--csv', join(dir, 'm.csv')], { encoding: 'utf8' });
  const lines = out.trim().split('\n').map((l) => JSON.parse(l));
  const { summary } = lines.at(-1);
  assert.equal(summary.epochs_run, 5);
  assert.equal(summary.stopped, 'epochs');
  assert.equal(summary.diagnosis.bayes_error, 0.01);
  assert.ok(['high bias', 'high variance', 'high bias and high variance', 'low bias and low variance']
    .includes(summary.diagnosis.case));
  assert.equal(summary.initial_loss.ok, true);
  const csv = readFileSync(join(dir, 'm.csv'), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'epoch,step,train_loss,train_error,dev_loss,dev_error,test_loss,test_error,learning_rate,grad_norm,train_dev_loss,train_dev_error');
  assert.equal(csv.length, 7);  // header, epochs 0..5
  const last = csv[6].split(',');
  assert.equal(Number(last[0]), 5);
  assert.ok(Math.abs(Number(last[2]) - lines[5].train_loss) < 1e-5 * lines[5].train_loss);
});

test('the decision grid, the data points and the weights leave the module', () => {
  const session = new engine.Session();
  answer(session.load(JSON.stringify({ epochs: 30, normalize: true })));
  answer(session.step(100000));
  const info = answer(session.grid(40));
  assert.equal(info.ok, true);
  assert.equal(info.channels, 1);
  const values = session.gridValues();
  assert.ok(values instanceof Float32Array);
  assert.equal(values.length, 40 * 40);
  // The circles: the centre of the plane is the inner class (1), the corners the outer (0).
  const at = (col, row) => values[row * 40 + col];
  assert.ok(at(20, 20) > 0.75, `centre ${at(20, 20)}`);
  assert.ok(at(0, 0) < 0.1 && at(39, 39) < 0.1, `corners ${at(0, 0)}, ${at(39, 39)}`);
  assert.ok(info.x0 < -1 && info.x1 > 1);

  const points = answer(session.points());
  assert.equal(points.features, 2);
  assert.equal(points.train.x.length, 280);
  assert.equal(points.dev.y.length, 120);

  const { weights } = answer(session.weights());
  assert.deepEqual(weights.blocks.map((b) => b.name), ['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
  const before = answer(session.step(0)).epochs;
  const other = new engine.Session();
  answer(other.load(JSON.stringify({ epochs: 30, normalize: true, init: { scheme: 'zeros' } })));
  assert.equal(answer(other.loadWeights(JSON.stringify(weights))).ok, true);
  answer(other.grid(40));
  assert.deepEqual(other.gridValues(), values);  // the same weights draw the same boundary
  const bad = answer(other.loadWeights(JSON.stringify({ blocks: weights.blocks.slice(1) })));
  assert.equal(bad.error.message, 'weights.blocks is 5 blocks; allowed: 6 blocks, as this network has');
  assert.deepEqual(before, []);
  session.delete();
  other.delete();
});

test('optimizer paths on a classic surface and the network landscape come from the module', () => {
  const paths = answer(engine.surfacePaths(JSON.stringify({
    surface: 'bowl', condition: 10, start: [-3.5, 2.5], steps: 100,
    optimizers: [{ name: 'gd', learning_rate: 0.5 }, { name: 'adam', learning_rate: 0.1 }],
  })));
  assert.equal(paths.ok, true);
  assert.deepEqual(paths.paths.map((p) => p.name), ['gd', 'adam']);
  assert.equal(paths.paths[0].points.length, 101);
  assert.equal(paths.paths[0].steps_to_tolerance, 63);  // as natively
  const bad = answer(engine.surfacePaths('{"surface": "volcano"}'));
  assert.equal(bad.ok, false);
  assert.equal(bad.error.field, 'surface');

  const land = answer(engine.landscape(JSON.stringify({ spec: { epochs: 5 }, resolution: 11 })));
  assert.equal(land.ok, true, JSON.stringify(land.error));
  assert.equal(land.grid.values.length, 11 * 11);
  const run = land.runs[0].points;
  assert.ok(run.at(-1)[2] < run[0][2], 'the trajectory ends lower than it starts');
});
