// The one table of the page's controls: each row is a view onto one path of the experiment
// spec, declared once (its key in the short link and the embed's controls= option, its label,
// tooltip, section, kind and range as the engine allows it, whether it changes live, and when
// it matters). The short link, the engine's live keys, the embed's control names and the
// "Also set by this spec" box are all derived from here (hash.js, extras.js, controls.js).
// ESSENTIAL names the first screen's controls; the others are under "More settings".
import { DEFAULT_SPLIT, GENERATED, SETS, classCount, isSeparate, outputFor, outputLayer, toSingle } from './data-kinds.js';
import { getAt, setAt } from './path.js';

export const DATASETS = ['circles', 'moons', 'xor', 'blobs', 'spiral', 'flower', 'linear', 'plane', 'sine',
  'digits', 'iris', 'wine', 'breast_cancer', 'csv', 'inline'];
export const ACTIVATIONS = ['relu', 'leaky_relu', 'prelu', 'tanh', 'sigmoid', 'linear'];
export const NORMS = ['none', 'batch', 'layer', 'instance'];
const INITS = ['he', 'xavier', 'glorot', 'random', 'zeros', 'he_uniform', 'xavier_uniform', 'glorot_uniform',
  'random_uniform', 'identity', 'explicit'];
const SCHEDULES = ['constant', 'inverse_time', 'exponential', 'staircase', 'step_drops'];
export const MAX_UNITS = 4096;
export const MAX_LAYERS = 64;  // the output layer included
const MAX_SAMPLES = 100000;

const num = (min, max, extra = {}) => ({ kind: 'number', min, max, ...extra });
const int = (min, max) => ({ kind: 'number', whole: true, min, max });
const choice = (options, shown = options) => ({ kind: 'choice', options, shown });
const BOOL = { kind: 'bool' };
const adaptive = (s) => s.optimizer.name === 'rmsprop' || s.optimizer.name === 'adam';
const isData = (...sources) => (s) => sources.includes(s.data.source);
const single = (s) => !isSeparate(s.data);  // the split's controls matter for one data set only
// The split's value at key; separate sets have no split, and the rows read the defaults (hidden).
const splitOf = (key) => (s) => (s.split ?? DEFAULT_SPLIT)[key];

// A data-set change keeps the network's output layer when it fits the new data, and
// otherwise adapts it (the page says so).
function setDataset(spec, source) {
  if (isSeparate(spec.data) && source === spec.data.train?.source) return { spec };  // the sets stay
  const next = setAt(toSingle(spec), 'data.source', source);
  const out = spec.layers.at(-1);
  const fit = outputFor(next.data, out);
  if (fit === out) return { spec: next };
  return { spec: setAt(next, `layers[${spec.layers.length - 1}]`, fit),
    note: `The output layer is now ${fit.units} ${fit.activation} unit${fit.units === 1 ? '' : 's'}, as this data set needs.` };
}

function setOutput(spec, activation) {
  const L = spec.layers.length - 1;
  return { spec: setAt(spec, `layers[${L}]`, { ...spec.layers[L], ...outputLayer(activation, classCount(spec.data), spec.layers[L]) }) };
}

