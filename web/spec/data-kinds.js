// What a data source implies for the network's output layer: how many classes it has, and
// which output layers fit it (sigmoid for two classes, softmax for k, linear for regression).
// Pure; used when a data-set change must adapt the output layer (visibly, with a note).

export const GENERATED = new Set(['circles', 'moons', 'xor', 'blobs', 'spiral', 'flower', 'linear', 'plane', 'sine']);
const FIXED_CLASSES = { circles: 2, moons: 2, xor: 2, flower: 2, linear: 2, digits: 10, iris: 3, wine: 3, breast_cancer: 2 };

// 0 for regression, k for k classes, null when only the file can tell (csv, inline).
export function classCount(given) {
  const data = trainData(given);
  const source = data?.source;
  if (source === 'plane' || source === 'sine') return 0;
  if (source === 'blobs' || source === 'spiral') return data.classes;
  if (source === 'csv' || source === 'inline') return data.task === 'regression' ? 0 : null;
  return FIXED_CLASSES[source] ?? null;
}

export const isRegression = (spec) => classCount(spec.data) === 0 || spec.layers?.at?.(-1)?.activation === 'linear';

export function outputFits(layer, k) {
  if (k === null) return true;
  if (k === 0) return layer.activation === 'linear';
  if (layer.activation === 'softmax') return layer.units === k;
  return k === 2 && layer.activation === 'sigmoid' && layer.units === 1;
}

// The output layer of the given activation for data with k classes (k as classCount says).
export function outputLayer(activation, k, current = {}) {
  let units = 1;
  if (activation === 'softmax') units = k || (current.units >= 2 ? current.units : 2);
  if (activation === 'linear' && current.activation === 'linear') units = current.units ?? 1;
  return { units, activation, keep_prob: 1, norm: 'none' };
}

// The output layer the data needs: the current one when it fits.
export function outputFor(data, current) {
  const k = classCount(data);
  if (current && outputFits(current, k)) return current;
  if (k === 0) return outputLayer('linear', 0, current);
  return outputLayer(k === 2 ? 'sigmoid' : 'softmax', k, current);
}

// --- the two forms of data: one source split by `split`, or separate sets ------------------
// Separate: { train: SOURCE, train_dev?: SET, dev?: SET, test?: SET }, SET a SOURCE or
// { from: 'train', take: N }; the spec then has no `split` (the engine refuses one).
export const SETS = ['train', 'train_dev', 'dev', 'test'];
export const SET_NAMES = { train: 'Train', train_dev: 'Train-dev', dev: 'Dev', test: 'Test' };
export const DEFAULT_SPLIT = Object.freeze({ train: 0.7, dev: 0.3, test: 0, stratify: false, mismatch: 'none', mismatch_amount: 0.5 });

export const isSeparate = (data) => data !== null && typeof data === 'object' && 'train' in data && !('source' in data);
// The source the network is shaped by: the training set's (the data itself when single).
export const trainData = (data) => (isSeparate(data) ? data.train : data);

// The spec with separate sets: the single form's data becomes the training set (a CSV chosen
// stays), split goes. Already separate: unchanged.
export function toSeparate(spec) {
  if (isSeparate(spec.data)) return spec;
  const { split, ...rest } = spec;
  const { source, csv = '', label = '', task = 'classification' } = spec.data;
  const train = source === 'csv' ? { source, csv, label, task } : { source: 'csv', csv: '', label, task };
  return { ...rest, data: { train } };
}

// The single form from separate sets: the training source, split by the default split.
export function toSingle(spec) {
  if (!isSeparate(spec.data)) return spec;
  const { seed_offset, ...train } = spec.data.train;
  return { ...spec, data: train, split: { ...DEFAULT_SPLIT } };
}

// The spec with one set written (undefined removes it); separate form only.
export function withSet(spec, set, value) {
  const data = { ...spec.data };
  if (value === undefined) delete data[set];
  else data[set] = value;
  // In the engine's order: train, train_dev, dev, test.
  return { ...spec, data: Object.fromEntries(SETS.filter((s) => s in data).map((s) => [s, data[s]])) };
}

// Why a CSV data set cannot load yet (no file chosen): { field, message } or null.
export function missingCsv(data) {
  if (data?.source === 'csv' && !data.csv) return { field: 'data.csv', message: 'Choose a CSV file below: the data set "CSV file" needs one.' };
  if (!isSeparate(data)) return null;
  for (const set of SETS) {
    if (data[set]?.source === 'csv' && !data[set].csv)
      return { field: `data.${set}.csv`, message: `Choose the ${set === 'train' ? 'training' : SET_NAMES[set].toLowerCase()} set’s CSV file below: "Separate files" needs one.` };
  }
  return null;
}
