// "Also set by this spec": the fields of a spec that no control shows and that differ from
// what the engine would fill in without them (explicit weights, a step-drop schedule, CSV or
// inline data, dev/test counts, a leaky slope, channels, overfit_samples...). Each can be
// cleared: the field goes and the engine's default takes its place. Pure.
import { outputFor } from './data-kinds.js';
import { fillSpec } from './fill.js';
import { deepEqual, getAt, isObject, setAt } from './path.js';
import { shownPaths } from './table.js';

// A source's place: "data" (one source, split) or "data.train", "data.dev"... (a source per set).
const SOURCES = ['data', 'data.train', 'data.train_dev', 'data.dev', 'data.test'];
// Leaves whose values are shown whole (arrays of numbers or rows, long text).
const WHOLE = new Set([...SOURCES.flatMap((s) => [`${s}.csv`, `${s}.x`, `${s}.y`]), 'init.weights', 'schedule.drops']);
// Fields cleared together (one makes no sense without the other), and what a clear resets.
const GROUPS = [
  ...SOURCES.flatMap((s) => [
    { paths: [`${s}.x`, `${s}.y`], reset: { [`${s}.source`]: undefined } },
    { paths: [`${s}.csv`, `${s}.label`, `${s}.task`] },
  ]),
  { paths: ['init.weights'], reset: { 'init.scheme': undefined } },
  { paths: ['split.dev_count', 'split.test_count'] },
];
// "data.dev.csv" -> "csv": what a whole leaf holds, wherever its source is.
const kind = (path) => (path.startsWith('data.') ? path.slice(path.lastIndexOf('.') + 1) : path);

function leaves(doc, prefix = '') {
  if (WHOLE.has(prefix) || !(isObject(doc) || (Array.isArray(doc) && doc.some(isObject)))) return [prefix];
  if (Array.isArray(doc)) return doc.flatMap((x, i) => leaves(x, `${prefix}[${i}]`));
  return Object.entries(doc).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const rowsOf = (n) => `${n} row${n === 1 ? '' : 's'}`;
const kb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} KB`);

// A value as the box shows it: short, readable, never the whole of a large field.
export function describe(path, value) {
  if (!WHOLE.has(path)) return clipped(value);
  const what = kind(path);
  if (what === 'csv') {  // rows after the header; blank lines (also "\r" alone) are none, as the engine reads it
    const rows = String(value).split('\n').filter((line) => line.trim()).length - 1;
    return `${rowsOf(Math.max(0, rows))} of CSV text, ${kb(String(value).length)}`;
  }
  if (what === 'x' && Array.isArray(value)) return `${rowsOf(value.length)} of ${value[0]?.length ?? 0} features`;
  if (what === 'y' && Array.isArray(value)) return `${value.length} labels or targets`;
  if (path === 'init.weights' && Array.isArray(value))
    return `explicit W and b for ${value.length} layer${value.length === 1 ? '' : 's'}`;
  if (path === 'schedule.drops' && Array.isArray(value))
    return value.map((d) => `×${d.factor} at epoch ${d.epoch}`).join(', ') || 'none';
  return clipped(value);
}

function clipped(value) {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// [{ path, value, text }] for the spec's fields without a control that a clear would change.
export function extras(spec) {
  const shown = shownPaths(spec);
  const out = [];
  for (const path of leaves(spec)) {
    if (shown.has(path)) continue;
    const value = getAt(spec, path);
    const without = fillSpec(setAt(spec, path, undefined));
    if (deepEqual(getAt(without, path), value)) continue;
    out.push({ path, value, text: describe(path, value) });
  }
  return out;
}

// The spec without the field at path (and the fields cleared with it), defaults filled in.
export function clearField(spec, path) {
  const group = GROUPS.find((g) => g.paths.includes(path));
  let next = spec;
  for (const p of group?.paths ?? [path]) next = setAt(next, p, undefined);
  for (const [p, v] of Object.entries(group?.reset ?? {})) next = setAt(next, p, v);
  next = fillSpec(next);
  if (next.data?.source !== spec.data?.source && Array.isArray(next.layers) && next.layers.length) {
    const L = next.layers.length - 1;  // another data set: the output layer it needs
    next = setAt(next, `layers[${L}]`, outputFor(next.data, next.layers[L]));
  }
  return next;
}