export const ROWS = [
  // data
  { key: 'dataset', path: 'data.source', section: 'data', label: 'Data set', ...choice(DATASETS, DATASETS.slice(0, -1)), set: setDataset,
    get: (s) => (isSeparate(s.data) ? s.data.train?.source : s.data?.source),  // separate: the training set's
    help: 'Generated 2-D sets show a decision boundary; the real sets are from scikit-learn.' },
  { key: 'samples', path: 'data.samples', section: 'data', label: 'Samples', ...int(4, MAX_SAMPLES), when: (s) => GENERATED.has(s.data.source),
    help: 'Examples generated before the split.' },
  { key: 'noise', path: 'data.noise', section: 'data', label: 'Noise', ...num(0, 10), when: (s) => GENERATED.has(s.data.source),
    help: 'Standard deviation of the noise added to each point (or target).' },
  { key: 'factor', path: 'data.factor', section: 'data', label: 'Inner radius', ...num(0, 1, { minOpen: true }), when: isData('circles'),
    help: 'Circles: the inner circle’s radius over the outer’s.' },
  { key: 'classes', path: 'data.classes', section: 'data', label: 'Classes', ...int(2, 20), when: isData('blobs', 'spiral'),
    help: 'Blobs: clusters; spiral: arms.', set: (spec, k) => setDataset(setAt(spec, 'data.classes', k), spec.data.source) },
  { key: 'split', path: 'split', paths: ['split.train', 'split.dev', 'split.test'], section: 'data', label: 'Train/dev/test %', kind: 'split',
    get: (s) => ['train', 'dev', 'test'].map((k) => splitOf(k)(s)),
    set: (spec, [train, dev, test]) => ({ spec: { ...spec, split: { ...spec.split, train, dev, test } } }),
    when: (s) => single(s) && !('dev_count' in s.split),
    help: 'Percentages that sum to 100, e.g. 60/20/20, or 98/1/1 for a large data set.' },
  { key: 'stratify', path: 'split.stratify', section: 'data', label: 'Stratified split', ...BOOL, get: splitOf('stratify'),
    when: (s) => single(s) && classCount(s.data) !== 0,
    help: 'Keep each class’s share in the train, dev and test sets.' },
  { key: 'mismatch', path: 'split.mismatch', section: 'data', label: 'Dev/test distribution', ...choice(['none', 'shift', 'rotate', 'noise']), when: single,
    get: splitOf('mismatch'),
    help: 'Draw dev and test from another distribution than train, to see why they must match.' },
  { key: 'mismatch_amount', path: 'split.mismatch_amount', section: 'data', label: 'Mismatch amount', ...num(0, 100), get: splitOf('mismatch_amount'),
    when: (s) => single(s) && s.split.mismatch !== 'none',
    help: 'How far dev and test move: the shift or extra noise in units of each feature’s std, or the rotation in radians.' },
  { key: 'normalize', path: 'normalize', section: 'data', label: 'Normalise inputs', ...BOOL,
    help: 'Subtract mu and divide by sigma, both from the training set only.' },
  { key: 'jitter', path: 'augment.jitter', section: 'data', label: 'Augment: jitter', ...num(0, 10),
    help: 'Training batches only: add Gaussian noise of this std to each input.' },
  { key: 'flip', path: 'augment.flip', section: 'data', label: 'Augment: flip', ...BOOL, when: (s) => s.data.source === 'digits' || s.augment.flip,
    help: 'Training batches only: mirror images left-right (digits).' },
  { key: 'shift', path: 'augment.shift', section: 'data', label: 'Augment: shift (px)', ...int(0, 3), when: (s) => s.data.source === 'digits' || s.augment.shift > 0,
    help: 'Training batches only: move images by up to this many pixels (digits).' },
  // network (the hidden layers have LAYER_ROWS, in the network editor)
  { key: 'output', path: 'output', section: 'network', label: 'Output layer', ...choice(['sigmoid', 'softmax', 'linear']),
    get: (s) => s.layers.at(-1)?.activation, set: setOutput, paths: ['layers[-1].units', 'layers[-1].activation'],
    help: 'Sigmoid for two classes, softmax for k classes (one unit each), linear for regression.' },
  // initialisation
  { key: 'init', path: 'init.scheme', section: 'init', label: 'Initialisation', ...choice(INITS, INITS.slice(0, -1)),
    help: 'How W starts: He sqrt(2/n_prev) suits ReLU, Xavier sqrt(1/n_prev) suits tanh, zeros never break symmetry.' },
  { key: 'scale', path: 'init.scale', section: 'init', label: 'Scale', ...num(0, 1000),
    help: 'Multiplies the initial weights: 10 with Random is the course’s “x10” case.' },
  // regularisation
  { key: 'l2', path: 'regularization.l2', section: 'reg', label: 'L2 lambda', ...num(0, 1e6), live: 'l2',
    help: 'Adds lambda/(2m)·sum ||W||² to the cost; can change while training.' },
  { key: 'l1', path: 'regularization.l1', section: 'reg', label: 'L1 lambda', ...num(0, 1e6), live: 'l1',
    help: 'Adds lambda/m·sum |w| to the cost; can change while training.' },
  { key: 'early', path: 'early_stopping.enabled', section: 'reg', label: 'Early stopping', ...BOOL,
    help: 'Stop when the monitored dev figure has not improved for “patience” epochs, and keep the best weights.' },
  { key: 'patience', path: 'early_stopping.patience', section: 'reg', label: 'Patience', ...int(1, 1000000), when: (s) => s.early_stopping.enabled,
    help: 'Epochs without improvement before early stopping.' },
  { key: 'monitor', path: 'early_stopping.monitor', section: 'reg', label: 'Monitor', ...choice(['dev_loss', 'dev_error']),
    when: (s) => s.early_stopping.enabled, help: 'What early stopping watches: the dev loss or the dev error.' },
  { key: 'min_delta', path: 'early_stopping.min_delta', section: 'reg', label: 'Min improvement', ...num(0, 1e6),
    when: (s) => s.early_stopping.enabled, help: 'An improvement must be larger than this to count (min_delta).' },
  // optimisation
  { key: 'optimizer', path: 'optimizer.name', section: 'optim', label: 'Optimizer', ...choice(['gd', 'momentum', 'rmsprop', 'adam']),
    help: 'Gradient descent, momentum (beta1), RMSProp (beta2) or Adam (both, bias-corrected).' },
  { key: 'lr', path: 'optimizer.learning_rate', section: 'optim', label: 'Learning rate', ...num(0, 100, { minOpen: true }), rate: true,
    live: 'learning_rate', help: 'alpha: type it, or drag the log slider; it can change while the network trains.' },
  { key: 'beta1', path: 'optimizer.beta1', section: 'optim', label: 'beta1', ...num(0, 1, { maxOpen: true }),
    when: (s) => s.optimizer.name === 'momentum' || s.optimizer.name === 'adam',
    help: 'Momentum’s and Adam’s averaging of gradients: about 1/(1-beta) steps.' },
  { key: 'beta2', path: 'optimizer.beta2', section: 'optim', label: 'beta2', ...num(0, 1, { maxOpen: true }), when: adaptive,
    help: 'RMSProp’s and Adam’s averaging of squared gradients.' },
  { key: 'epsilon', path: 'optimizer.epsilon', section: 'optim', label: 'epsilon', ...num(0, 1, { minOpen: true }), when: adaptive,
    help: 'Keeps RMSProp and Adam from dividing by zero.' },
  { key: 'schedule', path: 'schedule.name', section: 'optim', label: 'Learning-rate decay', ...choice(SCHEDULES, SCHEDULES.slice(0, -1)),
    help: 'How alpha falls with the epoch.' },
  { key: 'decay', path: 'schedule.decay_rate', section: 'optim', label: 'Decay rate', ...num(0, 1e6),
    when: (s) => s.schedule.name === 'inverse_time' || s.schedule.name === 'staircase',
    help: 'decay_rate in alpha0 / (1 + decay_rate · epoch).' },
  { key: 'k', path: 'schedule.k', section: 'optim', label: 'k', ...num(0, 1, { minOpen: true }), when: (s) => s.schedule.name === 'exponential',
    help: 'alpha = alpha0 · k^epoch.' },
  { key: 'interval', path: 'schedule.time_interval', section: 'optim', label: 'Time interval', ...int(1, 1000000),
    when: (s) => s.schedule.name === 'staircase', help: 'Staircase: epochs per step down.' },
  { key: 'batch', path: 'batch_size', section: 'optim', label: 'Mini-batch size', kind: 'batch', whole: true, min: 1, max: MAX_SAMPLES,
    suggestions: ['1', '2', '4', '8', '16', '32', '64', '128', '256', '512', '1024', 'full'],
    help: 'Examples per step, any whole number: 1 is SGD, “full” (0 in the spec) is batch gradient descent.' },
  { key: 'epochs', path: 'epochs', section: 'optim', label: 'Epochs', ...int(1, 1000000), help: 'Passes over the training set.' },
  { key: 'seed', path: 'seed', section: 'optim', label: 'Seed', ...int(0, 2 ** 53 - 1),
    help: 'Fixes the data, the initial weights and the batch order: the same seed gives the same run.' },
  { key: 'bayes', path: 'bayes_error', section: 'optim', label: 'Bayes error', ...num(0, 1),
    help: 'Human-level error (a fraction), for the diagnosis: avoidable bias = train error − Bayes error.' },
];

