// The decision boundary: the network's output over the input plane as a heatmap, with the
// training points (filled) and dev points (ringed) on top. The grid is painted into an
// ImageData at its own resolution and scaled smoothly onto the canvas; class boundaries are
// traced by marching squares. Data coordinates map to the canvas with y up.
//   binary (1 channel, classes > 0): P(class 1); blue class 0, orange class 1, white at 0.5
//   softmax (2 channels): [predicted class, its probability]; paler where less confident
//   regression (1 channel, classes 0): the predicted value on a sequential ramp
// Colours are Okabe-Ito, told apart by colour-blind readers.

// Class colours: Okabe-Ito first (blue, orange, bluish green, reddish purple, sky blue,
// vermillion, yellow), then brown, grey and indigo for up to 10 classes.
export const CLASS_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00',
  '#F0E442', '#8C564B', '#7F7F7F', '#332288'];
const RAMP = ['#440154', '#3B528B', '#21918C', '#5EC962', '#FDE725'];  // viridis, dark to light
const INK = '#1d2330';
const MAX_TINT = 0.8;  // the heatmap's strongest colour; points are drawn at full colour

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const mix = (c, t) => c.map((v) => Math.round(255 + (v - 255) * t));  // white -> c
const clamp01 = (x) => (x < 0 ? 0 : x > 1 ? 1 : x);

// [r, g, b] of class k at a confidence in [1/classes, 1]: white when no better than chance.
export function classColour(k, confidence, classes = 2) {
  const base = rgb(CLASS_COLOURS[k % CLASS_COLOURS.length]);
  const chance = 1 / Math.max(2, classes);
  return mix(base, MAX_TINT * clamp01((confidence - chance) / (1 - chance)));
}

// [r, g, b] for P(class 1) = p: blue below 0.5, orange above, white at 0.5.
export function colourFor(p) {
  return p >= 0.5 ? classColour(1, p) : classColour(0, 1 - p);
}

// [r, g, b] on the sequential ramp at t in [0, 1].
export function rampColour(t) {
  const x = clamp01(t) * (RAMP.length - 1), i = Math.min(RAMP.length - 2, Math.floor(x)), f = x - i;
  const a = rgb(RAMP[i]), b = rgb(RAMP[i + 1]);
  return a.map((v, j) => Math.round(v + (b[j] - v) * f));
}

