// What the Per layer card shows by depth, as data: one statistic of every layer at one epoch
// (x: the layer, 1 = the first hidden layer, L = the output layer), the factor by which it
// grows from layer to layer, the view and statistic a run opens with, and why a view has
// nothing to draw. Pure.
import { formatNumber, readValue } from './chart-base.js';

// How a caption names each statistic.
const WORDS = {
  grad_norm: 'gradient norm ‖dW‖', weight_norm: 'weight norm ‖W‖', act_std: 'activation std',
  act_mean: 'activation mean', saturated: 'share of saturated units', dead: 'share of dead units',
};

// `stat` of every layer of an epoch record: [{ x: layer, y, raw }]; y is null where the value
// cannot be drawn (∞ or NaN, or 0 and below on a log axis), raw is the value as recorded.
export function depthPoints(record, stat, log) {
  const layers = Array.isArray(record?.layers) ? record.layers : [];
  return layers.map((l, i) => {
    const raw = readValue(l?.[stat]) ?? null;
    const drawn = Number.isFinite(raw) && !(log && raw <= 0);
    return { x: i + 1, y: drawn ? raw : null, raw };
  });
}

// The factor by which the statistic is multiplied per layer, from the first hidden layer to
// the last (the output layer is left out: its activation is another), as the geometric mean
// of the layer-to-layer ratios: { factor, from, to } (from, to: points), or null with fewer
// than two hidden layers or a value that is not above 0 at either end.
export function growthPerLayer(points) {
  if (points.length < 3) return null;
  const from = points[0];
  const to = points.at(-2);
  if (!(from.y > 0) || !(to.y > 0)) return null;
  return { factor: (to.y / from.y) ** (1 / (to.x - from.x)), from, to };
}

// The caption by depth: "At epoch 1, the activation std is multiplied by about 1.5 per layer,
// from 0.81 at layer 1 to 235 at layer 15." ('' when growthPerLayer has nothing to say).
export function growthText(stat, points, epoch) {
  const g = growthPerLayer(points);
  if (!g) return '';
  const ends = `from ${formatNumber(g.from.y)} at layer ${g.from.x} to ${formatNumber(g.to.y)} at layer ${g.to.x}`;
  if (g.factor > 0.95 && g.factor < 1.05) {
    return `At epoch ${epoch}, the ${WORDS[stat]} stays about level (× ${formatNumber(g.factor)} per layer), ${ends}.`;
  }
  return `At epoch ${epoch}, the ${WORDS[stat]} is multiplied by about ${Number(g.factor.toPrecision(2))} per layer, ${ends}.`;
}

// The view a run opens in: by depth when it trains one epoch (over the epochs, each layer
// would be a point or two), else the learner's choice, else over the epochs.
export function openingView(runEpochs, chosen) {
  return runEpochs <= 1 ? 'depth' : chosen ?? 'epochs';
}

// The statistic a run opens with: the learner's choice, else the activations' spread for a
// one-epoch run (the vanishing/exploding lesson's), else the gradient norms.
export function openingStat(runEpochs, chosen) {
  return chosen ?? (runEpochs <= 1 ? 'act_std' : 'grad_norm');
}

// Why a view has nothing to draw, or ''. records: epoch records with layer statistics so far;
// points: depthPoints of `epoch`, the epoch shown by depth.
export function emptyReason({ view, records, points, stat, log, epoch }) {
  if (records === 0) return 'No per-layer statistics yet: they come with the network’s first record, as soon as the run is loaded.';
  if (view === 'epochs' && records < 2) {
    return 'Over the epochs, each layer’s line starts with the second record: train for an epoch or more. '
      + '“By depth” shows every layer now.';
  }
  if (view !== 'depth' || points.some((p) => p.y !== null)) return '';
  if (!points.length) return 'This network reported no layers.';
  if (points.every((p) => p.raw === 0)) {
    return stat === 'grad_norm' ? `No gradient yet at epoch ${epoch}: the first comes with the first mini-batch trained.`
      : `The ${WORDS[stat]} is 0 in every layer at epoch ${epoch}.`;
  }
  return log
    ? `No layer has a ${WORDS[stat]} above 0 and finite to draw on a log axis (∞ or NaN: the run diverged).`
    : `No layer has a finite ${WORDS[stat]} (∞ or NaN: the run diverged).`;
}
