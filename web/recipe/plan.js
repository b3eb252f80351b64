// The recipe's sizes, and the spec or request each step sends, from the playground's spec.
// Pure: no DOM, no workers. The sizes keep every step to seconds on the page's small sets:
//   (1) the first INITIAL_EPOCHS epochs, for the initial loss and its first fall;
//   (2) overfit OVERFIT.batches mini-batches' worth of examples for about OVERFIT.steps steps,
//       with no regularisation, no dropout, no augmentation and a constant alpha;
//   (3) the engine's learning-rate range test over [LR_RANGE.min, LR_RANGE.max];
//   (4) SEARCH.trials random trials, alpha in [suggested / 10, suggested * 3] and the L2
//       lambda in SEARCH.l2, both on a log scale, for a third of the page's epochs at most;
//   (5) the REFINE.best best of them, REFINE.factor times longer, with early stopping.

export const INITIAL_EPOCHS = 10;
export const OVERFIT = { batches: 2, minSamples: 32, maxSamples: 256, steps: 2000, minEpochs: 100, maxEpochs: 5000 };
export const LR_RANGE = { min: 1e-5, max: 10, iterations: 100 };
export const PROBE_EPOCHS = 5;  // timed once before the search, to size it
export const SEARCH = { trials: 10, l2: [1e-3, 1], budgetMs: 1500, maxRate: 10 };  // the page's alpha stops at 10
export const REFINE = { best: 3, factor: 3, budgetMs: 5000 };

const BUILT_IN_SIZES = { digits: 1797, iris: 150, wine: 178, breast_cancer: 569 };
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

// 0.123456 -> 0.123: trial values a person can read, set and share in a link.
export const round3 = (x) => Number(x.toPrecision(3));

// The examples in the whole data set, when the spec says (null for a CSV file).
export function dataSize(spec) {
  const d = spec.data || {};
  if (d.source in BUILT_IN_SIZES) return BUILT_IN_SIZES[d.source];
  if (d.source === 'inline') return Array.isArray(d.x) ? d.x.length : null;
  if (d.source === 'csv') return null;
  return Number.isInteger(d.samples) ? d.samples : 400;
}

// About how many examples train (the engine rounds the split its own way).
export function trainingSize(spec) {
  const n = dataSize(spec);
  if (n === null) return null;
  const s = spec.split || {};
  if (Number.isInteger(s.dev_count) || Number.isInteger(s.test_count)) return n - (s.dev_count || 0) - (s.test_count || 0);
  return Math.round(n * (s.train ?? 0.7));
}

export const hasDevSet = (spec) => (spec.split?.dev_count ?? 0) > 0 || (spec.split?.dev ?? 0.3) > 0;

// (1) The first epochs of the spec as it is.
export function initialSpec(spec) {
  return { ...spec, epochs: Math.min(spec.epochs ?? INITIAL_EPOCHS, INITIAL_EPOCHS), early_stopping: { enabled: false } };
}

// The spec with every regulariser off, so nothing holds the fit back.
export function unregularised(spec) {
  const layers = (spec.layers || []).map((layer, i, all) => (i < all.length - 1 ? { ...layer, keep_prob: 1 } : { ...layer }));
  return {
    ...spec,
    layers,
    regularization: { l2: 0, l1: 0 },
    augment: { jitter: 0, flip: false, shift: 0 },
    schedule: { name: 'constant' },
    early_stopping: { enabled: false },
  };
}

// (2) A few mini-batches' worth of examples, trained for about OVERFIT.steps steps.
// Returns { spec, samples, epochs, batch }.
export function overfitPlan(spec) {
  const batch = spec.batch_size ?? 32;  // 0: the whole (small) training set at once
  const train = trainingSize(spec);
  let samples = clamp(OVERFIT.batches * (batch || 32), OVERFIT.minSamples, OVERFIT.maxSamples);
  if (train !== null) samples = Math.max(1, Math.min(samples, train));
  const size = batch === 0 ? samples : Math.min(batch, samples);
  const stepsPerEpoch = Math.ceil(samples / size);
  const epochs = clamp(Math.ceil(OVERFIT.steps / stepsPerEpoch), OVERFIT.minEpochs, OVERFIT.maxEpochs);
  return {
    spec: { ...unregularised(spec), overfit_samples: samples, batch_size: batch === 0 ? 0 : size, epochs },
    samples, epochs, batch: size,
  };
}

