// The network snapshot as the worker posts it (web/network-snapshot.js on the WASM Session):
// every unit's grid values against a forward pass written here from the snapshot's own W, b
// and input normalisation; digits' shapes; a weight edit and a parameter's history.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { takeSnapshot, NetworkFeed, paramHistory, setWeight } from '../../web/network-snapshot.js';
import { answer, loadEngine } from './engine.mjs';

const engine = await loadEngine();

function session(spec, epochs = 0) {
  const s = new engine.Session();
  const loaded = answer(s.load(JSON.stringify(spec)));
  assert.equal(loaded.ok, true, JSON.stringify(loaded.error));
  if (epochs) assert.equal(answer(s.step(epochs * loaded.steps_per_epoch)).ok, true);
  return s;
}

const ACTIVATIONS = {
  relu: (z) => Math.max(0, z),
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: Math.tanh,
  linear: (z) => z,
};

// Every layer's activations at input x (raw units), in double, from the snapshot alone.
function forward(snapshot, x) {
  let a = x.map((v, i) => (v - snapshot.inputMean[i]) / snapshot.inputStd[i]);
  const out = [];
  for (const layer of snapshot.layers) {
    assert.equal(layer.norm, 'none');
    const g = ACTIVATIONS[layer.activation];
    const next = [];
    for (let j = 0; j < layer.units; j++) {
      let z = layer.b[j];
      for (let i = 0; i < layer.fanIn; i++) z += layer.W[j * layer.fanIn + i] * a[i];
      next.push(g(z));
    }
    out.push(next);
    a = next;
  }
  return out;
}

function compareGrid(snapshot) {
  const { grid } = snapshot;
  const R = grid.resolution;
  let worst = 0;
  for (let p = 0; p < R * R; p++) {
    const row = Math.floor(p / R), col = p % R;
    const x = [grid.x0 + ((grid.x1 - grid.x0) * (col + 0.5)) / R, grid.y0 + ((grid.y1 - grid.y0) * (row + 0.5)) / R];
    forward(snapshot, x).forEach((units, l) => {
      units.forEach((value, j) => {
        const diff = Math.abs(grid.layers[l][j * R * R + p] - value);
        worst = Math.max(worst, diff);
        assert.ok(diff <= 1e-6 * Math.max(1, Math.abs(value)), `layer ${l + 1} unit ${j} point ${p}: engine ${grid.layers[l][j * R * R + p]}, JS ${value}`);
      });
    });
  }
  return worst;
}

// The median ms of n snapshots (back to back, a tight loop's garbage collections are outliers).
const msPerSnapshot = (s, options, n = 31) => {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    takeSnapshot(s, options);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[n >> 1];
};

test('every unit of the grid is the forward pass of the snapshot\'s own weights', () => {
  for (const spec of [{ epochs: 10 }, { epochs: 10, normalize: true, data: { source: 'moons' } }]) {
    const s = session(spec, 5);
    const { snapshot, transfer } = takeSnapshot(s, { resolution: 32, exact: false });
    assert.equal(snapshot.epoch, 5);
    assert.equal(snapshot.exact, false);
    assert.equal(snapshot.features, 2);
    assert.equal(snapshot.image, null);
    assert.deepEqual(snapshot.layers.map((l) => [l.units, l.fanIn, l.activation]), [[8, 2, 'relu'], [8, 8, 'relu'], [1, 8, 'sigmoid']]);
    assert.ok(snapshot.layers[0].W instanceof Float32Array && snapshot.inputMean instanceof Float64Array);
    assert.equal(snapshot.grid.resolution, 32);
    assert.equal(snapshot.grid.layers[1].length, 8 * 32 * 32);
    assert.equal(new Set(transfer).size, transfer.length, 'each array has its own buffer');
    const worst = compareGrid(snapshot);
    // The output layer's grid is the decision grid.
    answer(s.grid(32));
    assert.deepEqual(snapshot.grid.layers[2], s.gridValues());
    const l1 = snapshot.layers[0];
    assert.ok(l1.stats.dead.every((d) => d >= 0 && d <= 1) && l1.stats.saturated === null && l1.mask === null);
    console.log(`${JSON.stringify(spec)}: worst |engine - JS| ${worst.toExponential(2)}`);
    s.delete();
  }
});

