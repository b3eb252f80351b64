// Numbers as the recipe's report writes them. Pure.

// A value from the engine's JSON: a number, Infinity for "inf", NaN for null or "nan".
export function readNumber(v) {
  if (typeof v === 'number') return v;
  if (v === 'inf' || v === '+inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return NaN;
}

export const isFiniteNumber = (x) => typeof x === 'number' && Number.isFinite(x);

// 0.012345 -> "0.0123", 3e-5 -> "3e-5", Infinity -> "∞", NaN -> "NaN".
export function num(x) {
  if (typeof x !== 'number' || Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return Number(x.toPrecision(2)).toExponential().replace('e+', 'e');
  return String(Number(x.toPrecision(3)));
}

// 0.0156 -> "1.6%"; anything not finite -> "–".
export function pct(x) {
  return isFiniteNumber(x) ? `${(x * 100).toFixed(1)}%` : '–';
}

// An error from an accuracy (the summary's), or null.
export const errorOf = (accuracy) => (isFiniteNumber(accuracy) ? 1 - accuracy : null);
