// A contour plot on a canvas: the filled bands of a grid of values with their contour lines,
// axes, the minima, and paths drawn over it, step by step when animated. The canvas is sized
// by CSS; its buffer follows devicePixelRatio and a ResizeObserver. Data y points up.
// The bands, lines and axes change only with the grid or the size: they are drawn once into
// a layer at device resolution, and each animation frame copies it and draws the paths.
import { contourLevels, contourSegments, filled, mapping, niceTicks, paintBands } from './contour-math.js';
import { short } from './form.js';
import { INK, drawMarker, drawMinimum } from './methods.js';
import { chordOf, shifted, spreadOffsets } from './path-style.js';

const MARGIN = { left: 52, right: 12, top: 10, bottom: 42 };
const TILE = 240;  // the band image's side in pixels, before scaling onto the plot
const FAR = 1e4;   // pixels beyond which a diverged path is clamped

const makeCanvas = (width, height) => Object.assign(document.createElement('canvas'), { width, height });
const finite = (v) => typeof v === 'number' && Number.isFinite(v);

export class ContourPlot {
  // canvas: sized by CSS. onPick([x, y]): a click on the plot, in data coordinates.
  constructor(canvas, { onPick = null } = {}) {
    Object.assign(this, { canvas, ctx: canvas.getContext('2d'), field: null, paths: [], progress: 1, frame: 0, spread: 0, drawn: [] });
    this.message = 'Waiting for the engine…';
    this.size = { width: canvas.clientWidth, height: canvas.clientHeight };
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(([entry]) => {
        this.size = { width: entry.contentRect.width, height: entry.contentRect.height };
        this.redraw();
      }).observe(canvas);
    }
    if (onPick) {
      canvas.classList.add('tj-pickable');
      canvas.addEventListener('click', (event) => {
        const { left, top, width, height } = this.rect(), x = event.offsetX, y = event.offsetY;
        if (!this.field || x < left || x > left + width || y < top || y > top + height) return;
        const map = mapping(this.field.bounds, this.rect());
        onPick([map.x(x), map.y(y)]);
      });
    }
  }

  // field: { bounds: [x0, x1, y0, y1], resolution, values, minima: [[x, y]], xTitle, yTitle }.
  // Returns the contour levels ({ levels, log, min, max }).
  setField(field) {
    this.field = field;
    this.levels = contourLevels(field.values);
    this.layerKey = null;
    this.redraw();
    return this.levels;
  }

  // paths: [{ colour, dash, marker, points: [[x, y, ...]], start: 'shared' | 'hollow' | 'none',
  // end: 'head' | 'filled' (the marker, filled, at the end), width (2.2), alpha (1) }]. Drawn whole until animate() is called.
  // spread: pixels between paths (path-style.js), so paths that overlap stay visible; 0: none.
  setPaths(paths, { spread = 0 } = {}) {
    this.stop();
    Object.assign(this, { paths, spread, progress: 1 });
    this.redraw();
  }

  // The markers of the last frame drawn: [{ path (its index; -1: the shared start), kind:
  // 'start' | 'end', x, y (pixels), inside (within the plot's frame) }].
  markers() {
    return this.drawn.map((m) => ({ ...m }));
  }

  // Draws the paths step by step over about ms (at once when the reader asks for less motion).
  animate(ms = 1500) {
    this.stop();
    if (globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches) return;
    const start = performance.now();
    const tick = (now) => {
      this.progress = Math.min(1, (now - start) / ms);
      this.redraw();
      this.frame = this.progress < 1 ? requestAnimationFrame(tick) : 0;
    };
    this.progress = 0;
    this.frame = requestAnimationFrame(tick);
  }

  stop() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.progress = 1;
  }

  // A message on a grey plot instead of the grid (the grid is dropped).
  showMessage(text) {
    this.stop();
    Object.assign(this, { field: null, paths: [], message: text, drawn: [] });
    this.redraw();
  }

  rect() {
    const { width, height } = this.size;
    return { left: MARGIN.left, top: MARGIN.top, width: Math.max(10, width - MARGIN.left - MARGIN.right),
      height: Math.max(10, height - MARGIN.top - MARGIN.bottom) };
  }

  redraw() {
    const { ctx, canvas } = this, dpr = globalThis.devicePixelRatio || 1, { width, height } = this.size;
    if (!width || !height) return;  // hidden (an inactive tab): drawn when it shows
    const w = Math.round(width * dpr), h = Math.round(height * dpr);
    if (canvas.width !== w || canvas.height !== h) Object.assign(canvas, { width: w, height: h });
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!this.field) {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      return this.drawMessage(width, height);
    }
    const key = [w, h, dpr].join();
    if (this.layerKey !== key) this.drawLayer(w, h, dpr, key);
    ctx.drawImage(this.layer, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.drawPaths();
  }

  // The bands, contour lines, frame, axes and minima, into this.layer.
  drawLayer(w, h, dpr, key) {
    if (this.layer?.width !== w || this.layer?.height !== h) this.layer = makeCanvas(w, h);
    const ctx = this.layer.getContext('2d'), { bounds, resolution: res, values } = this.field, rect = this.rect();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const tile = makeCanvas(TILE, TILE), image = new ImageData(TILE, TILE);
    new Uint32Array(image.data.buffer).set(paintBands(values, res, this.levels.levels, TILE));
    tile.getContext('2d').putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(tile, rect.left, rect.top, rect.width, rect.height);
    // Contour lines: marching squares puts sample (c, r) at (c + 0.5, r + 0.5).
    const sx = rect.width / (res - 1), sy = rect.height / (res - 1), bottom = rect.top + rect.height;
    const field = filled(values, this.levels.max);
    ctx.beginPath();
    for (const level of this.levels.levels) {
      contourSegments(field, res, level, (ax, ay, bx, by) => {
        ctx.moveTo(rect.left + (ax - 0.5) * sx, bottom - (ay - 0.5) * sy);
        ctx.lineTo(rect.left + (bx - 0.5) * sx, bottom - (by - 0.5) * sy);
      });
    }
    Object.assign(ctx, { strokeStyle: 'rgba(29, 35, 48, 0.28)', lineWidth: 0.8 });
    ctx.stroke();
    this.drawAxes(ctx, rect, bounds);
    const map = mapping(bounds, rect);
    for (const [x, y] of this.field.minima || []) drawMinimum(ctx, map.px(x), map.py(y));
    this.layerKey = key;
  }

  drawAxes(ctx, rect, [x0, x1, y0, y1]) {
    const map = mapping([x0, x1, y0, y1], rect), bottom = rect.top + rect.height;
    Object.assign(ctx, { strokeStyle: INK, lineWidth: 1, fillStyle: INK, font: '11px system-ui, sans-serif' });
    ctx.strokeRect(rect.left + 0.5, rect.top + 0.5, rect.width - 1, rect.height - 1);
    ctx.beginPath();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of niceTicks(x0, x1, Math.max(2, Math.round(rect.width / 70)))) {
      const x = Math.round(map.px(t)) + 0.5;
      ctx.moveTo(x, bottom);
      ctx.lineTo(x, bottom + 4);
      ctx.fillText(short(t), x, bottom + 6);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of niceTicks(y0, y1, Math.max(2, Math.round(rect.height / 55)))) {
      const y = Math.round(map.py(t)) + 0.5;
      ctx.moveTo(rect.left, y);
      ctx.lineTo(rect.left - 4, y);
      ctx.fillText(short(t), rect.left - 6, y);
    }
    ctx.stroke();
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(this.field.xTitle || 'x', rect.left + rect.width / 2, rect.top + rect.height + MARGIN.bottom - 4);
    ctx.save();
    ctx.translate(13, rect.top + rect.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(this.field.yTitle || 'y', 0, 0);
    ctx.restore();
  }

  // Each path up to the animation's step: first every path's white halo, then the lines
  // (dashed, a dot per step on short paths), then the markers, so no path's halo or line
  // hides another's line or marker. With spread, paths are drawn a few pixels apart.
  drawPaths() {
    const ctx = this.ctx, rect = this.rect(), map = mapping(this.field.bounds, rect);
    const longest = Math.max(0, ...this.paths.map((p) => p.points.length));
    const shown = this.progress >= 1 ? longest : Math.max(1, Math.ceil(this.progress * longest));
    const clamp = (v) => Math.max(-FAR, Math.min(FAR, v));
    const pixels = (path) => path.points.slice(0, shown).map(([x, y]) => (finite(x) && finite(y)
      ? [clamp(map.px(x)), clamp(map.py(y))] : null));
    let drawn = this.paths.map((path) => ({ path, points: pixels(path) }));
    if (this.spread > 0 && drawn.length > 1) {
      const offsets = spreadOffsets(chordOf(pixels({ points: this.paths[0].points })), drawn.length, this.spread);
      drawn = drawn.map((d, i) => ({ ...d, points: shifted(d.points, offsets[i]) }));
    }
    for (const d of drawn) d.line = polyline(d.points);
    ctx.save();
    ctx.beginPath();
    ctx.rect(rect.left, rect.top, rect.width, rect.height);
    ctx.clip();
    ctx.setLineDash([]);
    for (const { path, line } of drawn) {
      Object.assign(ctx, { strokeStyle: 'rgba(255, 255, 255, 0.85)', lineWidth: (path.width ?? 2.2) + 2.8, lineJoin: 'round', lineCap: 'round' });
      ctx.stroke(line);
    }
    for (const { path, points, line } of drawn) {
      ctx.globalAlpha = path.alpha ?? 1;
      ctx.setLineDash(path.dash);
      Object.assign(ctx, { strokeStyle: path.colour, lineWidth: path.width ?? 2.2, lineCap: 'butt' });
      ctx.stroke(line);
      if (points.length <= 320) {
        ctx.fillStyle = path.colour;
        for (const p of points) if (p) ctx.fillRect(p[0] - 1.25, p[1] - 1.25, 2.5, 2.5);
      }
      ctx.globalAlpha = 1;
    }
    const inside = (x, y) => x >= rect.left && x <= rect.left + rect.width && y >= rect.top && y <= rect.top + rect.height;
    const marks = [];
    const mark = (path, kind, [x, y], draw) => {
      draw(x, y);
      marks.push({ path, kind, x, y, inside: inside(x, y) });
    };
    drawn.forEach(({ path, points }, i) => {
      const first = points.find(Boolean), last = points.findLast(Boolean);
      if (first && path.start === 'hollow') mark(i, 'start', first, (x, y) => drawMarker(ctx, 'circle', x, y, 5.5, path.colour, false));
      // 'head' follows the animation; 'filled' shows once the path has been drawn to its end.
      if (last && (path.end === 'head' || shown >= path.points.length)) {
        mark(i, 'end', last, (x, y) => drawMarker(ctx, path.marker || 'circle', x, y, 5.5, path.colour, true));
      }
    });
    const start = this.paths.find((p) => p.start === 'shared')?.points[0];
    if (start && finite(start[0]) && finite(start[1])) {
      mark(-1, 'start', [map.px(start[0]), map.py(start[1])], (x, y) => drawMarker(ctx, 'circle', x, y, 6, INK, false));
    }
    ctx.restore();
    this.drawn = marks;
  }

  // The message, word-wrapped in the middle of a grey plot.
  drawMessage(width, height) {
    const ctx = this.ctx, lines = [''];
    Object.assign(ctx, { fillStyle: '#f4f6f9', font: '14px system-ui, sans-serif', textAlign: 'center', textBaseline: 'middle' });
    ctx.fillRect(0, 0, width, height);
    for (const word of this.message.split(/\s+/)) {
      const line = lines[lines.length - 1] ? `${lines[lines.length - 1]} ${word}` : word;
      if (lines[lines.length - 1] && ctx.measureText(line).width > width - 40) lines.push(word);
      else lines[lines.length - 1] = line;
    }
    ctx.fillStyle = '#5b6475';
    lines.forEach((line, i) => ctx.fillText(line, width / 2, height / 2 + (i - (lines.length - 1) / 2) * 20));
    ctx.textAlign = 'start';
  }
}

// A Path2D through points ([x, y] or null: a gap).
function polyline(points) {
  const line = new Path2D();
  let pen = false;
  for (const p of points) {
    if (!p) { pen = false; continue; }
    if (pen) line.lineTo(p[0], p[1]);
    else line.moveTo(p[0], p[1]);
    pen = true;
  }
  return line;
}