// (3) The engine's learning-rate range test on the spec as it is.
export function lrRangeRequest(spec) {
  return { kind: 'lr_range', spec: { ...spec, early_stopping: { enabled: false } }, ...LR_RANGE };
}

// Timed once (PROBE_EPOCHS epochs) to size the search and the refinement.
export function probeSpec(spec) {
  return { ...spec, epochs: Math.min(spec.epochs ?? PROBE_EPOCHS, PROBE_EPOCHS), early_stopping: { enabled: false } };
}

// The probe's training time per epoch (its answer's train_ms: the training alone, so a slow
// message or the data's making does not shrink the search); 0 when it trained no epoch.
export function probeMsPerEpoch(answer) {
  const trained = Math.max(0, (answer.epochs?.length ?? 0) - 1);  // epochs[0] is before training
  return trained > 0 && answer.train_ms > 0 ? answer.train_ms / trained : 0;
}

// Epochs per search trial: a third of the page's epochs, within SEARCH.budgetMs a trial.
export function searchEpochs(specEpochs, msPerEpoch) {
  const coarse = Math.max(1, Math.ceil((specEpochs || 300) / 3));
  const affordable = msPerEpoch > 0 ? Math.floor(SEARCH.budgetMs / msPerEpoch) : coarse;
  return Math.max(1, Math.min(coarse, affordable));
}

// Epochs per refined trial: REFINE.factor times the search's, within REFINE.budgetMs.
export function refineEpochs(coarseEpochs, msPerEpoch) {
  const longer = coarseEpochs * REFINE.factor;
  const affordable = msPerEpoch > 0 ? Math.floor(REFINE.budgetMs / msPerEpoch) : longer;
  return Math.max(coarseEpochs + 1, Math.min(longer, affordable));
}

// (4) The ranges around the suggested rate, on a log scale.
export function searchRanges(suggested) {
  const max = Math.min(SEARCH.maxRate, suggested * 3);
  const min = Math.min(suggested / 10, max / 30);
  return { learning_rate: [round3(min), round3(max)], l2: SEARCH.l2 };
}

export function planRequest(spec, suggested, epochs) {
  const ranges = searchRanges(suggested);
  return {
    kind: 'plan',
    base: { ...spec, epochs, early_stopping: { enabled: false } },
    method: 'random',
    trials: SEARCH.trials,
    seed: spec.seed ?? 1,
    params: [
      { name: 'learning_rate', min: ranges.learning_rate[0], max: ranges.learning_rate[1], scale: 'log' },
      { name: 'l2', min: ranges.l2[0], max: ranges.l2[1], scale: 'log' },
    ],
  };
}

// A trial's spec with its alpha and lambda to three significant digits, so the spec that
// trains is the one Apply loads (the page's controls show three digits).
export function readableTrial(spec) {
  const out = structuredClone(spec);
  if (out.optimizer?.learning_rate > 0) out.optimizer.learning_rate = round3(out.optimizer.learning_rate);
  if (out.regularization?.l2 > 0) out.regularization.l2 = round3(out.regularization.l2);
  return out;
}

// (5) The spec trained longer, with early stopping on the dev loss when there is a dev set.
export function refineSpec(spec, epochs) {
  const dev = hasDevSet(spec);
  return {
    ...spec,
    epochs,
    early_stopping: dev ? { enabled: true, monitor: 'dev_loss', patience: Math.max(10, Math.round(epochs / 10)), min_delta: 0 }
      : { enabled: false },
  };
}
