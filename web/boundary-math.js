// The pure parts of the decision-boundary view: colours, contours and coordinates.
// No DOM here, so node:test can import them.
export const CLASS_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00',
  '#F0E442', '#8C564B', '#7F7F7F', '#332288'];
export const RAMP = ['#440154', '#3B528B', '#21918C', '#5EC962', '#FDE725'];  // viridis, dark to light
export const INK = '#1d2330';
export const MAX_TINT = 0.65;  // the heatmap's strongest tint; points are drawn at full colour
export const WAITING = 'Waiting for the decision boundary…';
export const EMPTY = { resolution: 0, mode: null, fractionClass1: null, fractions: null, range: null };

export const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
export const mix = (c, t) => c.map((v) => Math.round(255 + (v - 255) * t));  // white -> c
export const clamp01 = (x) => (x < 0 ? 0 : x > 1 ? 1 : x);
export const short = (x) => String(Number(x.toPrecision(3)));
export const percent = (f) => `${Math.round(f * 100)}%`;
export const makeCanvas = (width, height) => (typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height)
  : Object.assign(document.createElement('canvas'), { width, height }));
export const nameOf = (names, k) => (names?.[k] && !/^\d+$/.test(names[k]) ? names[k] : `class ${k}`);

// [r, g, b] of class k at a confidence in [1/classes, 1]: white when no better than chance.
export function classColour(k, confidence, classes = 2) {
  const chance = 1 / Math.max(2, classes);
  return mix(rgb(CLASS_COLOURS[k % CLASS_COLOURS.length]), MAX_TINT * clamp01((confidence - chance) / (1 - chance)));
}

// [r, g, b] for P(class 1) = p: blue below 0.5, orange above, white at 0.5.
export function colourFor(p) {
  return p >= 0.5 ? classColour(1, p) : classColour(0, 1 - p);
}

// [r, g, b] on the sequential ramp at t in [0, 1].
export function rampColour(t) {
  const x = clamp01(t) * (RAMP.length - 1), i = Math.min(RAMP.length - 2, Math.floor(x));
  const a = rgb(RAMP[i]), b = rgb(RAMP[i + 1]);
  return a.map((v, j) => Math.round(v + (b[j] - v) * (x - i)));
}

// Marching squares over field (res x res values, row by row from the bottom): the segments
// where it crosses level, in grid units (sample (col, row) sits at (col + 0.5, row + 0.5);
// the plane spans 0..res on both axes). Each goes to emit(ax, ay, bx, by), or into the
// array returned.
export function contourSegments(field, res, level = 0.5, emit = null) {
  const out = [], put = emit || ((...s) => out.push(s));
  const segment = (p, q) => put(p[0] + 0.5, p[1] + 0.5, q[0] + 0.5, q[1] + 0.5);
  const cross = (x0, y0, v0, x1, y1, v1) => {
    const t = (level - v0) / (v1 - v0);
    return [x0 + (x1 - x0) * t, y0 + (y1 - y0) * t];
  };
  for (let r = 0; r + 1 < res; r++) {
    for (let c = 0, i = r * res; c + 1 < res; c++, i++) {
      const a = field[i], b = field[i + 1], d = field[i + res + 1], e = field[i + res];
      const sa = a >= level, sb = b >= level, sd = d >= level, se = e >= level;
      if (sa === sb && sb === sd && sd === se) continue;
      // Crossings on the bottom, right, top and left edges (null where there is none).
      const p = [sa !== sb ? cross(c, r, a, c + 1, r, b) : null, sb !== sd ? cross(c + 1, r, b, c + 1, r + 1, d) : null,
        sd !== se ? cross(c + 1, r + 1, d, c, r + 1, e) : null, se !== sa ? cross(c, r + 1, e, c, r, a) : null];
      const hits = p.filter(Boolean);
      if (hits.length === 2) segment(hits[0], hits[1]);
      else if ((a + b + d + e) / 4 >= level === sa) { segment(p[0], p[1]); segment(p[2], p[3]); }
      else { segment(p[3], p[0]); segment(p[1], p[2]); }  // a saddle whose centre differs from a
    }
  }
  return out;
}

// The plot's rectangle in CSS pixels: equal units on both axes when the data's aspect is
// within a factor of 2 of the canvas's, otherwise the whole canvas.
export function plotRect(info, width, height) {
  const sx = width / (info.x1 - info.x0), sy = height / (info.y1 - info.y0), s = Math.min(sx, sy);
  if (Math.max(sx, sy) / s > 2) return { left: 0, top: 0, width, height };
  const w = (info.x1 - info.x0) * s, h = (info.y1 - info.y0) * s;
  return { left: (width - w) / 2, top: (height - h) / 2, width: w, height: h };
}

// Data coordinates -> CSS pixels in rect, y up: { px(x), py(y) }.
export function toCanvas(info, rect) {
  return {
    px: (x) => rect.left + ((x - info.x0) / (info.x1 - info.x0)) * rect.width,
    py: (y) => rect.top + rect.height - ((y - info.y0) / (info.y1 - info.y0)) * rect.height,
  };
}

// How each set's points are drawn, in drawing order (train last, on top), with the words the
// legend and the caption use.
export const SET_STYLES = [
  { set: 'test', shape: 'cross', name: 'test', points: 'test points (crosses)' },
  { set: 'dev', shape: 'ring', name: 'dev', points: 'dev points (ringed)' },
  { set: 'train_dev', shape: 'square', name: 'train-dev', points: 'train-dev points (squares)' },
  { set: 'train', shape: 'disc', name: 'train', points: 'training points (filled)' },
];
const CAPTION_ORDER = ['train', 'dev', 'test', 'train_dev'];

// Points per set, as lastSummary() gives them: train and dev always, test and train-dev when
// the data has them.
export function pointCounts(points) {
  const out = { train: points?.train?.y?.length ?? 0, dev: points?.dev?.y?.length ?? 0 };
  for (const set of ['test', 'train_dev']) if (points?.[set]?.y?.length) out[set] = points[set].y.length;
  return out;
}

// The path of one point of a shape at (x, y), radius r, added to path.
export function addMarker(path, shape, x, y, r) {
  if (shape === 'square') path.rect(x - r, y - r, 2 * r, 2 * r);
  else if (shape === 'cross') {
    const d = r * 1.1;
    path.moveTo(x - d, y - d); path.lineTo(x + d, y + d);
    path.moveTo(x - d, y + d); path.lineTo(x + d, y - d);
  } else {
    path.moveTo(x + r, y);
    path.arc(x, y, r, 0, 2 * Math.PI);
  }
}

// The one-line description of a drawing (summary as lastSummary() gives it).
export function captionFor({ mode, fractions, range, points }, classNames = []) {
  const counts = CAPTION_ORDER.filter((set) => set in points);
  const named = counts.map((set) => `${points[set]} ${SET_STYLES.find((s) => s.set === set).points}`);
  const pts = counts.some((set) => points[set]) ? `; ${named.join(', ')}.` : '.';
  if (mode === 'binary') {
    return `Decision boundary: ${percent(fractions[1])} of the plane is ${nameOf(classNames, 1)}, ` +
      `${percent(fractions[0])} ${nameOf(classNames, 0)}${pts}`;
  }
  if (mode === 'softmax') {
    const shares = fractions.map((f, k) => `${nameOf(classNames, k)} ${percent(f)}`);
    return `Decision regions: ${shares.join(', ')} of the plane${pts}`;
  }
  return `Predicted value over the plane, from ${short(range.min)} (dark purple) to ${short(range.max)} (yellow)${pts}`;
}