// The hidden layers' controls (network editor), one set per layer; `key` is the short
// link's list ("hidden=8,8").
export const LAYER_ROWS = [
  { key: 'hidden', field: 'units', label: 'Units', ...int(1, MAX_UNITS), help: 'Hidden units in this layer' },
  { key: 'act', field: 'activation', label: 'Activation', ...choice(ACTIVATIONS), help: 'g(z) of this layer' },
  { key: 'norm', field: 'norm', label: 'Norm', ...choice(NORMS), help: 'Batch norm (over the mini-batch), layer norm (per example) or instance norm (per example and channel) before g' },
  { key: 'keep', field: 'keep_prob', label: 'Keep prob', ...num(0, 1, { minOpen: true }), help: 'Inverted dropout: the probability of keeping each unit while training (1: none)' },
];

export const SECTIONS = [
  { id: 'data', title: 'Data' },
  { id: 'network', title: 'Network' },
  { id: 'init', title: 'Initialisation' },
  { id: 'reg', title: 'Regularisation' },
  { id: 'optim', title: 'Optimisation' },
];

// A line in a section, shown when its test holds (the split's rows are hidden then).
export const NOTES = [
  { section: 'data', when: (s) => isSeparate(s.data),
    text: 'No train/dev/test split: the sets are separate files (Data set: CSV file, Separate files).' },
];

