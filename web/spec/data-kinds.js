// What a data source implies for the network's output layer: how many classes it has, and
// which output layers fit it (sigmoid for two classes, softmax for k, linear for regression).
// Pure; used when a data-set change must adapt the output layer (visibly, with a note).

export const GENERATED = new Set(['circles', 'moons', 'xor', 'blobs', 'spiral', 'flower', 'linear', 'plane', 'sine']);
const FIXED_CLASSES = { circles: 2, moons: 2, xor: 2, flower: 2, linear: 2, digits: 10, iris: 3, wine: 3, breast_cancer: 2 };

// 0 for regression, k for k classes, null when only the file can tell (csv, inline).
export function classCount(data) {
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
