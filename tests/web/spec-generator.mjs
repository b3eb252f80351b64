// A seeded generator of valid experiment specs (a helper module, not a test), written as
// users write them: partial, with only some fields present, together covering every field the
// engine knows (engine/spec/spec.cpp) and every option of every choice. Each spec is consistent
// with its data: the batch fits the training set, the output layer fits the classes, explicit
// weights have the network's shapes, rotate only on 2 features, flip/shift only on images,
// early stopping only with a dev set; in the separate form (data.train, train_dev, dev, test)
// each set agrees with the training set and takes from it leave it examples. Deterministic:
// the same seed gives the same specs.

// mulberry32: a small PRNG with a 32-bit state, enough for test data.
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    // a number in [lo, hi] with `digits` decimals, exact in JSON and in the engine's double
    num: (lo, hi, digits = 3) => Number((lo + next() * (hi - lo)).toFixed(digits)),
  };
}

export const SOURCES = ['circles', 'moons', 'xor', 'blobs', 'spiral', 'flower', 'linear', 'plane', 'sine',
  'digits', 'iris', 'wine', 'breast_cancer', 'csv', 'inline'];
export const HIDDEN_ACTIVATIONS = ['relu', 'leaky_relu', 'prelu', 'tanh', 'sigmoid', 'linear'];
export const NORMS = ['none', 'batch', 'layer', 'instance'];
export const INITS = ['zeros', 'random', 'xavier', 'glorot', 'he', 'random_uniform', 'xavier_uniform',
  'glorot_uniform', 'he_uniform', 'identity', 'explicit'];
export const OPTIMIZERS = ['gd', 'momentum', 'rmsprop', 'adam'];
export const SCHEDULES = ['constant', 'inverse_time', 'exponential', 'staircase', 'step_drops'];
export const MISMATCHES = ['none', 'shift', 'rotate', 'noise'];
// 'separate': data names its sets (data.train, train_dev, dev, test) and the spec has no split.
export const SPLIT_FORMS = ['absent', 'ratios', 'partial ratios', 'counts', 'separate'];

// Fixed-size sources: examples, features, classes (0: regression).
const BUILT_IN = { digits: [1797, 64, 10], iris: [150, 4, 3], wine: [178, 13, 3], breast_cancer: [569, 30, 2] };
const TWO_CLASS = new Set(['circles', 'moons', 'xor', 'flower', 'linear']);
const RATIOS = [[0.7, 0.3, 0], [0.6, 0.2, 0.2], [0.8, 0.1, 0.1], [0.5, 0.5, 0], [0.9, 0.05, 0.05], [1, 0, 0],
  [0.98, 0.01, 0.01], [0.5, 0.25, 0.25], [0.6, 0.4, 0]];
const DEFAULT_SPLIT = { train: 0.7, dev: 0.3, test: 0 };

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
// Every class 0..k-1 at least once, then random ones, shuffled.
const labels = (R, m, k) => range(m, (i) => (i < k ? i : R.int(0, k - 1))).sort(() => R.next() - 0.5);

// A small CSV file: a header (one name quoted, with a comma), the label column last or named
// elsewhere, class names as numbers or words, or a numeric target; \n or \r\n line ends.
// like: the shape of the training set's CSV, for a dev/test set that must agree with it (the
// same columns, the label at the same place, its classes among the training set's).
function csvData(R, task, like) {
  const nx = like?.features ?? R.int(1, 4), m = R.int(14, 40);
  const k = task === 'regression' ? 0 : like ? R.int(2, like.classes) : R.int(2, 4);
  const names = like?.names ?? range(nx, (j) => (j === 0 && R.chance(0.3) ? '"len, cm"' : `f${j + 1}`));
  const words = like?.words ?? (R.chance(0.5) ? ['setosa', 'versicolor', 'virginica', 'other'] : ['0', '1', '2', '3']);
  const ys = k ? labels(R, m, k).map((c) => words[c]) : range(m, () => String(R.num(-3, 3, 3)));
  const at = like?.at ?? (R.chance(0.6) ? nx : R.int(0, nx - 1));  // the label column's place
  const row = (cells, y) => [...cells.slice(0, at), y, ...cells.slice(at)].join(',');
  const eol = R.chance(0.3) ? '\r\n' : '\n';
  const lines = [row(names, 'species'), ...ys.map((y) => row(range(nx, () => String(R.num(-5, 5, 3))), y))];
  const data = { source: 'csv', csv: lines.join(eol) + (R.chance(0.5) ? eol : '') };
  if (at !== nx || R.chance(0.3)) data.label = 'species';
  else if (R.chance(0.3)) data.label = '';
  if (task === 'regression' || R.chance(0.5)) data.task = task;
  return { data, m, features: nx, classes: like ? like.classes : k, names, words, at };
}

