// The pure parts of the network diagram (web/network/view.js): where each unit sits, which
// weight lines are drawn and how, what a unit's picture is, the hit test for a line, and the
// words a unit or a weight is read by. No DOM here, so node:test can import it.
//
// Columns: 0 is the input features, column c >= 1 is snapshot.layers[c - 1] (the hidden
// layers, then the output). W of layer l is (units x fanIn), row-major: W[j * fanIn + i] is
// the weight from unit i of the column before to unit j.
import { classColour } from '../boundary-math.js';
import { optionName } from '../option-names.js';

export const NEGATIVE = '#0072B2';  // the boundary's class-0 blue: a negative weight or value
export const POSITIVE = '#E69F00';  // its class-1 orange: a positive one
export const WIDE = 16;             // more units or fan-in than this: only the strongest lines
export const STRONGEST = 8;         // ... this many per unit
export const DEAD = 0.99;           // a ReLU unit inactive on at least this share: dead
export const SATURATED = 0.9;       // a sigmoid/tanh unit saturated on at least this share

const clamp = (x, lo, hi) => (x < lo ? lo : x > hi ? hi : x);
const percent = (f) => `${Number((f * 100).toPrecision(2))}%`;
// Two significant digits: 0.1234 -> "0.12", -0.00012 -> "-1.2e-4".
export function fmt(v) {
  if (typeof v !== 'number' || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? Number(v.toPrecision(2)).toExponential() : String(Number(v.toPrecision(2)));
}

// The canvas's size in CSS pixels for a snapshot shown in a box `width` wide: at least
// MIN_COLUMN per column (a phone scrolls sideways), taller when a column has many units.
export const MIN_COLUMN = 92;
export function canvasSize(snapshot, width) {
  const columns = snapshot.layers.length + 1;
  const most = Math.max(snapshot.features, ...snapshot.layers.map((l) => l.units));
  return { width: Math.max(Math.round(width), columns * MIN_COLUMN), height: clamp(most * 46 + 48, 240, 460) };
}

// Every unit's box: { column, index, x, y, size } (x, y: its top-left corner, CSS pixels).
export function layout(snapshot, width, height) {
  const counts = [snapshot.features, ...snapshot.layers.map((l) => l.units)];
  const padLeft = 50, padRight = 30, padTop = 30, padBottom = 14, gapRatio = 0.25;  // the inputs' names on the left
  const step = counts.length > 1 ? (width - padLeft - padRight) / (counts.length - 1) : 0;
  const columns = counts.map((n, c) => {
    const room = (height - padTop - padBottom) / n;
    const size = clamp(Math.floor(room / (1 + gapRatio)), 3, Math.min(44, step * 0.45 || 44));
    const pitch = Math.min(room, size * 1.5);
    const top = padTop + (height - padTop - padBottom - pitch * n) / 2 + (pitch - size) / 2;
    const cx = padLeft + c * step;
    return Array.from({ length: n }, (_, j) => ({ column: c, index: j, x: cx - size / 2, y: top + j * pitch, size }));
  });
  return { width, height, columns, centres: columns.map((col) => (col[0] ? col[0].x + col[0].size / 2 : 0)) };
}

// The weight lines to draw: { column (of the target), unit, input, w } for each, sorted by
// |w| (the largest last, on top). A layer with more than WIDE units or fan-in keeps the
// STRONGEST lines of each unit; `limited` then lists those layers: [{ column, k, n }].
export function selectLines(snapshot) {
  const lines = [], limited = [];
  snapshot.layers.forEach((layer, l) => {
    const { units, fanIn, W } = layer;
    const wide = units > WIDE || fanIn > WIDE, k = wide ? Math.min(STRONGEST, fanIn) : fanIn;
    if (wide && k < fanIn) limited.push({ column: l + 1, k, n: fanIn });
    const order = Array.from({ length: fanIn }, (_, i) => i);
    for (let j = 0; j < units; j++) {
      const row = j * fanIn;
      if (k < fanIn) order.sort((a, b) => Math.abs(W[row + b]) - Math.abs(W[row + a]));
      for (let t = 0; t < k; t++) lines.push({ column: l + 1, unit: j, input: order[t], w: W[row + order[t]] });
    }
  });
  lines.sort((a, b) => Math.abs(a.w) - Math.abs(b.w));
  const max = lines.reduce((m, line) => Math.max(m, Math.abs(line.w)), 0);
  return { lines, limited, max };
}

// How a line of weight w is drawn when the largest drawn is max: colour by sign, width and
// opacity by size.
export function lineStyle(w, max) {
  const t = max > 0 ? Math.min(1, Math.abs(w) / max) : 0;
  return { colour: w < 0 ? NEGATIVE : POSITIVE, width: 0.6 + 4.4 * t, alpha: 0.18 + 0.77 * t };
}

// Line geometry: from the right edge of the source box to the left edge of the target's.
export function lineEnds(lay, line) {
  const a = lay.columns[line.column - 1][line.input], b = lay.columns[line.column][line.unit];
  return [a.x + a.size, a.y + a.size / 2, b.x, b.y + b.size / 2];
}

// The line under the point (x, y), within `tolerance` pixels: the one drawn last wins.
export function hitLine(lay, lines, x, y, tolerance = 5) {
  for (let k = lines.length - 1; k >= 0; k--) {
    const [ax, ay, bx, by] = lineEnds(lay, lines[k]);
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy || 1;
    const t = clamp(((x - ax) * dx + (y - ay) * dy) / len2, 0, 1);
    if (Math.hypot(ax + t * dx - x, ay + t * dy - y) <= tolerance) return lines[k];
  }
  return null;
}

// The unit whose box holds (x, y), or null: { column, index }.
export function hitUnit(lay, x, y) {
  for (const col of lay.columns) {
    for (const u of col) if (x >= u.x && x <= u.x + u.size && y >= u.y && y <= u.y + u.size) return { column: u.column, index: u.index };
  }
  return null;
}

// What a unit's picture shows: 'heatmap' (2-feature data with a grid), 'image' (layer 1 of
// image data: its incoming weights as an image), 'bars' (its incoming weights), 'input'.
export function pictureKind(snapshot, column) {
  if (column === 0) return snapshot.grid && snapshot.features === 2 ? 'ramp' : 'input';
  if (snapshot.grid) return 'heatmap';
  const img = snapshot.image;
  if (column === 1 && img && img.width * img.height === snapshot.layers[0].fanIn) return 'image';
  return 'bars';
}

// The marks of unit j of layer l: { dead, saturated, dropped }.
export function marks(layer, j) {
  const s = layer.stats || {};
  return {
    dead: Boolean(s.dead && s.dead[j] >= DEAD),
    saturated: Boolean(s.saturated && s.saturated[j] >= SATURATED),
    dropped: Boolean(layer.mask && layer.mask[j] === 0),
  };
}

export const activationName = (a) => optionName('act', a);
export const featureName = (snapshot, i) => snapshot.featureNames?.[i] || `x${i + 1}`;
export const layerName = (snapshot, l) => (l === snapshot.layers.length - 1 ? `Output layer` : `Layer ${l + 1}`);

// The accessible name of a unit (column, j): what it is and its statistics.
export function unitLabel(snapshot, column, j) {
  if (column === 0) {
    const name = featureName(snapshot, j);
    const what = snapshot.grid && snapshot.features === 2 ? `, drawn as the plane's ${j === 0 ? 'horizontal' : 'vertical'} coordinate` : '';
    return `Input ${j + 1}: ${name}${what}`;
  }
  const l = column - 1, layer = snapshot.layers[l], s = layer.stats || {};
  const parts = [activationName(layer.activation)];
  if (s.mean) parts.push(`mean ${fmt(s.mean[j])}`, `std ${fmt(s.std[j])}`);
  if (s.dead) parts.push(`dead ${percent(s.dead[j])}`);
  if (s.saturated) parts.push(`saturated ${percent(s.saturated[j])}`);
  parts.push(`bias ${fmt(layer.b[j])}`, `weight norm ${fmt(layer.weightNorm[j])}`);
  if (layer.gamma) parts.push(`gamma ${fmt(layer.gamma[j])}`, `beta ${fmt(layer.beta[j])}`);
  const m = marks(layer, j);
  if (m.dead) parts.push('a dead unit');
  if (m.saturated) parts.push('a saturated unit');
  if (m.dropped) parts.push('dropped in the last step');
  return `${layerName(snapshot, l)}, unit ${j + 1}: ${parts.join(', ')}`;
}

// The words for a weight (input a number) or a bias (input null) of unit j of layer l.
export function weightLabel(snapshot, l, j, input) {
  const to = `${layerName(snapshot, l)} unit ${j + 1}`;
  if (input === null || input === undefined) return `Bias of ${to}`;
  const from = l === 0 ? `input ${featureName(snapshot, input)}` : `layer ${l} unit ${input + 1}`;
  return `Weight from ${from} to ${to}`;
}

// A value typed for a weight or bias: { ok, value } or { ok: false, message }.
export const LIMIT = 1000;
export function parseValue(text, what = 'Weight') {
  const t = String(text).trim().replace('−', '-');
  const value = t === '' ? NaN : Number(t);
  if (!Number.isFinite(value) || Math.abs(value) > LIMIT) {
    return { ok: false, message: `${what} value “${text}” was not set: allowed is a number from −${LIMIT} to ${LIMIT}, such as 0.5 or -1.2e-2.` };
  }
  return { ok: true, value };
}

// Colour tables (RGBA words, little-endian) of 256 entries over [-1, 1]: blue, white, orange.
let diverging = null;
export function divergingTable() {
  if (diverging) return diverging;
  diverging = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const t = (i / 255) * 2 - 1;
    const [r, g, b] = t >= 0 ? classColour(1, 0.5 + t / 2) : classColour(0, 0.5 - t / 2);
    diverging[i] = (255 << 24 | b << 16 | g << 8 | r) >>> 0;
  }
  return diverging;
}

