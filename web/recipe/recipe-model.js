// The training recipe without the page: one walk at a time through the six steps (walk.js)
// on a pool of trial workers of its own, each step's state, the verdicts, the status line,
// the best refined trial and the Apply offer. A counter (walkId) makes an older walk's
// callbacks stale once it is cancelled or replaced. No DOM: the view (recipe-view.js)
// renders the model after each changed().
import { defaultPoolSize, TrialPool } from '../search/pool.js';
import { num, pct } from './format.js';
import { STEPS, walkRecipe } from './walk.js';

export const READY = 'Ready: six steps, a few seconds on the built-in data sets (longer for big networks or many epochs).';

const waiting = () => STEPS.map(() => ({ status: 'waiting' }));

export class RecipeModel {
  // workerUrl: the training worker bundle; makePool(): the walk's TrialPool (tests pass a
  // fake); walk(pool, spec, hooks): the recipe's walk (walk.js).
  constructor({ workerUrl, makePool, walk = walkRecipe }) {
    this.makePool = makePool || (() => new TrialPool({ size: Math.max(2, Math.min(4, defaultPoolSize())), workerUrl }));
    this.walk = walk;
    this.pool = null;
    this.walkId = 0;      // a newer walk makes an older one's callbacks stale
    this.current = -1;    // the step running
    this.running = false;
    this.verdicts = [];   // per step: its verdict (walk.js / verdicts.js), once judged
    this.best = null;     // the best refined trial (ranking.js's row), after a whole walk
    this.steps = waiting();  // per step: { status, note } or { status, verdict }; replaced on change
    this.status = READY;
    this.offer = null;    // the Apply box's text (null hides it)
    this.changed = () => {};
  }

  // changed(): called after every change, to render.
  listen(changed) { this.changed = changed; }

  setStep(index, step) { this.steps[index] = step; }

  skipAfter(index) {
    for (let i = index + 1; i < STEPS.length; i += 1) this.setStep(i, { status: 'skipped' });
  }

  // Walks spec (the playground's) through the recipe; resolves when the walk has ended
  // (done, stopped, failed or cancelled). Does nothing while a walk runs.
  run(spec) {
    if (this.running) return Promise.resolve();
    const id = ++this.walkId;
    const fresh = () => id === this.walkId;
    this.pool ||= this.makePool();
    Object.assign(this, { verdicts: [], best: null, current: -1, steps: waiting(), offer: null, running: true });
    this.changed();
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    return this.walk(this.pool, spec, {
      cancelled: () => !fresh(),
      running: (index, note) => {
        if (!fresh()) return;
        this.current = index;
        this.setStep(index, { status: 'running', note });
        this.status = `Step ${index + 1} of ${STEPS.length} · ${STEPS[index].title}: ${note}`;
        this.changed();
      },
      result: (index, verdict) => {
        if (!fresh()) return;
        this.verdicts[index] = verdict;
        this.setStep(index, { status: verdict.status, verdict });
        this.changed();
      },
    }).then((outcome) => {
      if (fresh()) this.ended(outcome, seconds());
    }, (err) => {
      if (fresh()) this.failed(err);  // a Cancelled walk is stale: cancel() has said so already
    }).finally(() => {
      if (!fresh()) return;
      this.running = false;
      this.changed();
    });
  }

  // The walk's outcome ({ best, stoppedAt }) after s seconds.
  ended({ best, stoppedAt }, s) {
    const counts = ['pass', 'warn', 'fail'].map((status) => this.verdicts.filter((v) => v?.status === status).length);
    const tally = `${counts[0]} passed, ${counts[1]} to check, ${counts[2]} failed`;
    if (stoppedAt !== null) {
      this.skipAfter(stoppedAt);
      this.status = `Stopped at step ${stoppedAt + 1} after ${s} s (${tally}): see what to try there.`;
      return;
    }
    this.best = best;
    this.status = `Done in ${s} s: ${tally}.`;
    const score = best.score.name === 'dev error' ? pct(best.score.value) : num(best.score.value);
    this.offer = `Best trial: α = ${num(best.learningRate)}, L2 λ = ${num(best.l2)}, ${best.spec.epochs} epochs with early stopping; ${best.score.name} ${score}.`;
  }

  // A step threw: it fails with the message, the steps after it are not run.
  failed(err) {
    const index = Math.max(0, this.current);
    this.setStep(index, { status: 'fail', verdict: { status: 'fail', headline: `The step failed: ${err.message || err}`, figures: [],
      advice: ['run the recipe again; if it fails again, please report it'], chart: null } });
    this.skipAfter(index);
    this.status = `The recipe stopped at step ${index + 1}: ${err.message || err}`;
  }

  // Stops the walk now; the steps done so far stay.
  cancel() {
    if (!this.running) return;
    this.walkId += 1;   // the walk's callbacks go stale and it throws Cancelled at its next await
    this.running = false;
    this.pool?.cancel();
    if (this.current >= 0 && !this.verdicts[this.current]) this.setStep(this.current, { status: 'cancelled' });
    this.skipAfter(this.current);
    this.status = `Cancelled during step ${this.current + 1}; the steps done so far are kept.`;
    this.changed();
  }

  // What Apply loads: { spec, note } or null. The spec is the one the best trial trained,
  // whole (the engine's answer for it: the playground's spec with the trial's α and λ).
  application() {
    const { best } = this;
    if (!best) return null;
    return { spec: structuredClone(best.spec), note: `Training recipe: loaded the best trial (α = ${num(best.learningRate)}, L2 λ = ${num(best.l2)}).` };
  }

  // After Apply: the offer says what the playground now has.
  applied() {
    this.offer = `Applied: the playground now has α = ${num(this.best.learningRate)} and L2 λ = ${num(this.best.l2)}. Press Train to run it.`;
    this.changed();
  }

  // Per step: { id, status, headline, data } (null for a step not reached).
  results() {
    return STEPS.map((step, i) => {
      const v = this.verdicts[i];
      return v ? { id: step.id, status: v.status, headline: v.headline, data: v.data } : null;
    });
  }

  // The best refined trial: { learningRate, l2, spec, score } or null.
  bestResult() {
    const { best } = this;
    return best ? { learningRate: best.learningRate, l2: best.l2, spec: best.spec, score: best.score.value } : null;
  }
}