function inlineData(R, task, like) {
  const nx = like?.features ?? R.int(1, 4), m = R.int(10, 40);
  const k = task === 'regression' ? 0 : like ? R.int(2, like.classes) : R.int(2, 4);
  const data = { source: 'inline', x: range(m, () => range(nx, () => R.num(-2, 2, 3))),
    y: k ? labels(R, m, k) : range(m, () => R.num(-1, 1, 3)) };
  if (task === 'regression' || R.chance(0.5)) data.task = task;
  return { data, m, features: nx, classes: like ? like.classes : k };
}

// { data (as written; undefined when left out), m examples, features, classes, image }
function makeData(R, source) {
  if (source === 'csv' || source === 'inline') {
    const task = R.chance(0.35) ? 'regression' : 'classification';
    return { ...(source === 'csv' ? csvData(R, task) : inlineData(R, task)), image: false };
  }
  if (BUILT_IN[source]) {
    const [m, features, classes] = BUILT_IN[source];
    const data = { source };
    if (R.chance(0.15)) data.samples = R.int(4, 500);  // read and range-checked, not used
    return { data, m, features, classes, image: source === 'digits' };
  }
  const data = { source };
  let classes = TWO_CLASS.has(source) ? 2 : source === 'plane' || source === 'sine' ? 0 : 3;
  if (R.chance(0.7)) data.samples = R.pick([24, 40, 64, 100, 150, 250, 333, 1000]);
  if (R.chance(0.5)) data.noise = R.num(0, 0.6, 2);
  if (R.chance(source === 'circles' ? 0.5 : 0.1)) data.factor = R.num(0.1, 1, 2);
  if (R.chance(classes === 3 ? 0.7 : 0.1)) data.classes = R.int(2, 6);
  if (source === 'blobs' || source === 'spiral') classes = data.classes ?? 3;
  if (R.chance(0.05)) data.task = 'regression';  // read and range-checked, not used
  const out = { data, m: data.samples ?? 400, features: source === 'sine' ? 1 : 2, classes, image: false };
  if (source === 'circles' && R.chance(0.1)) delete out.data;  // the default data set
  return out;
}

// { split (as written), dev, test, train } with the set sizes the engine will make.
function makeSplit(R, form, ctx) {
  const { m } = ctx;
  const split = {};
  let sizes;
  if (form === 'counts') {
    const dev = R.chance(0.8) ? R.int(0, Math.floor(m / 4)) : undefined;
    const test = dev === undefined || R.chance(0.5) ? R.int(0, Math.floor(m / 5)) : undefined;
    if (dev !== undefined) split.dev_count = dev;
    if (test !== undefined) split.test_count = test;
    if (R.chance(0.3)) Object.assign(split, { train: R.num(0.1, 1, 2), dev: R.num(0, 1, 2) });  // ignored
    sizes = [dev ?? 0, test ?? 0];
  } else {
    const [train, dev, test] = form === 'absent' ? [0.7, 0.3, 0] : R.pick(RATIOS);
    if (form !== 'absent') {
      for (const [k, v] of Object.entries({ train, dev, test }))
        if (form === 'ratios' || v !== DEFAULT_SPLIT[k] || R.chance(0.3)) split[k] = v;
    }
    sizes = [Math.round(dev * m), Math.round(test * m)];
  }
  if (ctx.classes > 0 && R.chance(0.3)) split.stratify = R.chance(0.8);
  if (R.chance(0.45)) {
    split.mismatch = R.pick(ctx.features === 2 ? MISMATCHES : MISMATCHES.filter((x) => x !== 'rotate'));
    if (R.chance(0.7)) split.mismatch_amount = R.num(0, 3, 2);
  } else if (R.chance(0.1)) split.mismatch_amount = R.num(0, 100, 1);
  return { split: Object.keys(split).length || form !== 'absent' ? split : undefined,
    dev: sizes[0], test: sizes[1], train: m - sizes[0] - sizes[1] };
}

