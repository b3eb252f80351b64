// How trials compare: by dev error, then dev loss; a trial without a dev error (a
// regression, or no dev set) by its dev loss, else its training loss. Diverged and failed
// trials come last. Pure.
import { errorOf, isFiniteNumber, readNumber } from './format.js';

// What a finished trial's summary scores: { value, name } (lower is better).
export function scoreOf(summary) {
  const dev = errorOf(summary?.dev_accuracy);
  if (isFiniteNumber(dev)) return { value: dev, name: 'dev error' };
  const devLoss = readNumber(summary?.dev_loss);
  if (isFiniteNumber(devLoss)) return { value: devLoss, name: 'dev loss' };
  return { value: readNumber(summary?.train_loss), name: 'train loss' };
}

// results: the pool's [{ id, status, answer, ms }]; specs: id -> { spec, values } of the plan.
// Returns the done trials, best first: [{ id, spec, values, answer, summary, score, diverged,
// trainError, devError, devLoss, learningRate, l2 }].
export function rankTrials(results, specs = new Map()) {
  const rows = results.filter((r) => r.status === 'done' && r.answer?.ok).map((r) => {
    const summary = r.answer.summary || {};
    const spec = r.answer.spec || specs.get(r.id)?.spec || {};
    return {
      id: r.id,
      spec,
      values: specs.get(r.id)?.values || {},
      answer: r.answer,
      summary,
      ms: r.ms,
      score: scoreOf(summary),
      diverged: summary.stopped === 'diverged',
      trainError: errorOf(summary.train_accuracy),
      devError: errorOf(summary.dev_accuracy),
      devLoss: readNumber(summary.dev_loss),
      learningRate: spec.optimizer?.learning_rate,
      l2: spec.regularization?.l2 ?? 0,
    };
  });
  const key = (row) => (row.diverged || !isFiniteNumber(row.score.value) ? Infinity : row.score.value);
  return rows.sort((a, b) => key(a) - key(b)
    || (isFiniteNumber(a.devLoss) ? a.devLoss : Infinity) - (isFiniteNumber(b.devLoss) ? b.devLoss : Infinity));
}

// True when x sits in the outer tenth of [lo, hi] on a log scale.
export function atEdge(x, lo, hi) {
  if (!(x > 0 && lo > 0 && hi > lo)) return false;
  const t = (Math.log(x) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
  return t < 0.1 || t > 0.9;
}