// The centre and half-range a unit's values are shown over: sigmoid around 0.5 (the
// boundary's own colours at the output), tanh over [-1, 1], the rest over their own largest
// |value| (so a small unit still shows its pattern).
export function valueScale(activation, values, from = 0, to = values.length) {
  if (activation === 'sigmoid') return { centre: 0.5, half: 0.5 };
  if (activation === 'tanh') return { centre: 0, half: 1 };
  let m = 0;
  for (let i = from; i < to; i++) { const a = Math.abs(values[i]); if (a > m) m = a; }
  return { centre: 0, half: m || 1 };
}

// Paints values[from .. from + n) into pixels (n RGBA words) with the diverging table, over
// centre +- half. flipRows: the grid's rows run bottom-up; the picture's top-down.
export function paintValues(pixels, values, from, n, { centre, half }, res = 0) {
  const table = divergingTable();
  for (let p = 0; p < n; p++) {
    const q = res ? (res - 1 - Math.floor(p / res)) * res + (p % res) : p;
    const t = (values[from + p] - centre) / half;
    pixels[q] = table[t <= -1 ? 0 : t >= 1 ? 255 : ((t + 1) * 127.5 + 0.5) | 0];
  }
}

// The plane's coordinate ramps (the input features of 2-feature data) as grid values: x1
// grows to the right, x2 upwards; each scaled to [-1, 1] over the plane.
export function rampValues(grid, feature) {
  const { resolution: res, x0, x1, y0, y1 } = grid, out = new Float32Array(res * res);
  const lo = feature === 0 ? x0 : y0, hi = feature === 0 ? x1 : y1, m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  for (let p = 0; p < res * res; p++) {
    const k = feature === 0 ? p % res : Math.floor(p / res);
    out[p] = (lo + ((hi - lo) * (k + 0.5)) / res) / m;
  }
  return out;
}