const TWO_D = ['circles', 'moons', 'xor', 'flower', 'linear'];  // 2 features, 2 classes
const OFFSETS = [0, 1, 2, 17, 999, 1000000];

// A source for dev, test or train_dev that agrees with the training set: the same features,
// classes among its classes (a 2-D two-class generator may be another one: a mismatch).
function setSource(R, source, ctx) {
  let data;
  if (source === 'csv' || source === 'inline') {
    data = (source === 'csv' ? csvData : inlineData)(R, ctx.classes ? 'classification' : 'regression', ctx).data;
  } else if (BUILT_IN[source]) data = { source };
  else {
    data = { source: TWO_D.includes(source) && R.chance(0.4) ? R.pick(TWO_D) : source };
    if (R.chance(0.6)) data.samples = R.pick([8, 24, 60, 100, 250]);
    if (R.chance(0.5)) data.noise = R.num(0, 0.8, 2);
    if (data.source === 'circles' && R.chance(0.4)) data.factor = R.num(0.1, 1, 2);
    if ((source === 'blobs' || source === 'spiral') && (ctx.classes < 3 || R.chance(0.5))) data.classes = R.int(2, ctx.classes);  // default 3
  }
  if (R.chance(0.4)) data.seed_offset = R.pick(OFFSETS);
  return data;
}

// The separate form: { data, dev, test, train } with the set sizes the engine will make.
// train is the source (all of it left out: the default circles); train_dev, dev and test are
// each left out, taken from the training source ({ from: 'train', take }) or a source of their own.
function makeSets(R, source, ctx) {
  const train = { ...(source === 'circles' && R.chance(0.4) ? {} : ctx.data ?? {}) };
  if (R.chance(0.3)) train.seed_offset = R.pick(OFFSETS);
  const data = { train };
  let left = ctx.m;
  const sizes = {};
  for (const key of ['train_dev', 'dev', 'test']) {
    const form = R.pick(key === 'dev' ? ['from', 'source', 'source', 'absent'] : ['from', 'source', 'absent']);
    if (form === 'absent') continue;
    if (form === 'from' && left > 8) {
      const take = R.int(1, Math.floor(left / 4));
      data[key] = R.chance(0.2) ? { take, from: 'train' } : { from: 'train', take };
      left -= take;
      sizes[key] = take;
    } else if (form === 'source') data[key] = setSource(R, source, ctx);
    if (data[key]?.source) sizes[key] = 1;  // some examples; how many does not matter here
  }
  return { data, dev: sizes.dev ?? 0, test: sizes.test ?? 0, train: left };
}

function hiddenLayer(R, ctx) {
  const layer = {};
  const channels = R.int(1, 4);
  const units = R.chance(0.1) ? 1 : channels * R.int(1, ctx.features > 30 ? 4 : 3);
  if (units !== 1 || R.chance(0.5)) layer.units = units;
  const activation = R.chance(0.1) ? 'relu' : R.pick(HIDDEN_ACTIVATIONS);
  if (activation !== 'relu' || R.chance(0.6)) layer.activation = activation;
  const leaky = activation === 'leaky_relu' || activation === 'prelu';
  if (R.chance(leaky ? 0.5 : 0.08)) layer.slope = R.num(-1, 1, 2);  // read for every layer, kept for leaky ones
  if (R.chance(0.3)) layer.keep_prob = R.pick([0.5, 0.8, 0.9, 1]);
  if (R.chance(0.5)) layer.norm = R.pick(NORMS);
  if (R.chance(layer.norm && layer.norm !== 'none' ? 0.5 : 0.05)) layer.channels = R.chance(0.2) ? 0 : units === 1 ? 1 : channels;
  return layer;
}