// Segments [ax, ay, bx, by] where get(col, row) crosses level, in grid units: the sample
// (col, row) sits at (col + 0.5, row + 0.5) and the plane spans 0..res on both axes.
export function contourSegments(get, res, level = 0.5) {
  const out = [];
  const cross = (x0, y0, v0, x1, y1, v1) => {
    const t = (level - v0) / (v1 - v0);
    return [x0 + (x1 - x0) * t + 0.5, y0 + (y1 - y0) * t + 0.5];
  };
  for (let r = 0; r + 1 < res; r++) {
    for (let c = 0; c + 1 < res; c++) {
      const a = get(c, r), b = get(c + 1, r), d = get(c + 1, r + 1), e = get(c, r + 1);
      const sa = a >= level, sb = b >= level, sd = d >= level, se = e >= level;
      if (sa === sb && sb === sd && sd === se) continue;
      // Crossings in order bottom, right, top, left (null where the edge does not cross).
      const p = [sa !== sb ? cross(c, r, a, c + 1, r, b) : null, sb !== sd ? cross(c + 1, r, b, c + 1, r + 1, d) : null,
        sd !== se ? cross(c + 1, r + 1, d, c, r + 1, e) : null, se !== sa ? cross(c, r + 1, e, c, r, a) : null];
      const hits = p.filter(Boolean);
      if (hits.length === 2) out.push([...hits[0], ...hits[1]]);
      else if ((a + b + d + e) / 4 >= level === sa) out.push([...p[0], ...p[1]], [...p[2], ...p[3]]);
      else out.push([...p[3], ...p[0]], [...p[1], ...p[2]]);  // the saddle's centre differs from a
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

const className = (names, k) => (names[k] && !/^\d+$/.test(names[k]) ? names[k] : `class ${k}`);
const short = (x) => String(Number(x.toPrecision(3)));
const percent = (f) => `${Math.round(f * 100)}%`;

export class BoundaryView {
  // canvas: where to draw; caption: an element for a one-line text description.
  constructor(canvas, caption) {
    this.canvas = canvas;
    this.caption = caption;
    this.ctx = canvas.getContext('2d');
    this.points = null;
    this.last = null;      // the last grid drawn, redrawn on resize
    this.message = '';
    this.summary = { resolution: 0, fractionClass1: null, points: { train: 0, dev: 0 } };
    this.size = { width: canvas.clientWidth, height: canvas.clientHeight };
    this.image = null;
    this.tile = null;      // an offscreen canvas at the grid's resolution
    if (typeof ResizeObserver !== 'undefined') {
      this.observer = new ResizeObserver(([entry]) => {
        this.size = { width: entry.contentRect.width, height: entry.contentRect.height };
        this.redraw();
      });
      this.observer.observe(canvas);
    }
  }

  setPoints(points) {
    this.points = points;
    this.summary.points = { train: points.train.y.length, dev: points.dev.y.length };
  }

  // grid: { info: { x0, x1, y0, y1, resolution, channels }, values: Float32Array }.
  draw(grid) {
    this.last = grid;
    this.message = '';
    this.redraw();
  }

  // Shows message on the canvas and in the caption, and forgets the last grid.
  clear(message = '') {
    this.last = null;
    this.message = message;
    this.redraw();
  }

  lastSummary() {
    return structuredClone(this.summary);
  }

  redraw() {
    const ctx = this.ctx, dpr = globalThis.devicePixelRatio || 1;
    const { width, height } = this.size;
    const w = Math.max(1, Math.round(width * dpr)), h = Math.max(1, Math.round(height * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) Object.assign(this.canvas, { width: w, height: h });
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (!this.last) return this.drawMessage(width, height);
    const { info, values } = this.last;
    const mode = info.channels === 2 ? 'softmax' : this.points?.classes === 0 ? 'regression' : 'binary';
    const rect = plotRect(info, width, height);
    const range = mode === 'regression' ? this.valueRange(values) : null;
    const fractions = this.paint(info, values, mode, range);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'low';
    ctx.drawImage(this.tile, rect.left, rect.top, rect.width, rect.height);
    if (mode !== 'regression') this.drawContours(info, values, mode, rect, fractions.length);
    if (this.points?.train.x.length) this.drawPoints(info, rect, mode, range);
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1;
    ctx.strokeRect(rect.left + 0.5, rect.top + 0.5, rect.width - 1, rect.height - 1);
    this.drawLegend(mode, range, fractions.length);
    this.describe(info, mode, range, fractions);
  }

  // Fills the offscreen tile from values; returns the fraction of the plane per class.
  paint(info, values, mode, range) {
    const res = info.resolution;
    if (!this.image || this.image.width !== res) {
      this.image = new ImageData(res, res);
      this.tile = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(res, res)
        : Object.assign(document.createElement('canvas'), { width: res, height: res });
    }
    const data = this.image.data, n = res * res, classes = Math.max(2, this.points?.classes || 0);
    const counts = new Array(Math.max(classes, 10)).fill(0);
    const chance = 1 / classes, span = range ? range.max - range.min || 1 : 1;
    const tables = mode === 'softmax'
      ? Array.from({ length: counts.length }, (_, k) => this.table(`s${k}/${classes}`, (q) => classColour(k, chance + (1 - chance) * q, classes)))
      : [this.table(mode, mode === 'binary' ? colourFor : (t) => mix(rampColour(t), 0.65))];
    for (let r = 0; r < res; r++) {
      const row = (res - 1 - r) * res * 4;  // y up: grid row 0 is the bottom of the image
      for (let c = 0; c < res; c++) {
        const i = r * res + c;
        let colour;
        if (mode === 'softmax') {
          const k = values[2 * i] | 0;
          counts[k]++;
          colour = tables[k][Math.round(clamp01((values[2 * i + 1] - chance) / (1 - chance)) * 255)];
        } else if (mode === 'binary') {
          counts[values[i] >= 0.5 ? 1 : 0]++;
          colour = tables[0][Math.round(clamp01(values[i]) * 255)];
        } else {
          colour = tables[0][Math.round(clamp01((values[i] - range.min) / span) * 255)];
        }
        const at = row + c * 4;
        data[at] = colour[0];
        data[at + 1] = colour[1];
        data[at + 2] = colour[2];
        data[at + 3] = 255;
      }
    }
    this.tile.getContext('2d').putImageData(this.image, 0, 0);
    const used = mode === 'softmax' ? Math.max(classes, counts.findLastIndex((x) => x > 0) + 1) : 2;
    return counts.slice(0, used).map((x) => x / n);
  }

  // A 256-entry colour table over [0, 1], built once per key.
  table(key, colourOf) {
    this.tables ??= new Map();
    if (!this.tables.has(key)) this.tables.set(key, Array.from({ length: 256 }, (_, i) => colourOf(i / 255)));
    return this.tables.get(key);
  }

  valueRange(values) {
    let min = Infinity, max = -Infinity;
    for (const v of values) { if (v < min) min = v; if (v > max) max = v; }
    for (const y of [...(this.points?.train.y || []), ...(this.points?.dev.y || [])]) {
      if (y < min) min = y;
      if (y > max) max = y;
    }
    return { min, max };
  }

  drawContours(info, values, mode, rect, classes) {
    const res = info.resolution, ctx = this.ctx;
    const segments = mode === 'binary' ? contourSegments((c, r) => values[r * res + c], res)
      : Array.from({ length: classes }, (_, k) => contourSegments((c, r) => (values[2 * (r * res + c)] === k ? 1 : 0), res)).flat();
    ctx.beginPath();
    for (const [ax, ay, bx, by] of segments) {
      ctx.moveTo(rect.left + (ax / res) * rect.width, rect.top + rect.height - (ay / res) * rect.height);
      ctx.lineTo(rect.left + (bx / res) * rect.width, rect.top + rect.height - (by / res) * rect.height);
    }
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1.5;
    ctx.lineCap = 'round';
    ctx.stroke();
  }

  // Training points filled, dev points as rings, in one path per colour.
  drawPoints(info, rect, mode, range) {
    const ctx = this.ctx, radius = Math.max(2.5, Math.min(5, Math.min(rect.width, rect.height) / 110));
    const px = (x) => rect.left + ((x - info.x0) / (info.x1 - info.x0)) * rect.width;
    const py = (y) => rect.top + rect.height - ((y - info.y0) / (info.y1 - info.y0)) * rect.height;
    const colourOf = mode === 'regression'
      ? (y) => `rgb(${rampColour(Math.round(((y - range.min) / (range.max - range.min || 1)) * 31) / 31)})`
      : (y) => CLASS_COLOURS[y % CLASS_COLOURS.length];
    for (const [set, filled] of [[this.points.dev, false], [this.points.train, true]]) {
      const groups = new Map();
      set.x.forEach((p, i) => {
        const colour = colourOf(set.y[i]);
        if (!groups.has(colour)) groups.set(colour, new Path2D());
        groups.get(colour).moveTo(px(p[0]) + radius, py(p[1]));
        groups.get(colour).arc(px(p[0]), py(p[1]), radius, 0, 2 * Math.PI);
      });
      for (const [colour, path] of groups) {
        ctx.strokeStyle = INK;
        ctx.lineWidth = filled ? 1 : 4.5;
        if (filled) { ctx.fillStyle = colour; ctx.fill(path); }
        ctx.stroke(path);
        if (!filled) { ctx.strokeStyle = colour; ctx.lineWidth = 2.5; ctx.stroke(path); }
      }
    }
  }

  // A key in the top-left corner: the classes' colours, or the ramp's min and max.
  drawLegend(mode, range, classes) {
    const ctx = this.ctx, names = this.points?.class_names || [];
    const rows = mode === 'regression' ? [] : Array.from({ length: classes }, (_, k) => [CLASS_COLOURS[k % 10], className(names, k)]);
    ctx.font = '12px system-ui, sans-serif';
    const text = mode === 'regression' ? [short(range.min), short(range.max)] : rows.map((r) => r[1]);
    const width = Math.max(...text.map((t) => ctx.measureText(t).width)) + (mode === 'regression' ? 120 : 28);
    const height = mode === 'regression' ? 26 : rows.length * 18 + 8;
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(6, 6, width, height);
    ctx.fillStyle = INK;
    ctx.textBaseline = 'middle';
    if (mode === 'regression') {
      const bar = ctx.createLinearGradient(0, 0, 80, 0);
      RAMP.forEach((c, i) => bar.addColorStop(i / (RAMP.length - 1), c));
      ctx.fillText(text[0], 12, 19);
      const x = 16 + ctx.measureText(text[0]).width;
      ctx.fillStyle = bar;
      ctx.fillRect(x, 12, 80, 14);
      ctx.fillStyle = INK;
      ctx.fillText(text[1], x + 86, 19);
      return;
    }
    rows.forEach(([colour, name], k) => {
      ctx.fillStyle = colour;
      ctx.fillRect(12, 12 + k * 18, 12, 12);
      ctx.strokeStyle = INK;
      ctx.lineWidth = 1;
      ctx.strokeRect(12.5, 12.5 + k * 18, 11, 11);
      ctx.fillStyle = INK;
      ctx.fillText(name, 30, 18 + k * 18);
    });
  }

  drawMessage(width, height) {
    const ctx = this.ctx;
    ctx.fillStyle = '#f4f6f9';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#5b6475';
    ctx.font = '14px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const lines = [''];
    for (const word of this.message.split(/\s+/)) {
      const line = lines[lines.length - 1] ? `${lines[lines.length - 1]} ${word}` : word;
      if (ctx.measureText(line).width > width - 32 && lines[lines.length - 1]) lines.push(word);
      else lines[lines.length - 1] = line;
    }
    lines.forEach((line, i) => ctx.fillText(line, width / 2, height / 2 + (i - (lines.length - 1) / 2) * 20));
    ctx.textAlign = 'start';
    this.summary = { resolution: 0, fractionClass1: null, points: this.summary.points };
    this.setCaption(this.message);
  }

  describe(info, mode, range, fractions) {
    const names = this.points?.class_names || [], { train, dev } = this.summary.points;
    const pts = this.points?.train.x.length ? `; ${train} training points (filled), ${dev} dev points (ringed).` : '.';
    let text;
    if (mode === 'binary') text = `Decision boundary: ${percent(fractions[1])} of the plane is ${className(names, 1)}, ${percent(fractions[0])} ${className(names, 0)}${pts}`;
    else if (mode === 'softmax') text = `Decision regions: ${fractions.map((f, k) => `${className(names, k)} ${percent(f)}`).join(', ')} of the plane${pts}`;
    else text = `Predicted value over the plane, from ${short(range.min)} (dark purple) to ${short(range.max)} (yellow)${pts}`;
    this.summary = { resolution: info.resolution, mode, fractionClass1: mode === 'binary' ? fractions[1] : null,
      fractions, points: this.summary.points };
    this.setCaption(text);
  }

  setCaption(text) {
    if (this.caption && this.caption.textContent !== text) this.caption.textContent = text;
  }
}
