// Draws a network snapshot onto one canvas (device-pixel-ratio aware): the weight lines
// (bucketed by colour and width, a few strokes in all), then each unit's picture (heatmap
// tiles and weight images painted into one atlas and scaled, weight bars), its marks (dead:
// a cross; saturated: a dashed ring; dropped: greyed) and the selection.
import { makeCanvas } from '../boundary-math.js';
import {
  NEGATIVE, POSITIVE, activationName, lineEnds, lineStyle, marks, paintValues, pictureKind, rampValues, valueScale,
} from './model.js';

const INK = '#1d2330', MUTED = '#5b6475', SELECT = '#1d2330', BUCKETS = 6;

export class Painter {
  constructor(canvas) {
    Object.assign(this, { canvas, ctx: canvas.getContext('2d') });
  }

  // view: { snapshot, lay, drawn: selectLines' answer, selection, hover }.
  draw({ snapshot, lay, drawn, selection, hover }) {
    const { ctx, canvas } = this, dpr = globalThis.devicePixelRatio || 1;
    const w = Math.round(lay.width * dpr), h = Math.round(lay.height * dpr);
    if (canvas.width !== w || canvas.height !== h) Object.assign(canvas, { width: w, height: h });
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, lay.width, lay.height);
    this.drawHeads(snapshot, lay);
    this.drawLines(lay, drawn, selection);
    const atlas = this.paintAtlas(snapshot, lay);
    lay.columns.forEach((col, c) => col.forEach((u) => this.drawUnit(snapshot, u, c, atlas)));
    for (const pick of [hover, selection]) if (pick && pick.kind !== 'weight') this.ring(lay, pick, pick === selection);
  }

  drawHeads(snapshot, lay) {
    const ctx = this.ctx;
    Object.assign(ctx, { font: '12px system-ui, sans-serif', textAlign: 'center', textBaseline: 'top', fillStyle: MUTED });
    lay.centres.forEach((x, c) => {
      const layer = snapshot.layers[c - 1];
      const head = c === 0 ? 'Input' : `${c === lay.centres.length - 1 ? 'Output' : `Layer ${c}`}`;
      ctx.fillText(head, x, 2);
      if (layer) ctx.fillText(activationName(layer.activation), x, 15);
    });
    ctx.textAlign = 'start';
  }

  // Lines in buckets of colour and strength, weakest first; the selected line drawn again on top.
  drawLines(lay, { lines, max }, selection) {
    const ctx = this.ctx, paths = new Map();
    for (const line of lines) {
      const t = max > 0 ? Math.abs(line.w) / max : 0, bucket = Math.min(BUCKETS - 1, Math.floor(t * BUCKETS));
      const key = `${line.w < 0 ? 'n' : 'p'}${bucket}`;
      if (!paths.has(key)) paths.set(key, { path: new Path2D(), w: (line.w < 0 ? -1 : 1) * ((bucket + 0.5) / BUCKETS) * max, order: bucket });
      const [ax, ay, bx, by] = lineEnds(lay, line);
      paths.get(key).path.moveTo(ax, ay);
      paths.get(key).path.lineTo(bx, by);
    }
    ctx.lineCap = 'round';
    for (const { path, w } of [...paths.values()].sort((a, b) => a.order - b.order)) {
      const style = lineStyle(w, max);
      Object.assign(ctx, { strokeStyle: style.colour, lineWidth: style.width, globalAlpha: style.alpha });
      ctx.stroke(path);
    }
    ctx.globalAlpha = 1;
    if (selection?.kind === 'weight') {
      const w = selection.value ?? 0, [ax, ay, bx, by] = lineEnds(lay, { column: selection.layer + 1, unit: selection.unit, input: selection.input });
      const style = lineStyle(w, max);
      ctx.beginPath();
      ctx.moveTo(ax, ay);
      ctx.lineTo(bx, by);
      Object.assign(ctx, { strokeStyle: SELECT, lineWidth: style.width + 4, globalAlpha: 0.9 });
      ctx.stroke();
      Object.assign(ctx, { strokeStyle: style.colour, lineWidth: Math.max(2, style.width), globalAlpha: 1 });
      ctx.stroke();
    }
  }

  // The heatmaps (2-feature data) or layer 1's weight images, one tile per unit, in one image.
  paintAtlas(snapshot, lay) {
    const grid = snapshot.grid, img = snapshot.image;
    const tile = grid ? { w: grid.resolution, h: grid.resolution } : img ? { w: img.width, h: img.height } : null;
    if (!tile) return null;
    const units = lay.columns.reduce((n, col) => n + col.length, 0);
    if (this.image?.width !== tile.w || this.image.height !== tile.h * units) {
      this.image = new ImageData(tile.w, tile.h * units);
      this.atlas = makeCanvas(tile.w, tile.h * units);
    }
    const pixels = new Uint32Array(this.image.data.buffer), n = tile.w * tile.h, rows = new Map();
    let k = 0;
    lay.columns.forEach((col, c) => {
      const kind = pictureKind(snapshot, c);
      for (let j = 0; j < col.length; j++, k++) {
        const at = pixels.subarray(k * n, (k + 1) * n);
        if (kind === 'ramp') paintValues(at, rampValues(grid, j), 0, n, { centre: 0, half: 1 }, tile.w);
        else if (kind === 'heatmap') {
          const values = grid.layers[c - 1], from = j * n;
          paintValues(at, values, from, n, valueScale(snapshot.layers[c - 1].activation, values, from, from + n), tile.w);
        } else if (kind === 'image') {
          const W = snapshot.layers[0].W, from = j * n;
          paintValues(at, W, from, n, valueScale('linear', W, from, from + n));
        } else continue;
        rows.set(`${c}/${j}`, k * tile.h);
      }
    });
    this.atlas.getContext('2d').putImageData(this.image, 0, 0);
    return { canvas: this.atlas, tile, rows };
  }

  drawUnit(snapshot, u, c, atlas) {
    const ctx = this.ctx, row = atlas?.rows.get(`${c}/${u.index}`), layer = snapshot.layers[c - 1];
    if (row !== undefined) {
      ctx.imageSmoothingEnabled = snapshot.grid !== null;
      ctx.drawImage(atlas.canvas, 0, row, atlas.tile.w, atlas.tile.h, u.x, u.y, u.size, u.size);
      if (c === 0) {  // the plane's coordinates: named beside them
        Object.assign(ctx, { fillStyle: INK, font: '12px system-ui, sans-serif', textAlign: 'end', textBaseline: 'middle' });
        ctx.fillText(snapshot.featureNames?.[u.index] || `x${u.index + 1}`, u.x - 4, u.y + u.size / 2, Math.max(10, u.x - 4));
        ctx.textAlign = 'start';
      }
    } else if (layer) this.drawBars(layer, u);
    else {
      ctx.fillStyle = '#eef1f5';
      ctx.fillRect(u.x, u.y, u.size, u.size);
      if (u.size >= 18) {
        Object.assign(ctx, { fillStyle: INK, font: '10px system-ui, sans-serif', textAlign: 'center', textBaseline: 'middle' });
        const name = snapshot.featureNames?.[u.index] || `x${u.index + 1}`;
        ctx.fillText(name.length > 5 ? name.slice(0, 4) + '…' : name, u.x + u.size / 2, u.y + u.size / 2, u.size - 2);
        ctx.textAlign = 'start';
      }
    }
    Object.assign(ctx, { strokeStyle: INK, lineWidth: 1 });
    ctx.strokeRect(u.x + 0.5, u.y + 0.5, u.size - 1, u.size - 1);
    if (layer) this.drawMarks(marks(layer, u.index), u);
  }

  // A unit's incoming weights as bars up (positive, orange) or down (negative, blue).
  drawBars(layer, u) {
    const ctx = this.ctx, { fanIn, W } = layer, from = u.index * fanIn, mid = u.y + u.size / 2;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(u.x, u.y, u.size, u.size);
    let m = 0;
    for (let i = 0; i < fanIn; i++) m = Math.max(m, Math.abs(W[from + i]));
    const bw = (u.size - 2) / fanIn;
    for (let i = 0; i < fanIn; i++) {
      const v = W[from + i], hgt = m ? (Math.abs(v) / m) * (u.size / 2 - 1) : 0;
      ctx.fillStyle = v < 0 ? NEGATIVE : POSITIVE;
      ctx.fillRect(u.x + 1 + i * bw, v < 0 ? mid : mid - hgt, Math.max(bw - (bw > 3 ? 1 : 0), 0.5), hgt);
    }
  }

  drawMarks({ dead, saturated, dropped }, u) {
    const ctx = this.ctx, { x, y, size } = u;
    if (dropped) {
      ctx.fillStyle = 'rgba(120, 128, 140, 0.65)';
      ctx.fillRect(x, y, size, size);
    }
    if (dead) {  // a cross
      ctx.beginPath();
      ctx.moveTo(x + 2, y + 2); ctx.lineTo(x + size - 2, y + size - 2);
      ctx.moveTo(x + size - 2, y + 2); ctx.lineTo(x + 2, y + size - 2);
      Object.assign(ctx, { strokeStyle: '#ffffff', lineWidth: 4 });
      ctx.stroke();
      Object.assign(ctx, { strokeStyle: '#b3261e', lineWidth: 2 });
      ctx.stroke();
    }
    if (saturated) {  // a dashed ring around the box
      ctx.setLineDash([3, 2]);
      Object.assign(ctx, { strokeStyle: '#b3261e', lineWidth: 2 });
      ctx.strokeRect(x - 3, y - 3, size + 6, size + 6);
      ctx.setLineDash([]);
    }
  }

  // A unit's ring: thick for the selection, thin for the unit under the pointer.
  ring(lay, pick, selected) {
    const u = lay.columns[pick.layer + 1]?.[pick.unit];
    if (!u) return;
    Object.assign(this.ctx, { strokeStyle: selected ? SELECT : MUTED, lineWidth: selected ? 3 : 1.5 });
    this.ctx.strokeRect(u.x - 4.5, u.y - 4.5, u.size + 9, u.size + 9);
  }
}