test('digits: 64 features, an 8x8 image, no grid; the cost of a snapshot', () => {
  const digits = session({ data: { source: 'digits' }, normalize: true, layers: [{ units: 32 }, { units: 10, activation: 'softmax' }] }, 1);
  const { snapshot } = takeSnapshot(digits, { resolution: 32 });
  assert.equal(snapshot.grid, null);
  assert.deepEqual(snapshot.image, { width: 8, height: 8 });
  assert.equal(snapshot.featureNames.length, 64);
  assert.equal(snapshot.layers[0].W.length, 64 * 32);
  assert.equal(snapshot.layers[0].fanIn, 64);
  assert.equal(snapshot.layers[1].stats.dead, null);
  const circles = session({}, 1);
  const ms = { default64: msPerSnapshot(circles, { resolution: 64 }), default0: msPerSnapshot(circles, {}), digits: msPerSnapshot(digits, {}) };
  console.log(`median ms per snapshot (WASM, Node): default net with a 64x64 grid ${ms.default64.toFixed(2)}, without ${ms.default0.toFixed(2)}; digits ${ms.digits.toFixed(2)}`);
  assert.ok(ms.default64 < 100 && ms.digits < 100);
  digits.delete();
  circles.delete();
});

test('a weight edit reads back; history ends with it; bad edits name the field', () => {
  const s = session({ epochs: 10 }, 3);
  assert.equal(setWeight(s, { layer: 2, unit: 3, input: 1, value: 0.5 }), null);
  assert.equal(setWeight(s, { layer: 1, unit: 0, input: null, value: -0.25 }), null);
  const { snapshot } = takeSnapshot(s);
  assert.equal(snapshot.layers[1].W[3 * 8 + 1], 0.5);
  assert.equal(snapshot.layers[0].b[0], -0.25);
  const h = paramHistory(s, { layer: 2, unit: 3, input: 1 });
  assert.equal(h.ok, true);
  assert.equal(h.values.at(-1), 0.5);
  assert.equal(h.epochs[0], 0);
  assert.equal(h.epochs.at(-1), 3);
  const bias = paramHistory(s, { layer: 1, unit: 0, input: null });
  assert.equal(bias.values.at(-1), -0.25);
  assert.ok(Math.abs(bias.norms.at(-1) - snapshot.layers[0].weightNorm[0]) < 1e-6);
  assert.equal(setWeight(s, { layer: 4, unit: 0, input: 0, value: 1 }).field, 'layer');
  assert.equal(setWeight(s, { layer: 1, unit: 8, input: 0, value: 1 }).allowed, 'allowed: 0 to 7 (layer 1 has 8 units)');
  assert.equal(setWeight(s, { layer: 1, unit: 0, input: 2, value: 1 }).field, 'input');
  assert.equal(setWeight(s, { layer: 1, unit: 0, input: 0, value: NaN }).field, 'value');
  assert.equal(paramHistory(s, { layer: 1, unit: 0, input: 1.5 }).error.field, 'input');
  assert.equal(takeSnapshot(s).snapshot.layers[1].W[3 * 8 + 1], 0.5, 'the refused edits changed nothing');
  s.delete();
});

test('the feed posts only when asked, and mid-run at most every 250 ms', () => {
  const s = session({}, 1);
  const posted = [];
  const feed = new NetworkFeed((snapshot) => posted.push(snapshot));
  feed.post(s, { force: true });
  assert.equal(posted.length, 0);
  assert.equal(feed.set({ grid: 65 }).field, 'network.grid');
  assert.equal(feed.set({ grid: 16 }), null);
  feed.post(s, { force: true });
  feed.post(s);
  feed.post(s);
  assert.equal(posted.length, 1);
  assert.equal(posted[0].exact, true);
  assert.equal(posted[0].grid.resolution, 16);
  feed.set(null);
  feed.post(s, { force: true });
  assert.equal(posted.length, 1);
  s.delete();
});
