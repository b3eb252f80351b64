// The decision boundary: the network's output over the input plane as a heatmap, with the
// points on top: training filled, dev ringed, test as crosses, train-dev as squares. The grid is painted into an
// ImageData at its own resolution and scaled smoothly onto the canvas; class boundaries are
// traced by marching squares. Data coordinates map to the canvas with y up.
//   binary (1 channel, classes > 0): P(class 1); blue class 0, orange class 1, white at 0.5
//   softmax (2 channels): [predicted class, its probability]; paler where less confident
//   regression (1 channel, classes 0): the predicted value on a sequential ramp
// Colours are Okabe-Ito (then brown, grey, indigo), told apart by colour-blind readers.
import {
  CLASS_COLOURS, EMPTY, INK, RAMP, SET_STYLES, WAITING, addMarker, captionFor, classColour, colourFor, contourSegments,
  makeCanvas, mix, nameOf, plotRect, pointCounts, rampColour, rgb, short, toCanvas,
} from './boundary-math.js';

export { CLASS_COLOURS, classColour, colourFor, rampColour, contourSegments, plotRect, toCanvas, captionFor } from './boundary-math.js';

export class BoundaryView {
  // canvas: where to draw (sized by CSS; see .boundary-canvas); caption: an element for
  // the one-line description, the canvas's accessible alternative.
  constructor(canvas, caption) {
    Object.assign(this, { canvas, caption, points: null, last: null, message: WAITING });
    this.ctx = canvas.getContext('2d');
    this.summary = { ...EMPTY, points: { train: 0, dev: 0 } };
    this.size = { width: canvas.clientWidth, height: canvas.clientHeight };
    this.tables = new Map();
    canvas.classList.add('boundary-canvas');
    if (!canvas.getAttribute('role')) canvas.setAttribute('role', 'img');
    if (caption?.id) canvas.setAttribute('aria-describedby', caption.id);
    if (typeof ResizeObserver !== 'undefined') {
      this.observer = new ResizeObserver(([entry]) => {
        this.size = { width: entry.contentRect.width, height: entry.contentRect.height };
        this.redraw();
      });
      this.observer.observe(canvas);
    }
  }

  // points: { features, classes, class_names, train: { x, y }, dev, test?, train_dev? (the
  // same) }. Data without exactly 2 features has no boundary to draw: the view says so.
  setPoints(points) {
    this.points = points;
    this.summary.points = pointCounts(points);
    if (points.features !== 2) {
      this.clear(`The decision boundary is drawn for 2-feature data; this data set has ${points.features} features.`);
    } else if (this.last) this.redraw();
    else this.clear(WAITING);
  }

  // grid: { info: { x0, x1, y0, y1, resolution, channels }, values: Float32Array }.
  draw(grid) {
    Object.assign(this, { last: grid, message: '' });
    this.redraw();
  }

  // Shows message on the canvas and in the caption instead of a grid.
  clear(message = '') {
    Object.assign(this, { last: null, message });
    this.redraw();
  }

  // { resolution, mode, fractionClass1 (binary), fractions (per class), range (regression),
  // points: { train, dev } } of the last drawing, for tests and readers.
  lastSummary() {
    return structuredClone(this.summary);
  }