function outputLayer(R, classes) {
  const layer = classes === 0 ? { activation: 'linear' }
    : classes === 2 && R.chance(0.75) ? { activation: 'sigmoid' } : { units: classes, activation: 'softmax' };
  if (layer.units === undefined && R.chance(0.4)) layer.units = 1;
  if (R.chance(0.2)) Object.assign(layer, { keep_prob: 1, norm: 'none' });
  return layer;
}

// The units of each layer as the engine reads them (the default network when left out).
const unitsOf = (layers) => (layers ?? [{ units: 8 }, { units: 8 }, { units: 1 }]).map((l) => l.units ?? 1);

function makeInit(R, scheme, layers, features) {
  const init = {};
  if (scheme !== 'he' || R.chance(0.4)) init.scheme = scheme;
  if (R.chance(0.4)) init.scale = R.pick([0, 0.01, 0.5, 1, 1.5, 10]);
  if (scheme === 'explicit') {
    let prev = features;
    init.weights = unitsOf(layers).map((n) => {
      const w = { W: range(n, () => range(prev, () => R.num(-1, 1, 3))) };
      if (R.chance(0.5)) w.b = range(n, () => R.num(-0.5, 0.5, 2));
      prev = n;
      return w;
    });
  }
  return Object.keys(init).length ? init : undefined;
}

// Some of the object's keys, each kept with probability p (at least one when `one`).
function some(R, object, p = 0.6, one = true) {
  const entries = Object.entries(object).filter(([, v]) => v !== undefined);
  const kept = entries.filter(() => R.chance(p));
  if (one && !kept.length && entries.length) kept.push(R.pick(entries));
  return kept.length ? Object.fromEntries(kept) : undefined;
}

function makeSchedule(R, name) {
  const schedule = some(R, { decay_rate: R.num(0, 2, 2), k: R.pick([0.5, 0.9, 0.95, 0.99, 1]), time_interval: R.int(1, 10) }, 0.35, false) ?? {};
  if (name !== 'constant' || R.chance(0.5)) schedule.name = name;
  if (R.chance(name === 'step_drops' ? 0.85 : 0.1)) {
    schedule.drops = range(R.int(0, 3), (i) => some(R, { epoch: 2 * i + R.int(1, 3), factor: R.pick([0.1, 0.5, 0.3, 2]) }, 0.8) ?? {});
  }
  return Object.keys(schedule).length ? schedule : undefined;
}

// A batch size the training set takes: left out (32), 0 (the whole set), 50 or 300 when they
// fit, or any size from 1 to the training-set size.
function makeBatch(R, trainSize) {
  const odd = [50, 300].filter((b) => b <= trainSize);
  const choice = R.int(0, 4);
  if (choice === 0 && trainSize >= 32) return undefined;
  if (choice === 1) return 0;
  if (choice === 2 && odd.length) return R.pick(odd);
  return R.int(1, trainSize);
}

// Only what the data needs: an output layer that fits it, a batch the training set takes.
function minimalSpec(R, ctx) {
  const spec = { data: ctx.data ?? { source: 'circles' } };
  if (ctx.classes !== 2 || ctx.image) spec.layers = [outputLayer(R, ctx.classes)];
  if (ctx.m - Math.round(0.3 * ctx.m) < 32) spec.batch_size = 0;
  return spec;
}

