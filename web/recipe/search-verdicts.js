// The verdicts of the search steps (4: coarse random search, 5: refine the best, 6: read the
// best curves), in the shape verdicts.js describes. Pure.
import { isFiniteNumber, num, pct, readNumber } from './format.js';
import { nextMoves } from './next-move.js';
import { atEdge } from './ranking.js';
import { COLOURS } from './verdicts.js';

const fig = (label, value) => ({ label, value });
const scoreText = (row) => (row.score.name === 'dev error' ? pct(row.score.value) : num(row.score.value));
const describe = (row) => `α = ${num(row.learningRate)}, λ = ${num(row.l2)}`;
const curve = (epochs, key) => epochs.map((e) => ({ x: e.epoch, y: readNumber(e[key]) })).filter((p) => Number.isFinite(p.y));

// A run of trials failed as a whole: say why from the first failure.
function noneDone(results, what) {
  const failed = results.find((r) => r.status === 'failed');
  const why = failed ? failed.error : results.some((r) => r.status === 'cancelled') ? 'cancelled' : 'no trial ran';
  return { status: 'fail', headline: `No ${what} trial finished: ${why}.`, figures: [], stop: true, chart: null, data: { done: 0 },
    advice: ['check the playground\'s settings (the engine\'s message names the field), then run the recipe again'] };
}

// (4) results: the pool's; ranked: ranking.js's rankTrials; plan: { ranges, epochs, trials }.
export function searchVerdict(results, ranked, plan) {
  if (!ranked.length) return noneDone(results, 'search');
  const best = ranked[0];
  const diverged = ranked.filter((r) => r.diverged).length;
  const done = ranked.length, total = results.length;
  const [lrLo, lrHi] = plan.ranges.learning_rate, [l2Lo, l2Hi] = plan.ranges.l2;
  const figures = [fig('Trials done', `${done} of ${total}${diverged ? ` (${diverged} diverged)` : ''}, ${plan.epochs} epochs each`),
    fig('α range (log scale)', `${num(lrLo)} to ${num(lrHi)}`), fig('L2 λ range (log scale)', `${num(l2Lo)} to ${num(l2Hi)}`),
    fig(`Best ${best.score.name}`, `${scoreText(best)} at ${describe(best)}`)];
  const top = new Set(ranked.slice(0, 3).map((r) => r.id));
  const point = (r) => ({ x: r.learningRate, y: r.score.value, id: r.id, l2: r.l2 });
  const usable = ranked.filter((r) => !r.diverged && isFiniteNumber(r.score.value));
  const chart = {
    x: { title: 'Learning rate α (log scale)', log: true, min: lrLo, max: lrHi },
    y: { title: best.score.name === 'dev error' ? 'Dev error' : 'Dev loss', percent: best.score.name === 'dev error' },
    series: [
      { label: 'Trials', points: usable.filter((r) => !top.has(r.id)).map(point), colour: COLOURS.faint, scatter: true },
      { label: 'Best 3', points: usable.filter((r) => top.has(r.id)).map(point), colour: COLOURS.good, scatter: true },
    ],
  };
  const advice = [];
  if (atEdge(best.learningRate, lrLo, lrHi)) advice.push('the best α sits at the edge of its range: a wider range might do better');
  if (atEdge(best.l2, l2Lo, l2Hi)) advice.push('the best λ sits at the edge of its range');
  // Chance: always guessing gets 1 - 1/k of k classes wrong (a sigmoid output: 2 classes).
  const units = best.spec.layers?.at(-1)?.units ?? 1;
  const chance = 1 - 1 / Math.max(2, units);
  const guessing = best.score.name === 'dev error' && best.score.value > 0.8 * chance;
  if (guessing) advice.unshift(`the best is barely better than guessing (${pct(chance)} error): go back to steps 1 and 2`);
  const enough = done >= Math.ceil(total / 2) && isFiniteNumber(best.score.value) && !best.diverged && !guessing;
  return {
    status: enough ? 'pass' : 'warn',
    headline: `${done} of ${total} trials done; the best reaches ${scoreText(best)} ${best.score.name} at ${describe(best)}.`,
    figures, advice: enough || guessing ? advice : ['many trials failed or diverged: narrow the α range below the suggestion', ...advice],
    stop: !isFiniteNumber(best.score.value), chart,
    data: { done, total, diverged, best: { id: best.id, learningRate: best.learningRate, l2: best.l2, score: best.score.value } },
  };
}