  redraw() {
    const { ctx, canvas } = this, dpr = globalThis.devicePixelRatio || 1, { width, height } = this.size;
    const w = Math.max(1, Math.round(width * dpr)), h = Math.max(1, Math.round(height * dpr));
    if (canvas.width !== w || canvas.height !== h) Object.assign(canvas, { width: w, height: h });
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (!this.last) return this.drawMessage(width, height);
    const { info, values } = this.last, points = this.points;
    const mode = info.channels === 2 ? 'softmax' : points?.classes === 0 ? 'regression' : 'binary';
    const rect = plotRect(info, width, height);
    const range = mode === 'regression' ? this.valueRange(values) : null;
    const fractions = this.paint(info, values, mode, range);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.tile, rect.left, rect.top, rect.width, rect.height);
    if (mode !== 'regression') this.drawContours(info, values, mode, rect, fractions);
    this.drawOverlay(info, rect, mode, range, fractions.length, dpr);
    this.summary = { resolution: info.resolution, mode, fractionClass1: mode === 'binary' ? fractions[1] : null,
      fractions: mode === 'regression' ? null : fractions, range, points: this.summary.points };
    this.setCaption(captionFor(this.summary, points?.class_names));
  }

  // Paints the grid into the offscreen tile, one pixel per value (row 0 at the bottom);
  // returns the fraction of the plane given to each class.
  paint(info, values, mode, range) {
    const res = info.resolution, classes = Math.max(2, this.points?.classes || 0), chance = 1 / classes;
    if (this.image?.width !== res) {
      this.image = new ImageData(res, res);
      this.tile = makeCanvas(res, res);
    }
    // Colour tables of 256 RGBA pixels (little-endian words) over [0, 1], built once each.
    const table = (key, colourOf) => {
      if (!this.tables.has(key)) {
        this.tables.set(key, Uint32Array.from({ length: 256 }, (_, i) => {
          const [r, g, b] = colourOf(i / 255);
          return (255 << 24 | b << 16 | g << 8 | r) >>> 0;
        }));
      }
      return this.tables.get(key);
    };
    const at = (t) => (t <= 0 ? 0 : t >= 1 ? 255 : (t * 255 + 0.5) | 0);  // [0, 1] -> table index
    const counts = new Array(Math.max(classes, 10)).fill(0), span = range ? range.max - range.min || 1 : 1;
    let pick;  // grid point i -> its pixel
    if (mode === 'softmax') {
      const tables = counts.map((_, k) =>
        table(`s${k}/${classes}`, (q) => classColour(k, chance + (1 - chance) * q, classes)));
      pick = (i) => tables[values[2 * i] | 0][at((values[2 * i + 1] - chance) / (1 - chance))];
    } else if (mode === 'binary') {
      const colours = table('binary', colourFor);
      pick = (i) => colours[at(values[i])];
    } else {
      const colours = table('regression', (t) => mix(rampColour(t), 0.7));
      pick = (i) => colours[at((values[i] - range.min) / span)];
    }
    const pixels = new Uint32Array(this.image.data.buffer);
    for (let r = 0; r < res; r++) {
      for (let c = 0, i = r * res, o = (res - 1 - r) * res; c < res; c++, i++, o++) pixels[o] = pick(i);
    }
    if (mode === 'softmax') for (let i = 0; i < res * res; i++) counts[values[2 * i] | 0]++;
    if (mode === 'binary') for (let i = 0; i < res * res; i++) counts[values[i] >= 0.5 ? 1 : 0]++;
    this.tile.getContext('2d').putImageData(this.image, 0, 0);
    const used = mode === 'softmax' ? Math.max(classes, counts.findLastIndex((x) => x > 0) + 1) : 2;
    return counts.slice(0, used).map((x) => x / (res * res));
  }

  // The targets' range (the predictions' when there are no points): a scale that stays put
  // while the network learns; predictions beyond it take the colour of its ends.
  valueRange(values) {
    let min = Infinity, max = -Infinity;
    const see = (v) => { if (v < min) min = v; if (v > max) max = v; };
    if (this.points?.train.y.length) SET_STYLES.forEach(({ set }) => this.points[set]?.y.forEach(see));
    else values.forEach(see);
    return { min, max };
  }

  // Binary: the 0.5 contour of P(class 1). Softmax: the edge of each class's region, on a
  // field of +-(confidence - chance) so the line falls between samples by their confidence.
  drawContours(info, values, mode, rect, fractions) {
    const res = info.resolution, ctx = this.ctx, chance = 1 / Math.max(2, this.points?.classes || 0);
    const sx = rect.width / res, sy = rect.height / res, bottom = rect.top + rect.height;
    const emit = (ax, ay, bx, by) => {
      ctx.moveTo(rect.left + ax * sx, bottom - ay * sy);
      ctx.lineTo(rect.left + bx * sx, bottom - by * sy);
    };
    ctx.beginPath();
    if (mode === 'binary') contourSegments(values, res, 0.5, emit);
    else {
      const field = this.field?.length === res * res ? this.field : (this.field = new Float32Array(res * res));
      fractions.forEach((f, k) => {
        if (f === 0 || f === 1) return;
        for (let i = 0; i < field.length; i++) {
          const margin = values[2 * i + 1] - chance + 1e-3;
          field[i] = values[2 * i] === k ? margin : -margin;
        }
        contourSegments(field, res, 0, emit);
      });
    }
    Object.assign(ctx, { strokeStyle: INK, lineWidth: 1.5, lineCap: 'round' });
    ctx.stroke();
  }

  // The points, the frame and the key change only with the data, the size or the classes:
  // they are drawn once into an overlay at device resolution and copied onto each frame.
  drawOverlay(info, rect, mode, range, classes, dpr) {
    const { width, height } = this.canvas;
    const key = [width, height, dpr, Object.values(rect), Object.values(info), mode, range?.min, range?.max, classes]
      .join();
    if (this.overlayKey !== key || this.overlayPoints !== this.points) {
      if (this.layer?.width !== width || this.layer?.height !== height) this.layer = makeCanvas(width, height);
      const ctx = this.layer.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      if (this.points?.train.x.length) this.drawPoints(ctx, info, rect, mode, range);
      Object.assign(ctx, { strokeStyle: INK, lineWidth: 1 });
      ctx.strokeRect(rect.left + 0.5, rect.top + 0.5, rect.width - 1, rect.height - 1);
      this.drawLegend(ctx, mode, range, classes);
      Object.assign(this, { overlayKey: key, overlayPoints: this.points });
    }
    this.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.ctx.drawImage(this.layer, 0, 0);
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  // Each set in its shape (SET_STYLES), in its class's colour, with a dark outline; one path
  // per set and colour.
  drawPoints(ctx, info, rect, mode, range) {
    const radius = Math.max(2, Math.min(5, Math.min(rect.width, rect.height) / 110));
    const { px, py } = toCanvas(info, rect);
    const colourOf = mode === 'regression'
      ? (y) => `rgb(${rampColour(Math.round(((y - range.min) / (range.max - range.min || 1)) * 31) / 31)})`
      : (y) => CLASS_COLOURS[y % CLASS_COLOURS.length];
    for (const { set, shape } of SET_STYLES) {
      const points = this.points[set];
      if (!points?.x?.length) continue;
      const paths = new Map();
      points.x.forEach(([x, y], i) => {
        const colour = colourOf(points.y[i]);
        if (!paths.has(colour)) paths.set(colour, new Path2D());
        addMarker(paths.get(colour), shape, px(x), py(y), shape === 'square' ? radius * 0.85 : radius);
      });
      for (const [colour, path] of paths) strokeMarker(ctx, path, shape, colour);
    }
  }

  // A key in the top-left corner: a swatch and a name per class, or the ramp from min to max.
  drawLegend(ctx, mode, range, classes) {
    const regression = mode === 'regression', swatch = regression ? 64 : 12;
    const rows = regression ? [[null, `${short(range.min)} to ${short(range.max)}`]]
      : Array.from({ length: classes }, (_, k) => [CLASS_COLOURS[k % 10], nameOf(this.points?.class_names, k)]);
    // Then the sets drawn, each by its marker, training first.
    const sets = SET_STYLES.filter(({ set }) => this.points?.[set]?.x?.length).reverse();
    Object.assign(ctx, { font: '12px system-ui, sans-serif', textBaseline: 'middle', lineWidth: 1, strokeStyle: INK });
    const labels = [...rows.map(([, label]) => label), ...sets.map((s) => s.name)];
    const textWidth = Math.max(...labels.map((label) => ctx.measureText(label).width));
    ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.fillRect(6, 6, swatch + 18 + textWidth, labels.length * 18 + 8);
    sets.forEach(({ shape, name }, i) => {
      const k = rows.length + i, path = new Path2D();
      addMarker(path, shape, 18, 18 + k * 18, shape === 'square' ? 3.5 : 4);
      strokeMarker(ctx, path, shape, '#ffffff');
      Object.assign(ctx, { fillStyle: INK, lineWidth: 1, strokeStyle: INK });
      ctx.fillText(name, swatch + 18, 18 + k * 18);
    });
    rows.forEach(([colour, label], k) => {
      if (!colour) {
        colour = ctx.createLinearGradient(12, 0, 12 + swatch, 0);
        RAMP.forEach((c, i) => colour.addColorStop(i / (RAMP.length - 1), c));
      }
      ctx.fillStyle = colour;
      ctx.fillRect(12, 12 + k * 18, swatch, 12);
      ctx.strokeRect(12.5, 12.5 + k * 18, swatch - 1, 11);
      ctx.fillStyle = INK;
      ctx.fillText(label, swatch + 18, 18 + k * 18);
    });
  }

  // The message, word-wrapped in the middle of a grey canvas, and in the caption.
  drawMessage(width, height) {
    const ctx = this.ctx, lines = [''];
    Object.assign(ctx, { fillStyle: '#f4f6f9', font: '14px system-ui, sans-serif', textAlign: 'center' });
    ctx.textBaseline = 'middle';
    ctx.fillRect(0, 0, width, height);
    for (const word of this.message.split(/\s+/)) {
      const line = lines[lines.length - 1] ? `${lines[lines.length - 1]} ${word}` : word;
      if (lines[lines.length - 1] && ctx.measureText(line).width > width - 32) lines.push(word);
      else lines[lines.length - 1] = line;
    }
    ctx.fillStyle = '#5b6475';
    lines.forEach((line, i) => ctx.fillText(line, width / 2, height / 2 + (i - (lines.length - 1) / 2) * 20));
    ctx.textAlign = 'start';
    this.summary = { ...EMPTY, points: this.summary.points };
    this.setCaption(this.message);
  }

  setCaption(text) {
    if (this.caption && this.caption.textContent !== text) this.caption.textContent = text;
  }
}

// One set's markers in colour: discs and squares filled and outlined, rings and crosses as a
// dark line under a coloured one.
function strokeMarker(ctx, path, shape, colour) {
  if (shape === 'disc' || shape === 'square') {
    Object.assign(ctx, { strokeStyle: INK, lineWidth: shape === 'square' ? 1.5 : 1, fillStyle: colour });
    ctx.fill(path);
    ctx.stroke(path);
    return;
  }
  Object.assign(ctx, { strokeStyle: INK, lineWidth: shape === 'ring' ? 4.5 : 4, lineCap: 'round' });
  ctx.stroke(path);
  Object.assign(ctx, { strokeStyle: colour, lineWidth: shape === 'ring' ? 2.5 : 2 });
  ctx.stroke(path);
}
