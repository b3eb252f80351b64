// The recipe's walk: six steps in order, each a trial or an engine request on the pool's
// workers, each judged by verdicts.js. The page's own run is never touched. The walk reports
// through callbacks and stops at a verdict that says stop, or when cancelled.
import { engineFailure, initialLossVerdict, lrRangeVerdict, overfitVerdict } from './verdicts.js';
import { diagnosisVerdict, refineVerdict, searchVerdict } from './search-verdicts.js';
import {
  REFINE, SEARCH, initialSpec, lrRangeRequest, overfitPlan, planRequest, probeMsPerEpoch, probeSpec, PROBE_EPOCHS,
  readableTrial, refineEpochs, refineSpec, searchEpochs, searchRanges,
} from './plan.js';
import { rankTrials } from './ranking.js';

export const STEPS = [
  { id: 'initial', title: 'Initial loss', what: 'Before any training the loss should be about ln 2 (sigmoid) or ln k (softmax).' },
  { id: 'overfit', title: 'Overfit a small sample', what: 'A few mini-batches, no regularisation, many epochs: the network should reach about 0% training error.' },
  { id: 'lr-range', title: 'Learning-rate range test', what: 'α grows from 1e-5 to 10 over 100 mini-batches; the loss falls fastest at a good rate.' },
  { id: 'search', title: 'Coarse random search', what: `${SEARCH.trials} trials around that rate with a small L2 λ, both on a log scale, short runs.` },
  { id: 'refine', title: 'Refine the best', what: `The best ${REFINE.best} trained ${REFINE.factor}× longer, with early stopping.` },
  { id: 'diagnosis', title: 'Read the curves', what: 'Bias and variance of the best trial, and the next move from the course’s recipe.' },
];

export class Cancelled extends Error {}

// pool: a TrialPool; spec: the playground's spec. hooks: { running(index, note),
// result(index, verdict), cancelled() -> bool }. Resolves { best } (the best refined trial
// row, or null when the walk stopped before it); rejects with Cancelled.
export async function walkRecipe(pool, spec, hooks) {
  const check = () => { if (hooks.cancelled()) throw new Cancelled(); };
  const one = async (trialSpec) => {
    const [result] = await pool.run([{ id: 1, spec: trialSpec }]);
    check();
    return result.answer ? result : { ...result, answer: { ok: false, error: { message: result.error || result.status } } };
  };
  const judge = (index, verdict) => {
    hooks.result(index, verdict);
    return verdict.stop;
  };

  // (1) The initial loss.
  hooks.running(0, 'training the first epochs…');
  if (judge(0, initialLossVerdict((await one(initialSpec(spec))).answer, spec))) return { best: null, stoppedAt: 0 };

  // (2) Overfit a small sample.
  const overfit = overfitPlan(spec);
  hooks.running(1, `training ${overfit.samples} examples for ${overfit.epochs} epochs…`);
  const fit = overfitVerdict((await one(overfit.spec)).answer, overfit, spec);
  if (judge(1, fit)) return { best: null, stoppedAt: 1 };

  // (3) The learning-rate range test.
  hooks.running(2, 'growing α over 100 mini-batches…');
  const range = await pool.request(lrRangeRequest(spec));
  check();
  const rangeVerdict = lrRangeVerdict(range, spec, fit.data);  // its advice follows step 2's numbers
  if (judge(2, rangeVerdict)) return { best: null, stoppedAt: 2 };
  const suggested = rangeVerdict.data.centre;

  // (4) A coarse random search, sized by a timed probe so each trial takes about a second.
  hooks.running(3, `timing ${PROBE_EPOCHS} epochs…`);
  const probe = await one(probeSpec(spec));
  const msPerEpoch = probe.status === 'done' ? probeMsPerEpoch(probe.answer) : 0;
  const coarse = searchEpochs(spec.epochs, msPerEpoch);
  const planned = await pool.request(planRequest(spec, suggested, coarse));
  check();
  if (!planned.ok) {
    judge(3, engineFailure(planned, 'the search plan'));
    return { best: null, stoppedAt: 3 };
  }
  const trials = planned.trials.map((t) => ({ id: t.id, spec: readableTrial(t.spec), values: t.values }));
  const byId = new Map(trials.map((t) => [t.id, t]));
  const progress = (index, label, total) => ({ done, running, failed }) =>
    hooks.running(index, `${label}: ${done + failed} of ${total} trials finished, ${running} running…`);
  hooks.running(3, `searching: 0 of ${trials.length} trials finished…`);
  const searched = await pool.run(trials, { onUpdate: progress(3, 'searching', trials.length) });
  check();
  const ranked = rankTrials(searched, byId);
  const plan = { ranges: searchRanges(suggested), epochs: coarse };
  const found = searchVerdict(searched, ranked, plan);
  if (judge(3, found)) return { best: null, stoppedAt: 3 };

  // (5) Refine the best few for longer, with early stopping.
  const longer = refineEpochs(coarse, msPerEpoch);
  const chosen = ranked.filter((r) => !r.diverged).slice(0, REFINE.best).map((r) => ({ id: r.id, spec: refineSpec(r.spec, longer), values: r.values }));
  hooks.running(4, `refining: 0 of ${chosen.length} trials finished…`);
  const refinedResults = await pool.run(chosen, { onUpdate: progress(4, 'refining', chosen.length) });
  check();
  const refined = rankTrials(refinedResults, new Map(chosen.map((t) => [t.id, t])));
  if (judge(4, refineVerdict(refinedResults, refined, { epochs: longer }, ranked[0]))) return { best: null, stoppedAt: 4 };

  // (6) Read the best curves.
  const best = refined[0];
  judge(5, diagnosisVerdict(best));
  return { best, stoppedAt: null };
}
