// The network diagram's pure parts (web/network/model.js) on hand-made snapshots: the
// layout, the lines drawn and their style, the hit test, the pictures, the words.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEAD, NEGATIVE, POSITIVE, STRONGEST, canvasSize, divergingTable, hitLine, hitUnit, layout, lineEnds, lineStyle, marks,
  paintValues, parseValue, pictureKind, rampValues, selectLines, unitLabel, valueScale, weightLabel,
} from '../../web/network/model.js';

// A snapshot of a dense network with the given widths; W[j * fanIn + i] = f(l, j, i).
function snapshot(widths, { features = 2, grid = null, image = null, f = (l, j, i) => Math.sin(l * 7 + j * 3 + i + 1), acts } = {}) {
  let fanIn = features;
  const layers = widths.map((units, l) => {
    const W = new Float32Array(units * fanIn);
    for (let j = 0; j < units; j++) for (let i = 0; i < fanIn; i++) W[j * fanIn + i] = f(l, j, i);
    const layer = {
      units, fanIn, activation: acts?.[l] ?? (l === widths.length - 1 ? 'sigmoid' : 'relu'), norm: 'none', keepProb: 1, W,
      b: Float32Array.from({ length: units }, (_, j) => -0.13 * (j + 1)), gamma: null, beta: null,
      stats: { mean: new Float32Array(units).fill(0.41), std: new Float32Array(units).fill(0.22), dead: new Float32Array(units), saturated: null },
      weightNorm: new Float32Array(units).fill(1.93), mask: null,
    };
    fanIn = units;
    return layer;
  });
  return { epoch: 3, step: 30, exact: true, features, featureNames: [], image, layers, grid };
}

test('the default network is laid out left to right, 2 + 8 + 8 + 1 units, each column in the canvas without overlaps', () => {
  const s = snapshot([8, 8, 1]);
  const { width, height } = canvasSize(s, 520);
  assert.equal(width, 520);
  const lay = layout(s, width, height);
  assert.deepEqual(lay.columns.map((c) => c.length), [2, 8, 8, 1]);
  for (let c = 1; c < lay.centres.length; c++) assert.ok(lay.centres[c] > lay.centres[c - 1] + 60, 'columns apart');
  for (const col of lay.columns) {
    for (const u of col) {
      assert.ok(u.x >= 0 && u.y >= 24 && u.x + u.size <= width && u.y + u.size <= height, JSON.stringify(u));
      assert.ok(u.size >= 20, 'a unit of the default net is big enough for its picture');
    }
    for (let j = 1; j < col.length; j++) assert.ok(col[j].y >= col[j - 1].y + col[j - 1].size, 'no overlap');
  }
});

test('a phone-width box gets a canvas wider than itself (it scrolls), at least 92 px a column', () => {
  const s = snapshot([8, 8, 8, 8, 1]);
  assert.equal(canvasSize(s, 340).width, 6 * 92);
  assert.ok(canvasSize(snapshot([100, 1]), 500).height <= 460, 'a wide layer does not make the canvas endless');
});

test('every weight of a small network is a line, the largest |w| drawn last', () => {
  const s = snapshot([8, 8, 1]);
  const { lines, limited, max } = selectLines(s);
  assert.equal(lines.length, 2 * 8 + 8 * 8 + 8);
  assert.deepEqual(limited, []);
  for (let k = 1; k < lines.length; k++) assert.ok(Math.abs(lines[k].w) >= Math.abs(lines[k - 1].w));
  assert.equal(max, Math.abs(lines.at(-1).w));
  const { W, fanIn } = s.layers[1];
  for (const line of lines.filter((x) => x.column === 2)) assert.equal(line.w, W[line.unit * fanIn + line.input]);
});

test('a wide layer keeps the strongest k lines per unit, and says so', () => {
  const s = snapshot([20, 3], { features: 64 });
  const { lines, limited } = selectLines(s);
  assert.deepEqual(limited, [{ column: 1, k: STRONGEST, n: 64 }, { column: 2, k: STRONGEST, n: 20 }]);
  assert.equal(lines.filter((x) => x.column === 1).length, 20 * STRONGEST);
  assert.equal(lines.filter((x) => x.column === 2).length, 3 * STRONGEST, 'the next layer has 20 inputs: limited too');
  const { W } = s.layers[0];
  for (let j = 0; j < 20; j++) {
    const kept = lines.filter((x) => x.column === 1 && x.unit === j).map((x) => Math.abs(x.w));
    const all = Array.from(W.subarray(j * 64, (j + 1) * 64), Math.abs).sort((a, b) => b - a);
    assert.deepEqual(kept.sort((a, b) => b - a), all.slice(0, STRONGEST));
  }
});

test('a line is coloured by its sign and grows in width and opacity with |w|', () => {
  assert.equal(lineStyle(0.5, 1).colour, POSITIVE);
  assert.equal(lineStyle(-0.5, 1).colour, NEGATIVE);
  const small = lineStyle(0.1, 2), big = lineStyle(-2, 2);
  assert.ok(big.width > small.width && big.alpha > small.alpha);
  assert.ok(big.width <= 5 && small.width >= 0.5);
  assert.equal(lineStyle(0, 0).width, 0.6, 'all-zero weights: thin lines, no division by zero');
});

