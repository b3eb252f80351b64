// The experiment in the page's link. The short form names what the controls show
// ("#lr=0.01&hidden=16,16&optimizer=adam", the keys of table.js, defaults left out); a spec
// the short form cannot express exactly goes in as compressed JSON ("#spec=..." :
// deflate-raw, then base64url), so a copied link always reproduces the run. View settings
// that are not part of the experiment (the speed) ride along as their own keys.
import { outputFor, outputLayer, classCount } from './data-kinds.js';
import { DATA_SETS, DEFAULT_SPEC, defaultSpec, fillSpec, isSeparateData } from './fill.js';
import { isAllowed, parseText, formatText } from './kinds.js';
import { deepEqual, isObject } from './path.js';
import { LAYER_ROWS, ROWS, rowOf, valueOf, withValue } from './table.js';

export const LINK_MAX = 100_000;  // characters; longer links are cut by mail and chat programs
export const VIEW_KEYS = { speed: ['slow', 'normal', 'fast', 'max'] };
const SPEC_KEY = 'spec';
const MAX_LIST = 63;

// --- the short form ----------------------------------------------------------------------

function fillList(values, n, fallback) {
  return Array.from({ length: n }, (_, i) => values[i] ?? values[0] ?? fallback);
}

// Short-form params -> { spec (filled), rejected: [keys whose value is not allowed or unknown] }.
export function fromShort(params) {
  let spec = defaultSpec();
  const rejected = [];
  const lists = {};
  let output = null;
  for (const [key, text] of params) {
    if (key in VIEW_KEYS) continue;
    const layerRow = LAYER_ROWS.find((r) => r.key === key);
    if (layerRow) {
      const items = text === '' ? [] : String(text).split(',').map((t) => parseText(layerRow, t));
      if (items.length > MAX_LIST || items.some((x) => x === undefined)) rejected.push(key);
      else lists[key] = items;
      continue;
    }
    const row = rowOf(key);
    const value = row && !(key === 'output' && text === 'auto') ? parseText(row, text) : undefined;
    if (key === 'output' && text === 'auto') continue;
    if (value === undefined) rejected.push(key);
    else if (key === 'output') output = value;
    else spec = key === 'dataset' || key === 'classes' ? { ...spec, data: { ...spec.data, [row.path.split('.')[1]]: value } }
      : withValue(row, spec, value).spec;
  }
  const hidden = DEFAULT_SPEC.layers.slice(0, -1);
  const n = lists.hidden ? lists.hidden.length : hidden.length;
  const layers = Array.from({ length: n }, (_, i) => ({ ...(hidden[i] ?? hidden[0]) }));
  for (const r of LAYER_ROWS) {
    if (lists[r.key]) fillList(lists[r.key], n, hidden[0][r.field]).forEach((v, i) => { layers[i][r.field] = v; });
  }
  const k = classCount(spec.data);
  const last = output ? outputLayer(output, k, {}) : outputFor(spec.data, { ...DEFAULT_SPEC.layers.at(-1) });
  // Filled as the engine fills it: a leaky layer gets its slope, a CSV its empty text and task.
  return { spec: fillSpec({ ...spec, layers: [...layers, last] }), rejected };
}

// The short-form params of a spec (only what differs from the default), or null when the
// short form cannot say it exactly.
export function toShort(spec) {
  // A split or layers not shaped as the engine reads them (a spec it refuses) go compressed.
  if (!isObject(spec.split) || !Array.isArray(spec.layers) || !spec.layers.every(isObject)) return null;
  const params = new URLSearchParams();
  for (const row of ROWS) {
    if (row.key === 'output') continue;
    const value = valueOf(row, spec);
    if (!isAllowed(row, value)) return null;
    if (!deepEqual(value, valueOf(row, DEFAULT_SPEC))) params.set(row.key, formatText(row, value));
  }
  const hidden = spec.layers.slice(0, -1);
  const defaults = DEFAULT_SPEC.layers.slice(0, -1);
  if (!hidden.every((l) => LAYER_ROWS.every((r) => isAllowed(r, l[r.field])))) return null;
  for (const r of LAYER_ROWS) {
    const values = hidden.map((l) => l[r.field]);
    const plain = r.key === 'hidden' ? deepEqual(values, defaults.map((l) => l.units))
      : values.every((v) => v === defaults[0][r.field]);
    if (!plain) params.set(r.key, values.map((v) => formatText(r, v)).join(','));
  }
  if (!deepEqual(fromShort(params).spec, spec)) params.set('output', spec.layers.at(-1)?.activation);
  return deepEqual(fromShort(params).spec, spec) ? params : null;
}

// --- the compressed form -----------------------------------------------------------------

