// The experiment spec with every default filled in, exactly as the engine fills it
// (engine/spec/spec.cpp: parse_spec then to_json; `descent spec` prints the same document).
// The page holds this filled form as its state. tests/wasm/spec-roundtrip.test.mjs compares
// fillSpec with the engine's own answer on every lesson and hundreds of generated specs.
// Data is one source (split by split) or separate sets (data.train, train_dev, dev, test; then
// no split is written). What the engine would refuse is kept as given (an unknown key, a wrong
// type, a value out of range), so the engine's refusal names it: nothing is dropped here
// silently. Pure.
import { isObject } from './path.js';

const clone = (v) => structuredClone(v);
// A missing key takes its default; null does not (the engine refuses it and says so).
const or = (v, d) => (v === undefined ? d : clone(v));
// Writes an own field, even one named "__proto__" (in JSON a key like any other; `o[k] = v`
// would set the object's prototype instead and the key would vanish).
const put = (o, k, v) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);  // not `in`: "toString" in {} is true
const always = () => true;

export const DEFAULT_LAYERS = Object.freeze([
  { units: 8, activation: 'relu', keep_prob: 1, norm: 'none' },
  { units: 8, activation: 'relu', keep_prob: 1, norm: 'none' },
  { units: 1, activation: 'sigmoid', keep_prob: 1, norm: 'none' },
]);

