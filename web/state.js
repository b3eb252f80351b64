// The page's state as one declarative table (name, type, default, limits). It round-trips
// through location.hash, the seed included, builds the experiment spec, and is read back
// from a spec (lessons, uploaded specs). Missing keys keep their defaults; bad ones fall
// back to them and are reported, never trusted.

export const DATASETS = ['circles', 'moons', 'xor', 'blobs', 'spiral', 'flower', 'linear', 'plane', 'sine',
  'digits', 'iris', 'wine', 'breast_cancer', 'csv'];
export const GENERATED = new Set(['circles', 'moons', 'xor', 'blobs', 'spiral', 'flower', 'linear', 'plane', 'sine']);
export const REGRESSION = new Set(['plane', 'sine']);
export const ACTIVATIONS = ['relu', 'leaky_relu', 'prelu', 'tanh', 'sigmoid', 'linear'];
export const NORMS = ['none', 'batch', 'layer'];
export const INITS = ['he', 'xavier', 'glorot', 'random', 'zeros', 'he_uniform', 'xavier_uniform',
  'glorot_uniform', 'identity'];
export const OPTIMIZERS = ['gd', 'momentum', 'rmsprop', 'adam'];
export const SCHEDULES = ['constant', 'inverse_time', 'exponential', 'staircase'];
export const BATCHES = ['1', '2', '4', '8', '16', '32', '64', '128', '256', '512', '1024', 'full'];

const list = (type, min, max) => ({ type: 'list', of: type, min, max });

export const FIELDS = [
  // data
  { name: 'dataset', type: 'choice', default: 'circles', options: DATASETS },
  { name: 'samples', type: 'int', default: 400, min: 4, max: 100000 },
  { name: 'noise', type: 'number', default: 0.1, min: 0, max: 10 },
  { name: 'factor', type: 'number', default: 0.5, min: 0.01, max: 1 },
  { name: 'classes', type: 'int', default: 3, min: 2, max: 10 },
  { name: 'split', type: 'split', default: [70, 30, 0] },
  { name: 'stratify', type: 'bool', default: false },
  { name: 'mismatch', type: 'choice', default: 'none', options: ['none', 'shift', 'rotate', 'noise'] },
  { name: 'normalize', type: 'bool', default: false },
  { name: 'jitter', type: 'number', default: 0, min: 0, max: 10 },
  { name: 'flip', type: 'bool', default: false },
  { name: 'shift', type: 'int', default: 0, min: 0, max: 3 },
  // network: one entry per hidden layer
  { name: 'hidden', ...list('int', 1, 1024), default: [8, 8] },
  { name: 'act', ...list('activation'), default: ['relu', 'relu'] },
  { name: 'norm', ...list('norm'), default: ['none', 'none'] },
  { name: 'keep', ...list('number', 0.05, 1), default: [1, 1] },
  { name: 'output', type: 'choice', default: 'auto', options: ['auto', 'sigmoid', 'softmax', 'linear'] },
  // initialisation
  { name: 'init', type: 'choice', default: 'he', options: INITS },
  { name: 'scale', type: 'number', default: 1, min: 0, max: 1000 },
  // regularisation
  { name: 'l2', type: 'number', default: 0, min: 0, max: 1e6 },
  { name: 'l1', type: 'number', default: 0, min: 0, max: 1e6 },
  { name: 'early', type: 'bool', default: false },
  { name: 'patience', type: 'int', default: 10, min: 1, max: 100000 },
  // optimisation
  { name: 'optimizer', type: 'choice', default: 'gd', options: OPTIMIZERS },
  { name: 'lr', type: 'number', default: 0.1, min: 1e-6, max: 10 },
  { name: 'beta1', type: 'number', default: 0.9, min: 0, max: 0.9999 },
  { name: 'beta2', type: 'number', default: 0.999, min: 0, max: 0.9999 },
  { name: 'epsilon', type: 'number', default: 1e-8, min: 1e-12, max: 1 },
  { name: 'schedule', type: 'choice', default: 'constant', options: SCHEDULES },
  { name: 'decay', type: 'number', default: 1, min: 0, max: 1e6 },
  { name: 'k', type: 'number', default: 0.95, min: 0.01, max: 1 },
  { name: 'interval', type: 'int', default: 100, min: 1, max: 1000000 },
  { name: 'batch', type: 'choice', default: '32', options: BATCHES },
  { name: 'epochs', type: 'int', default: 300, min: 1, max: 1000000 },
  { name: 'seed', type: 'int', default: 1, min: 0, max: 2 ** 53 - 1 },
  { name: 'bayes', type: 'number', default: 0, min: 0, max: 1 },
  // run
  { name: 'speed', type: 'choice', default: 'normal', options: ['slow', 'normal', 'fast', 'max'] },
];

