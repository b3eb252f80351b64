// What a lesson asks the learner to watch, measured on each run's epochs (never a number
// written in the lesson file). Pure.

const last = (epochs) => epochs.at(-1) ?? {};
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–');
const num = (x) => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : '–');

function spread(epochs, n = 1000) {
  const tail = epochs.slice(-Math.min(n, epochs.length - 1)).map((e) => e.train_loss).filter(Number.isFinite);
  if (tail.length < 2) return NaN;
  const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
  return Math.sqrt(tail.reduce((a, b) => a + (b - mean) ** 2, 0) / tail.length);
}

// The geometric mean of the ratio of one hidden layer's activation std to the one before.
function growth(epochs) {
  const layers = last(epochs).layers ?? [];
  const std = layers.slice(0, -1).map((l) => l.act_std).filter((x) => x > 0);
  if (std.length < 2) return NaN;
  return (std.at(-1) / std[0]) ** (1 / (std.length - 1));
}

export const MEASURES = {
  gap: { label: 'Gap between dev and train error', value: (e) => last(e).dev_error - last(e).train_error, format: pct },
  // With a train-dev set (held out of the training data): the course's data mismatch.
  data_mismatch: {
    label: 'Data mismatch (dev − train-dev error)',
    value: (e) => (typeof last(e).train_dev_error === 'number' ? last(e).dev_error - last(e).train_dev_error : NaN),
    format: pct,
  },
  final_loss: { label: 'Training cost at the end', value: (e) => last(e).train_loss, format: num },
  test_error: { label: 'Test error at the end', value: (e) => last(e).test_error, format: pct },
  loss_spread: { label: 'Spread (std) of the training cost over the last 1000 epochs', value: (e) => spread(e), format: num },
  act_std_growth: { label: 'Activation std, from one hidden layer to the next (× per layer)', value: (e) => growth(e), format: (x) => (Number.isFinite(x) ? `× ${num(x)}` : '–') },
};

// A run's figures: { train_error, dev_error, test_error, train_dev_error, train_loss, first_loss,
// measure }; train_dev_error is null or undefined without a train-dev set.
export function figures(measure, epochs) {
  const e = last(epochs);
  const m = MEASURES[measure];
  return { epoch: e.epoch, first_loss: epochs[0]?.train_loss, train_loss: e.train_loss, train_error: e.train_error,
    dev_error: e.dev_error, test_error: e.test_error, train_dev_error: e.train_dev_error, measure: m ? m.value(epochs) : NaN };
}

export const formatPercent = pct;
export const formatNumber = num;
