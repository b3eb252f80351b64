// The course's next move after a bias/variance diagnosis, made concrete for the spec at
// hand (Ng, "Basic recipe for machine learning"): high avoidable bias first (a bigger
// network, train longer, a better optimizer), then high variance (more data,
// regularisation, data augmentation). Pure.
import { num } from './format.js';
import { dataSize } from './plan.js';

const GENERATED = new Set(['circles', 'moons', 'xor', 'blobs', 'spiral', 'flower', 'linear', 'plane', 'sine']);
const IMAGES = new Set(['digits']);

// What to try when the training error is far above Bayes error.
export function biasMoves(spec) {
  const hidden = (spec.layers || []).slice(0, -1).map((l) => l.units);
  const bigger = hidden.length ? hidden.map((u) => Math.min(1024, u * 2)) : [16];
  const opt = spec.optimizer?.name || 'gd';
  return [
    `a bigger network: hidden layers ${hidden.length ? hidden.join(', ') : 'none'} → ${bigger.join(', ')}${hidden.length < 3 ? ', or one more layer' : ''}`,
    `train longer: ${spec.epochs ?? 300} → ${(spec.epochs ?? 300) * 2} epochs`,
    opt === 'adam' ? 'less regularisation (a smaller L2 λ, keep_prob nearer 1), or another architecture'
      : `another optimizer: Adam (or momentum) instead of ${opt === 'gd' ? 'plain gradient descent' : opt}`,
  ];
}

// What to try when the dev error is far above the training error.
export function varianceMoves(spec) {
  const n = dataSize(spec);
  const l2 = spec.regularization?.l2 ?? 0;
  const data = GENERATED.has(spec.data?.source) && n
    ? `more data: samples ${n} → ${Math.min(100000, n * 2)}`
    : 'more training data';
  const augment = IMAGES.has(spec.data?.source) ? 'data augmentation: flip or shift the images'
    : 'data augmentation: jitter the inputs (e.g. 0.05)';
  return [
    data,
    `more regularisation: L2 λ ${num(l2)} → ${l2 > 0 ? num(l2 * 3) : '0.1'}, or dropout (keep_prob 0.8)`,
    augment,
  ];
}

// { case, moves: [text] } for the engine's diagnosis ({case, avoidable_bias, variance}).
export function nextMoves(diagnosis, spec) {
  const words = String(diagnosis?.case || '');
  const bias = /high bias/.test(words), variance = /high variance/.test(words);
  if (bias && variance) return { case: words, moves: [...biasMoves(spec).map((m) => `first the bias: ${m}`), ...varianceMoves(spec)] };
  if (bias) return { case: words, moves: biasMoves(spec) };
  if (variance) return { case: words, moves: varianceMoves(spec) };
  if (words) return { case: words, moves: ['done: it fits the training set and generalises to the dev set; check it once on the test set'] };
  return { case: '', moves: ['no bias/variance diagnosis (it needs a dev set and a classification): compare the train and dev loss'] };
}