// (5) The best few trained longer with early stopping. searchBest: the search's best row.
export function refineVerdict(results, ranked, plan, searchBest) {
  if (!ranked.length) return noneDone(results, 'refined');
  const best = ranked[0];
  const figures = [fig('Epochs', `up to ${plan.epochs}, early stopping on the dev loss`)];
  for (const r of ranked) {
    const stop = r.summary.best_epoch !== null && r.summary.best_epoch !== undefined ? `, best epoch ${r.summary.best_epoch}` : '';
    figures.push(fig(`Trial ${r.id}: ${describe(r)}`, `${scoreText(r)}${stop}`));
  }
  const key = best.score.name === 'dev error' ? 'dev_error' : 'dev_loss';
  const chart = {
    x: { title: 'Epoch' }, y: { title: best.score.name === 'dev error' ? 'Dev error' : 'Dev loss', percent: key === 'dev_error' },
    series: ranked.map((r, i) => ({ label: `Trial ${r.id}`, points: curve(r.answer.epochs || [], key), colour: COLOURS.others[i % 3] })),
  };
  const before = searchBest?.score.value;
  const better = isFiniteNumber(before) && best.score.value <= before;
  return {
    status: isFiniteNumber(best.score.value) && !best.diverged ? 'pass' : 'warn',
    headline: `Trained longer, the best is trial ${best.id} (${describe(best)}): ${scoreText(best)} ${best.score.name}`
      + (isFiniteNumber(before) ? `, ${better ? 'down from' : 'against'} ${searchBest.score.name === 'dev error' ? pct(before) : num(before)} in the search.` : '.'),
    figures, advice: [], stop: false, chart,
    data: { done: ranked.length, best: { id: best.id, learningRate: best.learningRate, l2: best.l2, score: best.score.value } },
  };
}

// (6) Bias and variance of the best refined trial, with the course's next move.
export function diagnosisVerdict(best) {
  const s = best.summary;
  const d = s.diagnosis || {};
  const bayes = readNumber(d.bayes_error), bias = readNumber(d.avoidable_bias), variance = readNumber(d.variance);
  const next = nextMoves(isFiniteNumber(bias) && isFiniteNumber(variance) ? d : null, best.spec);
  const epochs = best.answer.epochs || [];
  const bayesLine = epochs.length && isFiniteNumber(bayes) ? [{ x: 0, y: bayes }, { x: epochs.at(-1).epoch, y: bayes }] : [];
  const chart = {
    x: { title: 'Epoch' }, y: { title: 'Error', percent: true },
    series: [{ label: 'Train error', points: curve(epochs, 'train_error'), colour: COLOURS.train },
      { label: 'Dev error', points: curve(epochs, 'dev_error'), colour: COLOURS.dev },
      { label: 'Bayes error', points: bayesLine, colour: COLOURS.mark, dashed: true }],
  };
  const data = { case: next.case, trainError: best.trainError, devError: best.devError, bias, variance };
  if (!next.case) {
    return { status: 'info', headline: 'No bias/variance diagnosis: it needs the train and dev error of a classification.',
      figures: [fig('Train loss', num(readNumber(s.train_loss))), fig('Dev loss', num(readNumber(s.dev_loss)))], advice: next.moves, stop: false, chart, data };
  }
  const figures = [fig('Bayes (human-level) error', pct(bayes)), fig('Train error', pct(best.trainError)), fig('Dev error', pct(best.devError)),
    fig('Avoidable bias (train − Bayes)', pct(bias)), fig('Variance (dev − train)', pct(variance))];
  const fine = next.case === 'low bias and low variance';
  const why = [];
  if (/high bias/.test(next.case)) why.push(`the training error is ${(bias * 100).toFixed(1)} points above Bayes error`);
  if (/high variance/.test(next.case)) why.push(`the dev error is ${(variance * 100).toFixed(1)} points above the training error`);
  return {
    status: fine ? 'pass' : 'warn',
    headline: fine ? `Diagnosis: ${next.case}. Train ${pct(best.trainError)} and dev ${pct(best.devError)} error are within 2 points of Bayes error and of each other.`
      : `Diagnosis: ${next.case}: ${why.join(', and ')}.`,
    figures, advice: next.moves, stop: false, chart, data,
  };
}