export const field = (name) => FIELDS.find((f) => f.name === name);

export function defaults() {
  return Object.fromEntries(FIELDS.map((f) => [f.name, structuredClone(f.default)]));
}

function parseScalar(type, t, min, max) {
  switch (type) {
    case 'int': {
      if (!/^\d+$/.test(t)) return undefined;
      const x = Number(t);
      return Number.isSafeInteger(x) && x >= min && x <= max ? x : undefined;
    }
    case 'number': {
      if (!/^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
      const x = Number(t);
      return Number.isFinite(x) && x >= min && x <= max ? x : undefined;
    }
    case 'activation': return ACTIVATIONS.includes(t) ? t : undefined;
    case 'norm': return NORMS.includes(t) ? t : undefined;
    default: return undefined;
  }
}

// Parses one value from text; returns undefined when it is not allowed.
export function parseValue(f, text) {
  const t = String(text).trim();
  switch (f.type) {
    case 'choice': return f.options.includes(t) ? t : undefined;
    case 'bool': return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : undefined;
    case 'split': {
      const parts = t.split('/').map((p) => parseScalar('number', p.trim(), 0, 100));
      if (parts.length !== 3 || parts.some((p) => p === undefined) || parts[0] <= 0) return undefined;
      return Math.abs(parts[0] + parts[1] + parts[2] - 100) < 1e-6 ? parts : undefined;
    }
    case 'list': {
      if (t === '') return [];
      const items = t.split(',').map((u) => parseScalar(f.of, u.trim(), f.min, f.max));
      return items.length <= 20 && items.every((x) => x !== undefined) ? items : undefined;
    }
    default: return parseScalar(f.type, t, f.min, f.max);
  }
}

export function formatValue(f, value) {
  if (f.type === 'split') return value.join('/');
  if (f.type === 'list') return value.join(',');
  return String(value);
}

// Reads a hash such as "#lr=0.1&hidden=8,8". Returns { state, rejected: [names] }.
export function fromHash(hash) {
  const state = defaults();
  const rejected = [];
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  for (const [name, text] of params) {
    const f = field(name);
    const value = f ? parseValue(f, text) : undefined;
    if (value === undefined) rejected.push(name);
    else state[name] = value;
  }
  return { state: withLayerLists(state), rejected };
}

export function toHash(state) {
  const params = new URLSearchParams();
  for (const f of FIELDS) params.set(f.name, formatValue(f, state[f.name]));
  return `#${params.toString().replaceAll('%2C', ',').replaceAll('%2F', '/')}`;
}

// Per-layer lists follow `hidden`: missing entries take the first layer's (or the default).
export function withLayerLists(state) {
  const n = state.hidden.length;
  const fill = (values, fallback) => Array.from({ length: n }, (_, i) => values[i] ?? values[0] ?? fallback);
  return { ...state, act: fill(state.act, 'relu'), norm: fill(state.norm, 'none'), keep: fill(state.keep, 1) };
}

// The output layer the data needs, unless the user chose one.
function outputLayer(state) {
  const classes = { blobs: state.classes, spiral: state.classes, digits: 10, iris: 3, wine: 3 }[state.dataset];
  let output = state.output;
  if (output === 'auto') output = REGRESSION.has(state.dataset) ? 'linear' : classes ? 'softmax' : 'sigmoid';
  return { units: output === 'softmax' ? classes || 2 : 1, activation: output };
}

// The experiment spec this state describes (the engine validates it again). csv: the
// uploaded file's { text, label, task } when the data set is "csv".
export function toSpec(state, csv = null) {
  const s = withLayerLists(state);
  const data = { source: s.dataset, samples: s.samples, noise: s.noise, factor: s.factor, classes: s.classes };
  if (s.dataset === 'csv' && csv) Object.assign(data, { csv: csv.text, label: csv.label, task: csv.task });
  const regression = REGRESSION.has(s.dataset) || (s.dataset === 'csv' && csv?.task === 'regression');
  const output = outputLayer(s);
  if (regression && s.output === 'auto') Object.assign(output, { units: 1, activation: 'linear' });
  return {
    seed: s.seed,
    data,
    split: { train: s.split[0] / 100, dev: s.split[1] / 100, test: s.split[2] / 100, stratify: s.stratify && !regression,
      mismatch: s.mismatch },
    normalize: s.normalize,
    augment: { jitter: s.jitter, flip: s.flip, shift: s.shift },
    layers: [
      ...s.hidden.map((units, i) => ({ units, activation: s.act[i], norm: s.norm[i], keep_prob: s.keep[i] })),
      output,
    ],
    init: { scheme: s.init, scale: s.scale },
    regularization: { l2: s.l2, l1: s.l1 },
    optimizer: { name: s.optimizer, learning_rate: s.lr, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon },
    schedule: { name: s.schedule, decay_rate: s.decay, k: s.k, time_interval: s.interval },
    batch_size: s.batch === 'full' ? 0 : Number(s.batch),
    epochs: s.epochs,
    early_stopping: { enabled: s.early, patience: s.patience },
    bayes_error: s.bayes,
  };
}

// The state a spec describes, as far as the page's controls go (lessons, uploaded specs).
export function fromSpec(spec) {
  const s = defaults();
  const d = spec.data || {};
  const set = (name, value) => {
    if (value === undefined || value === null) return;
    const f = field(name);
    const parsed = parseValue(f, formatValue(f, value));
    if (parsed !== undefined) s[name] = parsed;
  };
  set('seed', spec.seed);
  set('dataset', d.source);
  set('samples', d.samples);
  set('noise', d.noise);
  set('factor', d.factor);
  set('classes', d.classes);
  if (spec.split) {
    const { train = 0.7, dev = 0.3, test = 0 } = spec.split;
    set('split', [train, dev, test].map((r) => Math.round(r * 1000) / 10));
    set('stratify', spec.split.stratify);
    set('mismatch', spec.split.mismatch);
  }
  set('normalize', spec.normalize);
  set('jitter', spec.augment?.jitter);
  set('flip', spec.augment?.flip);
  set('shift', spec.augment?.shift);
  if (Array.isArray(spec.layers) && spec.layers.length) {
    const hidden = spec.layers.slice(0, -1);
    set('hidden', hidden.map((l) => l.units ?? 1));
    set('act', hidden.map((l) => l.activation ?? 'relu'));
    set('norm', hidden.map((l) => (NORMS.includes(l.norm) ? l.norm : 'none')));
    set('keep', hidden.map((l) => l.keep_prob ?? 1));
    set('output', spec.layers.at(-1).activation);
  }
  set('init', spec.init?.scheme);
  set('scale', spec.init?.scale);
  set('l2', spec.regularization?.l2);
  set('l1', spec.regularization?.l1);
  const o = spec.optimizer || {};
  set('optimizer', o.name);
  set('lr', o.learning_rate);
  set('beta1', o.beta1);
  set('beta2', o.beta2);
  set('epsilon', o.epsilon);
  set('schedule', spec.schedule?.name);
  set('decay', spec.schedule?.decay_rate);
  set('k', spec.schedule?.k);
  set('interval', spec.schedule?.time_interval);
  if (spec.batch_size !== undefined) set('batch', spec.batch_size === 0 ? 'full' : String(spec.batch_size));
  if (spec.batch_size !== undefined && !BATCHES.includes(String(spec.batch_size)) && spec.batch_size !== 0)
    s.batch = 'full';  // e.g. 300 on a 300-example training set
  set('epochs', spec.epochs);
  set('early', spec.early_stopping?.enabled);
  set('patience', spec.early_stopping?.patience);
  set('bayes', spec.bayes_error);
  return withLayerLists(s);
}