function toBase64url(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it is not base64url text');
  const bin = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function through(stream, bytes) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

// Only the fields that differ from the engine's defaults (fillSpec restores the rest).
export function minimalSpec(spec) {
  const out = {};
  for (const [k, v] of Object.entries(spec)) {
    const d = DEFAULT_SPEC[k];
    if (deepEqual(v, d)) continue;
    if (isObject(v) && isObject(d)) {
      out[k] = Object.fromEntries(Object.entries(v).filter(([kk, vv]) => !(kk in d) || !deepEqual(vv, d[kk])));
    } else out[k] = v;
  }
  return deepEqual(fillSpec(out), spec) ? out : spec;
}

export async function compress(spec) {
  const bytes = new TextEncoder().encode(JSON.stringify(minimalSpec(spec)));
  return toBase64url(await through(new CompressionStream('deflate-raw'), bytes));
}

export const MAX_INFLATED = 60e6;  // bytes of JSON a link may unpack to

// Inflates as it reads and stops past MAX_INFLATED: a link of a few hundred kilobytes can
// unpack to gigabytes (a zip bomb), which must never be held in memory whole.
export async function decompress(text) {
  const reader = new Blob([fromBase64url(text)]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let size = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.length;
    if (size > MAX_INFLATED) {
      reader.cancel().catch(() => {});
      throw new Error(`it unpacks to more than ${MAX_INFLATED} bytes; allowed: at most ${MAX_INFLATED}`);
    }
    chunks.push(part.value);
  }
  return JSON.parse(new TextDecoder().decode(await new Blob(chunks).arrayBuffer()));
}

// --- the link ----------------------------------------------------------------------------

// The data's sources: data itself, or each of its separate sets that has a source.
const sourcesOf = (data) => (isSeparateData(data) ? DATA_SETS.map((k) => data[k]).filter(isObject) : [data]);
const hasData = (spec) => isObject(spec.data) && sourcesOf(spec.data).some((d) => d.csv !== undefined || d.x !== undefined);

// The data a link leaves out when the whole spec does not fit: its description, and the spec
// without it (every source's CSV text and inline arrays).
function withoutData(spec) {
  const cut = ({ csv, x, y, ...rest }) => rest;
  const sources = sourcesOf(spec.data);
  const texts = sources.map((d) => d.csv).filter((c) => typeof c === 'string');
  const rows = sources.reduce((n, d) => n + (Array.isArray(d.x) ? d.x.length : 0), 0);
  const mb = (texts.reduce((n, c) => n + c.length, 0) / 1e6).toFixed(1);
  const what = texts.length ? `the CSV file${texts.length > 1 ? 's' : ''} (${mb} MB)` : `the inline data (${rows} rows)`;
  const data = isSeparateData(spec.data)
    ? Object.fromEntries(Object.entries(spec.data).map(([k, v]) => [k, DATA_SETS.includes(k) && isObject(v) ? cut(v) : v]))
    : cut(spec.data);
  return { what, spec: { ...spec, data } };
}

// spec (filled) and view ({ speed }) -> { hash, omitted }: omitted names the data left out
// of the link because it was too large (null when the link holds everything).
export async function encodeLink(spec, view = {}) {
  const viewParams = Object.entries(view).filter(([k, v]) => k in VIEW_KEYS && v !== undefined);
  let params = toShort(spec);
  let omitted = null;
  if (!params) {
    params = new URLSearchParams({ [SPEC_KEY]: await compress(spec) });
    if (params.toString().length > LINK_MAX && hasData(spec)) {
      const cut = withoutData(spec);
      omitted = cut.what;
      params = toShort(cut.spec) ?? new URLSearchParams({ [SPEC_KEY]: await compress(cut.spec) });
    }
  }
  for (const [k, v] of viewParams) params.set(k, v);
  return { hash: `#${params.toString().replaceAll('%2C', ',').replaceAll('%2F', '/')}`, omitted };
}

// A link's hash -> { spec (filled, not yet checked by the engine), view, rejected, problem }.
// Nothing in it is trusted: bad short keys are rejected (and keep their defaults), a bad
// compressed spec is a problem and the default experiment loads.
export async function decodeLink(hash) {
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  const view = {};
  for (const [k, options] of Object.entries(VIEW_KEYS)) if (options.includes(params.get(k))) view[k] = params.get(k);
  const rejected = Object.keys(VIEW_KEYS).filter((k) => params.has(k) && !(k in view));
  if (params.has(SPEC_KEY)) {
    try {
      const spec = await decompress(params.get(SPEC_KEY));
      if (!isObject(spec)) throw new Error('it is not a JSON object');
      return { spec: fillSpec(spec), view, rejected, problem: '' };
    } catch (err) {
      return { spec: defaultSpec(), view, rejected, problem: `The experiment in the link could not be read (${err.message || err}); the default experiment is shown.` };
    }
  }
  const short = fromShort([...params].filter(([k]) => !(k in VIEW_KEYS)));
  return { spec: short.spec, view, rejected: [...rejected, ...short.rejected], problem: '' };
}