test('the hit test finds the line under the pointer (the one drawn on top) and nothing elsewhere', () => {
  const s = snapshot([8, 8, 1]);
  const lay = layout(s, 520, 300), { lines } = selectLines(s);
  const target = lines[10], [ax, ay, bx, by] = lineEnds(lay, target);
  const hit = hitLine(lay, lines, (ax + bx) / 2, (ay + by) / 2);
  // Several lines may cross there; the answer is the last drawn of those within 5 px.
  assert.ok(lines.indexOf(hit) >= 10);
  assert.equal(hitLine(lay, lines, 2, 2), null);
  const top = lines.at(-1), end = lineEnds(lay, top);
  assert.equal(hitLine(lay, lines, end[0] + 0.2 * (end[2] - end[0]), end[1] + 0.2 * (end[3] - end[1])), top);
  const u = lay.columns[2][3];
  assert.deepEqual(hitUnit(lay, u.x + 1, u.y + 1), { column: 2, index: 3 });
});

test('a unit is read by its statistics', () => {
  const s = snapshot([8, 8, 1]);
  assert.equal(unitLabel(s, 2, 2), 'Layer 2, unit 3: ReLU, mean 0.41, std 0.22, dead 0%, bias -0.39, weight norm 1.9');
  assert.match(unitLabel(s, 3, 0), /^Output layer, unit 1: sigmoid, mean 0\.41, std 0\.22, dead 0%, bias -0\.13, weight norm 1\.9$/);
  assert.equal(unitLabel(s, 0, 1), 'Input 2: x2');
  s.grid = { resolution: 4, x0: -1, x1: 1, y0: -1, y1: 1, layers: [] };
  assert.equal(unitLabel(s, 0, 1), "Input 2: x2, drawn as the plane's vertical coordinate");
  s.layers[0].gamma = Float32Array.of(1.5, 1, 1, 1, 1, 1, 1, 1);
  s.layers[0].beta = Float32Array.of(-0.25, 0, 0, 0, 0, 0, 0, 0);
  assert.match(unitLabel(s, 1, 0), /gamma 1\.5, beta -0\.25$/);
  assert.equal(weightLabel(s, 0, 1, 0), 'Weight from input x1 to Layer 1 unit 2');
  assert.equal(weightLabel(s, 1, 1, 4), 'Weight from layer 1 unit 5 to Layer 2 unit 2');
  assert.equal(weightLabel(s, 2, 0, null), 'Bias of Output layer unit 1');
});

test('dead, saturated and dropped units are marked', () => {
  const s = snapshot([4, 1]);
  const layer = s.layers[0];
  layer.stats.dead = Float32Array.of(DEAD, 0.98, 1, 0);
  layer.mask = Uint8Array.of(1, 1, 1, 0);
  assert.deepEqual([0, 1, 2, 3].map((j) => marks(layer, j).dead), [true, false, true, false]);
  assert.equal(marks(layer, 3).dropped, true);
  assert.match(unitLabel(s, 1, 0), /dead 99%, .*a dead unit$/);
  const out = s.layers[1];
  out.stats.saturated = Float32Array.of(0.95);
  assert.equal(marks(out, 0).saturated, true);
  assert.match(unitLabel(s, 2, 0), /saturated 95%.*a saturated unit/);
});

test('a typed value is a finite number within the limits, or refused with what is allowed', () => {
  assert.deepEqual(parseValue(' -0.5 '), { ok: true, value: -0.5 });
  assert.deepEqual(parseValue('1e-3'), { ok: true, value: 0.001 });
  for (const bad of ['', 'abc', 'Infinity', '1e9', 'NaN', '0x']) {
    const r = parseValue(bad, 'Bias');
    assert.equal(r.ok, false, bad);
    assert.match(r.message, /^Bias value .* was not set: allowed is a number from −1000 to 1000/);
  }
});

test('what each unit shows: ramps and heatmaps for 2-feature data, 8x8 weight images for digits, bars otherwise', () => {
  const plane = snapshot([8, 1], { grid: { resolution: 4, x0: -2, x1: 2, y0: -1, y1: 1, layers: [] } });
  assert.deepEqual([0, 1, 2].map((c) => pictureKind(plane, c)), ['ramp', 'heatmap', 'heatmap']);
  const digits = snapshot([16, 10], { features: 64, image: { width: 8, height: 8 } });
  assert.deepEqual([0, 1, 2].map((c) => pictureKind(digits, c)), ['input', 'image', 'bars']);
  const wine = snapshot([8, 3], { features: 13 });
  assert.deepEqual([0, 1, 2].map((c) => pictureKind(wine, c)), ['input', 'bars', 'bars']);
});

test('the ramps follow the grid (row 0 at the bottom) and pictures are painted top row first', () => {
  const grid = { resolution: 4, x0: -2, x1: 2, y0: -1, y1: 3 };
  const x = rampValues(grid, 0), y = rampValues(grid, 1);
  assert.deepEqual(Array.from(x.subarray(0, 4)), [-0.75, -0.25, 0.25, 0.75]);  // (-1.5 .. 1.5) / 2
  assert.deepEqual([y[0], y[4], y[8], y[12]], [-0.5 / 3, 0.5 / 3, 1.5 / 3, 2.5 / 3].map(Math.fround));
  const table = divergingTable(), pixels = new Uint32Array(16);
  paintValues(pixels, y, 0, 16, { centre: 0, half: 1 }, 4);
  assert.equal(pixels[0], table[Math.round((Math.fround(2.5 / 3) + 1) * 127.5)], 'the top-left pixel is the grid\'s top row');
  assert.equal(pixels[12], table[Math.round((Math.fround(-0.5 / 3) + 1) * 127.5)]);
  assert.deepEqual(valueScale('sigmoid', [0.2]), { centre: 0.5, half: 0.5 });
  assert.deepEqual(valueScale('relu', [0, 3, -4, 1], 0, 2), { centre: 0, half: 3 });
});