// The engine's default experiment (default_spec()), filled in.
export const DEFAULT_SPEC = Object.freeze({
  seed: 1,
  data: { source: 'circles', samples: 400, noise: 0.1, factor: 0.5, classes: 3 },
  split: { train: 0.7, dev: 0.3, test: 0, stratify: false, mismatch: 'none', mismatch_amount: 0.5 },
  layers: DEFAULT_LAYERS,
  init: { scheme: 'he', scale: 1 },
  regularization: { l2: 0, l1: 0 },
  optimizer: { name: 'gd', learning_rate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  schedule: { name: 'constant', decay_rate: 1, k: 0.95, time_interval: 1, drops: [] },
  batch_size: 32,
  epochs: 300,
  normalize: false,
  augment: { flip: false, shift: 0, jitter: 0 },
  early_stopping: { enabled: false, monitor: 'dev_loss', patience: 10, min_delta: 0 },
  bayes_error: 0,
  overfit_samples: 0,
  record_every: 0,
});

export const defaultSpec = () => clone(DEFAULT_SPEC);

// given's keys over the defaults' (in the defaults' order); keys that only given has are
// kept after them. `dropped`: keys the engine reads but leaves out of its filled form, each
// with the test of a value the engine accepts (a value it refuses is kept, for it to name).
function over(defaults, given, dropped = {}) {
  if (given === undefined) return clone(defaults);
  if (!isObject(given)) return given;
  const out = clone(defaults);
  for (const [k, v] of Object.entries(given)) if (!(has(dropped, k) && dropped[k](v))) put(out, k, clone(v));
  return out;
}

// Read for every source, written back for csv or inline only (set again below for those).
const isText = (v) => typeof v === 'string';
const DATA_EXTRAS = { task: (v) => v === 'classification' || v === 'regression', csv: isText, label: isText, x: Array.isArray, y: Array.isArray };

// One source as the single form fills it (no seed_offset).
function fillSource(given) {
  const out = over(DEFAULT_SPEC.data, given, DATA_EXTRAS);
  const source = out.source;
  if (source === 'csv' || source === 'inline') out.task = or(given.task, 'classification');
  if (source === 'csv') Object.assign(out, { csv: or(given.csv, ''), label: or(given.label, '') });
  if (source === 'inline') {
    if (given.x !== undefined) out.x = clone(given.x);
    if (given.y !== undefined) out.y = clone(given.y);
  }
  return out;
}

// The separate form's sets, in the engine's order; `train` is a source, the others a source
// or { from: 'train', take }.
export const DATA_SETS = Object.freeze(['train', 'train_dev', 'dev', 'test']);
export const isSeparateData = (data) => isObject(data) && DATA_SETS.some((k) => has(data, k));
const isOffset = (v) => Number.isInteger(v) && v >= 0 && v <= 1000000;

// A set's source: the single form's fill, then seed_offset (last, as the engine writes it).
function fillSetSource(given) {
  if (!isObject(given)) return clone(given);
  if (has(given, 'seed_offset') && !isOffset(given.seed_offset)) return fillSource(given);  // refused: kept
  const { seed_offset: offset, ...rest } = given;
  return put(fillSource(rest), 'seed_offset', offset ?? 0);
}

// train_dev, dev or test: { from: 'train', take } as given (from first), or a source.
function fillSet(given) {
  if (!isObject(given) || !has(given, 'from')) return fillSetSource(given);
  const out = { from: clone(given.from) };
  for (const [k, v] of Object.entries(given)) if (k !== 'from') put(out, k, clone(v));
  return out;
}

function fillData(given) {
  if (!isObject(given)) return over(DEFAULT_SPEC.data, given);
  if (!isSeparateData(given)) return fillSource(given);
  const out = {};
  // train is a source; one with `from` the engine refuses, so it stays as given.
  if (has(given, 'train')) out.train = isObject(given.train) && has(given.train, 'from') ? clone(given.train) : fillSetSource(given.train);
  for (const k of DATA_SETS.slice(1)) if (has(given, k)) out[k] = fillSet(given[k]);
  for (const [k, v] of Object.entries(given)) if (!has(out, k)) put(out, k, clone(v));  // unknown: the engine names it
  return out;
}

function fillSplit(given) {
  const out = over(DEFAULT_SPEC.split, given, { dev_count: always, test_count: always });
  if (!isObject(given)) return out;
  const { stratify, mismatch, mismatch_amount: amount, ...head } = out;
  if ('dev_count' in given || 'test_count' in given)
    Object.assign(head, { dev_count: or(given.dev_count, 0), test_count: or(given.test_count, 0) });
  return { ...head, stratify, mismatch, mismatch_amount: amount };
}

export function fillLayer(given) {
  if (!isObject(given)) return given;
  const activation = or(given.activation, 'relu');
  const out = { units: or(given.units, 1), activation };
  if (activation === 'leaky_relu' || activation === 'prelu') out.slope = or(given.slope, (activation === 'prelu' ? 0.25 : 0.01));
  out.keep_prob = or(given.keep_prob, 1);
  out.norm = or(given.norm, 'none');
  if (given.channels !== undefined && given.channels !== 0) out.channels = given.channels;
  // The rest as given; a slope the engine accepts is read for every layer, kept for leaky ones.
  const dropped = { slope: (v) => typeof v === 'number' && v >= -10 && v <= 10, channels: always };
  for (const [k, v] of Object.entries(given)) if (!has(out, k) && !(has(dropped, k) && dropped[k](v))) put(out, k, clone(v));
  return out;
}

function fillInit(given) {
  const out = over(DEFAULT_SPEC.init, given, { weights: always });
  if (!isObject(given) || given.weights === undefined) return out;
  const { scheme, scale, ...rest } = out;
  const weights = Array.isArray(given.weights)
    ? given.weights.map((w) => (isObject(w) && Array.isArray(w.W) && w.b === undefined ? { ...clone(w), b: w.W.map(() => 0) } : clone(w)))
    : clone(given.weights);
  return { scheme, scale, weights, ...rest };
}

function fillSchedule(given) {
  const out = over(DEFAULT_SPEC.schedule, given);
  if (isObject(given) && Array.isArray(given.drops))
    out.drops = given.drops.map((d) => (isObject(d) ? over({ epoch: 1, factor: 0.1 }, d) : clone(d)));
  return out;
}

// The spec as the engine fills it. spec: a parsed JSON document (an object).
export function fillSpec(spec) {
  if (!isObject(spec)) return spec;
  const s = spec;
  const out = {
    seed: or(s.seed, DEFAULT_SPEC.seed),
    data: fillData(s.data),
    // Separate sets take no split: none is written, and one given stays (the engine refuses it).
    split: isSeparateData(s.data) ? clone(s.split) : fillSplit(s.split),
    layers: s.layers === undefined ? clone(DEFAULT_LAYERS)
      : Array.isArray(s.layers) ? s.layers.map(fillLayer) : clone(s.layers),
    init: fillInit(s.init),
    regularization: over(DEFAULT_SPEC.regularization, s.regularization),
    optimizer: over(DEFAULT_SPEC.optimizer, s.optimizer),
    schedule: fillSchedule(s.schedule),
  };
  for (const k of ['batch_size', 'epochs', 'normalize']) out[k] = or(s[k], DEFAULT_SPEC[k]);
  out.augment = over(DEFAULT_SPEC.augment, s.augment);
  out.early_stopping = over(DEFAULT_SPEC.early_stopping, s.early_stopping);
  for (const k of ['bayes_error', 'overfit_samples', 'record_every']) out[k] = or(s[k], DEFAULT_SPEC[k]);
  if (out.split === undefined) delete out.split;
  for (const [k, v] of Object.entries(s)) if (!has(out, k)) put(out, k, clone(v));  // unknown: the engine names it
  return out;
}
