// How a control's value is read from text and written as text, by kind, with the range the
// engine allows and the sentence that says it (the engine's own wording). Pure.

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const fmt = (x) => String(x);

// A number within a row's range: { min, max, minOpen, maxOpen, whole }.
export function inRange(row, x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  if (row.whole && !Number.isInteger(x)) return false;
  if (x < row.min || x > row.max) return false;
  return !((row.minOpen && x === row.min) || (row.maxOpen && x === row.max));
}

export function allowedText(row) {
  switch (row.kind) {
    case 'bool': return 'on or off';
    case 'choice': return `one of ${row.options.join(', ')}`;
    case 'split': return 'three percentages that sum to 100, train first and above 0, e.g. 60/20/20';
    case 'batch': return `a whole number from 1 to ${row.max} (or "full" for the whole training set)`;
    default:
      if (row.whole) return `a whole number from ${fmt(row.min)} to ${fmt(row.max)}`;
      return `a number ${row.minOpen ? '>' : '>='} ${fmt(row.min)} and ${row.maxOpen ? '<' : '<='} ${fmt(row.max)}`;
  }
}

function parseNumber(row, text) {
  const t = String(text).trim();
  if (!NUMBER.test(t)) return undefined;
  const x = Number(t);
  return inRange(row, x) ? x : undefined;
}

// The value the text means for this row, or undefined when it is not allowed.
export function parseText(row, text) {
  const t = String(text).trim();
  switch (row.kind) {
    case 'bool': return t === 'true' || t === '1' || t === 'on' ? true : t === 'false' || t === '0' || t === 'off' ? false : undefined;
    case 'choice': return row.options.includes(t) ? t : undefined;
    case 'batch': return t.toLowerCase() === 'full' ? 0 : parseNumber(row, t);
    case 'split': {
      const parts = t.split('/').map((p) => parseNumber({ min: 0, max: 100 }, p));
      if (parts.length !== 3 || parts.some((p) => p === undefined) || parts[0] <= 0) return undefined;
      return Math.abs(parts[0] + parts[1] + parts[2] - 100) < 1e-6 ? parts.map((p) => p / 100) : undefined;
    }
    default: return parseNumber(row, t);
  }
}

// The value as its control and the short link show it.
export function formatText(row, value) {
  switch (row.kind) {
    case 'batch': return value === 0 ? 'full' : fmt(value);
    case 'split': return value.map((r) => fmt(Math.round(r * 1e6) / 1e4)).join('/');
    default: return fmt(value);
  }
}

// Whether a value (from a spec) is one the row allows, as parseText would have read it.
export function isAllowed(row, value) {
  switch (row.kind) {
    case 'bool': return typeof value === 'boolean';
    case 'choice': return row.options.includes(value);
    case 'batch': return value === 0 || inRange(row, value);
    case 'split': return Array.isArray(value) && value.every((r) => typeof r === 'number' && r >= 0 && r <= 1);
    default: return inRange(row, value);
  }
}