// One spec; i cycles the sources, the split forms and every choice so that each is met.
function makeSpec(R, i) {
  const source = SOURCES[i % SOURCES.length];
  const ctx = makeData(R, source);
  if (i % 40 === 39) return minimalSpec(R, ctx);
  const spec = {};
  if (R.chance(0.6)) spec.seed = R.pick([0, 1, 2, 7, 42, 123456, 2 ** 40 + 3, 2 ** 53 - 1]);
  const form = SPLIT_FORMS[Math.floor(i / SOURCES.length) % SPLIT_FORMS.length];
  const sizes = form === 'separate' ? makeSets(R, source, ctx) : makeSplit(R, form, ctx);
  if (form === 'separate') spec.data = sizes.data;
  else if (ctx.data) spec.data = ctx.data;
  if (sizes.split) spec.split = sizes.split;

  const defaultNetworkFits = ctx.classes === 2 && !ctx.image;
  if (!defaultNetworkFits || R.chance(0.85)) {
    const hidden = range(R.int(0, 3), () => hiddenLayer(R, ctx));
    spec.layers = [...hidden, outputLayer(R, ctx.classes)];
  }
  const init = makeInit(R, INITS[i % INITS.length], spec.layers, ctx.features);
  if (init) spec.init = init;
  const regularization = R.chance(0.4) ? some(R, { l2: R.num(0, 1, 3), l1: R.num(0, 0.01, 4) }) : undefined;
  if (regularization) spec.regularization = regularization;
  const name = OPTIMIZERS[i % OPTIMIZERS.length];
  const optimizer = some(R, { learning_rate: R.pick([0.001, 0.01, 0.05, 0.1, 0.3, 1]), beta1: R.num(0, 0.99, 2),
    beta2: R.pick([0, 0.9, 0.99, 0.999]), epsilon: R.pick([1e-8, 1e-6, 1e-4, 1]) }, 0.4, false) ?? {};
  if (name !== 'gd' || R.chance(0.5)) optimizer.name = name;
  if (Object.keys(optimizer).length) spec.optimizer = optimizer;
  const schedule = makeSchedule(R, SCHEDULES[i % SCHEDULES.length]);
  if (schedule) spec.schedule = schedule;

  const overfit = R.chance(0.15) ? R.int(1, ctx.m) : R.chance(0.1) ? 0 : undefined;
  if (overfit !== undefined) spec.overfit_samples = overfit;
  const trainSize = overfit ? Math.min(overfit, sizes.train) : sizes.train;
  const batch = makeBatch(R, trainSize);
  if (batch !== undefined || trainSize < 32) spec.batch_size = batch ?? R.int(1, trainSize);
  if (R.chance(0.8)) spec.epochs = R.int(1, 12);
  if (R.chance(0.4)) spec.normalize = R.chance(0.5);
  const augment = some(R, { jitter: R.num(0, 0.5, 2), flip: ctx.image ? R.chance(0.5) : false,
    shift: ctx.image ? R.int(0, 3) : 0 }, ctx.image ? 0.7 : 0.3);
  if (R.chance(ctx.image ? 0.8 : 0.3) && augment) spec.augment = augment;
  if (R.chance(0.4)) {
    const early = some(R, { enabled: sizes.dev > 0 && R.chance(0.7), monitor: R.pick(['dev_loss', 'dev_error']),
      patience: R.int(1, 50), min_delta: R.pick([0, 1e-4, 0.01]) });
    spec.early_stopping = early;
  }
  if (R.chance(0.3)) spec.bayes_error = R.num(0, 0.3, 3);
  if (R.chance(0.25)) spec.record_every = R.int(0, 20);
  return spec;
}

// count valid specs, from `seed`: [{ name, spec }].
export function generateSpecs(count = 240, seed = 20261215) {
  const R = random(seed);
  return range(count, (i) => {
    const spec = makeSpec(R, i);
    const source = spec.data?.train ? `separate sets, ${spec.data.train.source ?? 'circles'}` : spec.data?.source ?? 'circles';
    return { name: `generated #${i} (${source})`, spec };
  });
}