export const rowOf = (key) => ROWS.find((r) => r.key === key);
// The first screen's controls, in this order (the hidden layers' editor goes after the data set).
export const ESSENTIAL = ['dataset', 'optimizer', 'lr', 'batch', 'l2'];
export const layerRowOf = (key) => LAYER_ROWS.find((r) => r.key === key);

// The spec with a layer list written ("hidden" [16, 8] resizes the hidden layers, copying the
// last; "act" ['tanh'] sets every layer's activation from the list, its first value filling in).
export function withLayerList(spec, key, values) {
  const row = layerRowOf(key);
  let hidden = spec.layers.slice(0, -1);
  if (row.field === 'units') {
    const model = hidden.at(-1) ?? { units: 8, activation: 'relu', keep_prob: 1, norm: 'none' };
    hidden = values.map((units, i) => ({ ...(hidden[i] ?? model), units }));
  } else hidden = hidden.map((l, i) => ({ ...l, [row.field]: values[i] ?? values[0] ?? l[row.field] }));
  return { ...spec, layers: [...hidden, spec.layers.at(-1)] };
}
export const CONTROL_KEYS = ROWS.map((r) => r.key);
// Engine key of each control that changes while a run goes on, by control key.
export const LIVE = Object.fromEntries(ROWS.filter((r) => r.live).map((r) => [r.key, r.live]));

export const valueOf = (row, spec) => (row.get ? row.get(spec) : getAt(spec, row.path));

// The spec with the row's value written: { spec, note } (note: what else changed, and why).
export function withValue(row, spec, value) {
  return row.set ? row.set(spec, value) : { spec: setAt(spec, row.path, value) };
}

// Every spec path a control shows (the layers' fields for each layer of spec).
export function shownPaths(spec) {
  const paths = new Set(ROWS.flatMap((r) => r.paths ?? [r.path]).filter((p) => !p.includes('[-1]')));
  const L = spec.layers.length - 1;
  for (let l = 0; l < L; l++) for (const r of LAYER_ROWS) paths.add(`layers[${l}].${r.field}`);
  if (spec.data.source === 'csv') paths.add('data.label').add('data.task');  // the CSV box shows them
  if (isSeparate(spec.data)) {  // the data box shows each CSV set, the label, the task and train-dev's take
    for (const set of SETS) {
      if (spec.data[set]?.source !== 'csv') continue;
      for (const f of ['source', 'csv', 'label', 'task']) paths.add(`data.${set}.${f}`);
    }
    paths.add('data.train_dev.from').add('data.train_dev.take');
  }
  paths.add(`layers[${L}].units`).add(`layers[${L}].activation`).add(`layers[${L}].keep_prob`).add(`layers[${L}].norm`);
  return paths;
}

// The row that shows an engine error's field ("optimizer.learning_rate" -> lr;
// "layers[1].units" -> 'layers'); null when no control shows it.
export function rowOfField(field, spec) {
  const f = String(field || '');
  if (/^layers(\[|$)/.test(f)) {
    const L = spec?.layers?.length - 1;
    const m = /^layers\[(\d+)\]/.exec(f);
    return m && Number(m[1]) === L ? rowOf('output') : 'layers';
  }
  if (f.startsWith('split.train')) return rowOf('split');
  const row = ROWS.find((r) => f === r.path || f.startsWith(`${r.path}.`) || f.startsWith(`${r.path}[`));
  return row ?? (f.startsWith('data.') ? rowOf('dataset') : null);  // the data's own fields: csv, x, ...
}
