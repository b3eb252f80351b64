// The four update rules as the trajectory views draw them: a name for people, an Okabe-Ito
// colour, a dash pattern and a marker each, so paths stay apart without colour too.
// drawMarker paints one on a canvas; swatch() is the same look as a small SVG for legends.
export const METHODS = [
  { name: 'gd', label: 'GD', long: 'Gradient descent', colour: '#0072B2', dash: [], marker: 'circle' },
  { name: 'momentum', label: 'Momentum', long: 'Momentum', colour: '#D55E00', dash: [8, 4], marker: 'square' },
  { name: 'rmsprop', label: 'RMSProp', long: 'RMSProp', colour: '#009E73', dash: [2, 3], marker: 'triangle' },
  { name: 'adam', label: 'Adam', long: 'Adam', colour: '#CC79A7', dash: [10, 3, 2, 3], marker: 'diamond' },
];
export const INK = '#1d2330';
export const methodOf = (name) => METHODS.find((m) => m.name === name) || METHODS[0];

// The outline of marker kind centred on (x, y) with half-size r, as a path on ctx.
function outline(ctx, kind, x, y, r) {
  ctx.beginPath();
  if (kind === 'square') ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
  else if (kind === 'triangle') {
    ctx.moveTo(x, y - r * 1.1);
    ctx.lineTo(x + r, y + r * 0.75);
    ctx.lineTo(x - r, y + r * 0.75);
    ctx.closePath();
  } else if (kind === 'diamond') {
    ctx.moveTo(x, y - r * 1.2);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r * 1.2);
    ctx.lineTo(x - r, y);
    ctx.closePath();
  } else ctx.arc(x, y, r, 0, 2 * Math.PI);
}

// A marker: filled in colour with a white rim, or hollow (a colour ring on a white halo).
export function drawMarker(ctx, kind, x, y, r, colour, filled = true) {
  ctx.save();
  ctx.setLineDash([]);
  outline(ctx, kind, x, y, r);
  if (filled) {
    Object.assign(ctx, { fillStyle: colour, strokeStyle: '#ffffff', lineWidth: 1.5 });
    ctx.fill();
    ctx.stroke();
  } else {
    Object.assign(ctx, { strokeStyle: '#ffffff', lineWidth: 4.5 });
    ctx.stroke();
    Object.assign(ctx, { strokeStyle: colour, lineWidth: 2 });
    ctx.stroke();
  }
  ctx.restore();
}

// A cross on a white halo: where a surface has a minimum.
export function drawMinimum(ctx, x, y, r = 5) {
  ctx.save();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x + r, y - r);
  ctx.lineTo(x - r, y + r);
  Object.assign(ctx, { strokeStyle: '#ffffff', lineWidth: 5, lineCap: 'round' });
  ctx.stroke();
  Object.assign(ctx, { strokeStyle: INK, lineWidth: 2 });
  ctx.stroke();
  ctx.restore();
}

const SVG = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
};

// A 34 x 14 SVG of a method's line (with its dash) and marker, for a legend or a table.
export function swatch(method) {
  const icon = svg('svg', { width: 34, height: 14, viewBox: '0 0 34 14', 'aria-hidden': 'true', class: 'tj-swatch' });
  icon.append(svg('line', {
    x1: 1, y1: 7, x2: 33, y2: 7, stroke: method.colour, 'stroke-width': 2.5,
    'stroke-dasharray': method.dash.length ? method.dash.join(' ') : 'none',
  }));
  const m = { fill: method.colour, stroke: '#ffffff', 'stroke-width': 1 };
  if (method.marker === 'square') icon.append(svg('rect', { x: 12.5, y: 2.5, width: 9, height: 9, ...m }));
  else if (method.marker === 'triangle') icon.append(svg('polygon', { points: '17,1.5 22.5,11.5 11.5,11.5', ...m }));
  else if (method.marker === 'diamond') icon.append(svg('polygon', { points: '17,1 22,7 17,13 12,7', ...m }));
  else icon.append(svg('circle', { cx: 17, cy: 7, r: 4.5, ...m }));
  return icon;
}

// Fills container with one entry per item: { method, label, note }, the swatch and the text.
export function renderLegend(container, items) {
  container.replaceChildren(...items.map(({ method, label, note }) => {
    const entry = document.createElement('span');
    entry.className = 'tj-legend-entry';
    const text = document.createElement('span');
    text.textContent = label;
    entry.append(swatch(method), text);
    if (note) {
      const small = document.createElement('span');
      small.className = 'tj-legend-note';
      small.textContent = note;
      entry.append(small);
    }
    return entry;
  }));
}
