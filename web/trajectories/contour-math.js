// The pure parts of the contour plots: levels, band colours, the band image and axis ticks.
// No DOM here, so node:test can import them.
//
// A grid is R x R values, row by row from (x0, y0) upwards; sample (col, row) sits at
// x0 + col / (R - 1) * (x1 - x0), y0 + row / (R - 1) * (y1 - y0): the corners are samples.
// null (or any non-finite value) is a place where the loss could not be computed.
import { contourSegments } from '../boundary-math.js';

export { contourSegments };
export const LEVELS = 16;
export const MISSING = [226, 228, 232];  // where the loss is not finite
// The bands, low to high: a pale blue-grey valley rising to cream, so paths in the
// Okabe-Ito colours stand out on every band.
const STOPS = [[122, 148, 186], [172, 191, 217], [215, 225, 238], [243, 240, 230], [252, 246, 224]];

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

// Contour levels between the grid's extremes, ascending: log-spaced in (f - min) when most
// of the plane lies low under steep walls (Rosenbrock, Beale: the median is in the bottom
// fifth of the range), evenly spaced otherwise. { levels, log, min, max }.
export function contourLevels(values, count = LEVELS) {
  const sorted = Array.from(values).filter(finite).sort((a, b) => a - b);
  if (!sorted.length) return { levels: [], log: false, min: 0, max: 0 };
  const min = sorted[0], max = sorted[sorted.length - 1], span = max - min;
  if (!(span > 0)) return { levels: [], log: false, min, max };
  const log = (sorted[sorted.length >> 1] - min) / span < 0.2;
  const levels = [];
  if (log) {
    // From the 0.2% quantile’s height above the minimum up to the top, in equal ratios.
    const low = Math.max(sorted[Math.floor(sorted.length * 0.002)] - min, span * 1e-6);
    const ratio = (span / low) ** (1 / count);
    for (let i = 0; i < count; i++) levels.push(min + low * ratio ** i);
  } else {
    for (let i = 1; i < count; i++) levels.push(min + (span * i) / count);
  }
  return { levels, log, min, max };
}

// [r, g, b] of band k of n (0: below the first level).
export function bandColour(k, n) {
  const x = (n > 1 ? k / (n - 1) : 0) * (STOPS.length - 1), i = Math.min(STOPS.length - 2, Math.floor(x));
  return STOPS[i].map((v, j) => Math.round(v + (STOPS[i + 1][j] - v) * (x - i)));
}

// How many levels lie at or below v (levels ascending): its band.
export function bandOf(v, levels) {
  let lo = 0, hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (levels[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The grid's bands painted into size x size RGBA words (little-endian, as an ImageData's
// buffer reads them), top row first, bilinear between samples so the bands are smooth.
export function paintBands(values, res, levels, size) {
  const n = levels.length + 1;
  const words = Array.from({ length: n }, (_, k) => word(bandColour(k, n)));
  const missing = word(MISSING), out = new Uint32Array(size * size);
  const at = (c, r) => values[r * res + c];
  for (let py = 0; py < size; py++) {
    const gy = Math.min(res - 1, Math.max(0, ((size - py - 0.5) / size) * (res - 1)));
    const r0 = Math.min(res - 2, Math.floor(gy)), fy = gy - r0;
    for (let px = 0; px < size; px++) {
      const gx = Math.min(res - 1, Math.max(0, ((px + 0.5) / size) * (res - 1)));
      const c0 = Math.min(res - 2, Math.floor(gx)), fx = gx - c0;
      const a = at(c0, r0), b = at(c0 + 1, r0), c = at(c0, r0 + 1), d = at(c0 + 1, r0 + 1);
      let v;
      if (finite(a) && finite(b) && finite(c) && finite(d)) {
        v = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
      } else v = at(Math.round(gx), Math.round(gy));  // the nearest sample near a gap
      out[py * size + px] = finite(v) ? words[bandOf(v, levels)] : missing;
    }
  }
  return out;
}

function word([r, g, b]) {
  return (255 << 24 | b << 16 | g << 8 | r) >>> 0;
}

// The grid with its gaps raised above every level, so contour lines go around them.
export function filled(values, max) {
  return Float64Array.from(values, (v) => (finite(v) ? v : max + Math.abs(max) + 1));
}

// About count round tick values within [a, b].
export function niceTicks(a, b, count = 5) {
  if (!(b > a)) return [a];
  const raw = (b - a) / count, power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) || raw;
  const ticks = [];
  for (let t = Math.ceil(a / step - 1e-9) * step; t <= b + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  }
  return ticks;
}

// Data coordinates <-> canvas pixels in rect (y up): { px, py, x, y }.
export function mapping([x0, x1, y0, y1], rect) {
  return {
    px: (x) => rect.left + ((x - x0) / (x1 - x0)) * rect.width,
    py: (y) => rect.top + rect.height - ((y - y0) / (y1 - y0)) * rect.height,
    x: (px) => x0 + ((px - rect.left) / rect.width) * (x1 - x0),
    y: (py) => y0 + ((rect.top + rect.height - py) / rect.height) * (y1 - y0),
  };
}
