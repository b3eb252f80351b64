// The best trial at the edge of a searched range: the best value may lie beyond it, so the
// card says to widen the range that way (unless the range already reaches what is allowed).
// Pure: params are a round's [{ name, min, max, scale }], best a results.js row.
import { formatValue, labelOf, paramOf } from './params.js';

export const EDGE = 0.1;  // the outer tenth of a range, on the scale it was sampled on

// Where v sits in [min, max] on the sampling scale: 0 at min, 1 at max (NaN: no range).
export function positionIn(v, { min, max, scale }) {
  const to = {
    log: Math.log, pow2: Math.log, one_minus_log: (x) => -Math.log(1 - x),
  }[scale] ?? ((x) => x);
  const lo = to(min), hi = to(max), x = to(v);
  if (![lo, hi, x].every(Number.isFinite) || !(hi > lo)) return NaN;
  return (x - lo) / (hi - lo);
}

// [{ name, side: 'low' | 'high', value, min, max, text }] for each searched hyperparameter whose
// best value is in the outer tenth of its range, where the range could still be widened.
export function edgeHints(best, params) {
  if (!best || best.status !== 'done') return [];
  const hints = [];
  for (const p of params ?? []) {
    const value = best.values?.[p.name];
    const t = positionIn(value, p);
    if (!Number.isFinite(t) || (t > EDGE && t < 1 - EDGE)) continue;
    const side = t <= EDGE ? 'low' : 'high';
    const [floor, ceiling] = paramOf(p.name)?.limits ?? [-Infinity, Infinity];
    if ((side === 'low' && p.min <= floor) || (side === 'high' && p.max >= ceiling)) continue;  // nowhere to widen to
    const show = (x) => formatValue(p.scale, x);
    hints.push({ name: p.name, side, value, min: p.min, max: p.max,
      text: `Best trial: ${labelOf(p.name)} = ${show(value)} is at the ${side === 'low' ? 'bottom' : 'top'} of its range `
        + `(${show(p.min)} to ${show(p.max)}): widen the range ${side === 'low' ? 'downwards' : 'upwards'} and search again; `
        + 'a better value may lie beyond it.' });
  }
  return hints;
}
