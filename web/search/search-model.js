// The hyperparameter search without the page: the rows of every round's trials, the rounds,
// the latest round's counts, the best trial, the status line and the errors, and the talk
// with the pool of trial workers (plan a round, train it, narrow the ranges, rank). A counter
// (generation) makes the continuations of a cancelled or replaced search stale: they return
// without touching anything. Collected results (import.js) can take the rows' place: they
// are ranked as a search's are, and Apply best loads their best trial. No DOM: the view
// (search-view.js) renders the model after each changed() and answers its other hooks.
import { edgeHints } from './edges.js';
import { explainedRows } from './explained.js';
import { TrialPool } from './pool.js';
import { bestRow, describeValues, importedText, makeRow, metricText, progressText } from './results.js';

const STATUSES = ['done', 'running', 'queued', 'failed', 'cancelled'];
const FINISHED = new Set(['done', 'failed', 'cancelled', 'missing']);

// { done, running, queued, failed, cancelled }: how many rows have each status; missing too
// when some are (imported results: trials a cluster never ran).
export function countRows(rows) {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
  const missing = rows.filter((r) => r.status === 'missing').length;
  return missing ? { ...counts, missing } : counts;
}

// The page's experiment as every trial of the search trains it: epochs and early stopping
// set, every other field of the spec kept.
export function searchBase(spec, { epochs, early }) {
  const base = structuredClone(spec);
  base.epochs = epochs;
  base.early_stopping = { ...(base.early_stopping || {}), enabled: early };
  return base;
}

// "Round 2: 8 trials in 3.1 s on 2 workers (155 trials/min). "
function paceText({ round, workers, seconds }, trials) {
  return `Round ${round}: ${trials} trials in ${seconds.toFixed(1)} s on ${workers} worker${workers > 1 ? 's' : ''} `
    + `(${Math.round((trials / seconds) * 60)} trials/min). `;
}

// A row as tests and the console read it.
const copyRow = (row) => ({ round: row.round, trial: row.number, id: row.id, values: { ...row.values }, status: row.status,
  train_error: row.train_error, dev_error: row.dev_error, dev_loss: row.dev_loss, epochs: row.epochs, ms: row.ms, error: row.error });

export class SearchModel {
  // workerUrl: the training worker bundle; makePool(size): a TrialPool of that size (tests
  // pass a fake with the same request/run/cancel/dispose).
  constructor({ workerUrl, makePool = (size) => new TrialPool({ size, workerUrl }) }) {
    this.makePool = makePool;
    this.pool = null;
    this.rows = [];        // every trial of every round (results.js rows)
    this.rounds = [];      // [{ round, params, method, trials, workers, seconds }]
    this.config = null;    // the settings the search started with (its rounds share them)
    this.base = null;      // the spec every trial starts from
    this.busy = false;
    this.generation = 0;   // a new search or a cancel makes older continuations stale
    this.counts = countRows([]);
    this.status = 'Pick the hyperparameters and their ranges, then Run search.';
    this.error = '';       // the error box's text ('' hides it)
    this.lastError = null; // the last error said, in the box or beside a control
    this.ranking = null;   // which hyperparameters mattered: { message } or { ranking, trials }
    this.imported = null;  // the rows came from a file: { name, kind: 'json' | 'csv', trials }
    this.hooks = { changed() {}, besideControl: () => false, narrowed() {} };
  }

  // hooks: { changed() (render), besideControl(engineError) -> true when shown beside the
  // control it names, narrowed(params) (a refinement's new ranges) }.
  listen(hooks) { Object.assign(this.hooks, hooks); }
  changed() { this.hooks.changed(); }
  stale(gen) { return gen !== this.generation; }

  names() { return (this.rounds[0]?.params ?? []).map((p) => p.name); }
  best() { return bestRow(this.rows); }
  finished() { return this.rows.filter((r) => FINISHED.has(r.status)).length; }
  progressLine() { return progressText(this.counts, this.best(), this.names()); }

  say(text) {
    this.status = text;
    this.changed();
  }

  showError(text) {
    this.error = text || '';
    this.lastError = text || null;
    this.changed();
  }

  // An engine error: beside its control when it names a parameter, else in the box.
  engineError(what, error) {
    if (this.hooks.besideControl(error)) this.lastError = error.message;
    else this.showError(`${what}: ${error.message}${error.field ? ` (field ${error.field})` : ''}`);
  }

  poolOf(size) {
    if (!this.pool || this.pool.size !== size) {
      this.pool?.dispose();
      this.pool = this.makePool(size);
    }
    return this.pool;
  }

  // A new search from spec (the playground's experiment). config: the form's settings,
  // { params, method, trials, gridPoints, epochs, early, workers }. Resolves true when its
  // first round ran to the end (or was cancelled), false when it did not run or went stale.
  async start(config, spec) {
    this.generation += 1;
    this.config = config;
    this.imported = null;
    this.base = searchBase(spec, config);
    this.rows = [];
    this.rounds = [];
    this.ranking = { message: 'Ranking after the search…' };
    return this.runRound(config.params);
  }

  // Coarse to fine: narrows the last round's ranges around the k best trials (the engine's
  // zoom) and runs another round over them.
  async refine(k) {
    const gen = ++this.generation;
    this.busy = true;
    this.say(`Narrowing the ranges around the best ${k} trial${k > 1 ? 's' : ''}…`);
    const zoom = await this.poolOf(this.config.workers).request({ kind: 'zoom', params: this.rounds.at(-1).params, results: this.scored(), best: k });
    if (this.stale(gen)) return false;
    this.busy = false;
    if (!zoom.ok) {
      this.engineError('The ranges could not be narrowed', zoom.error);
      this.say('The refinement did not start.');
      return false;
    }
    this.hooks.narrowed(zoom.params);
    return this.runRound(zoom.params);
  }

  // Stops every worker now; the trials finished so far are kept, the others cancelled.
  cancel() {
    if (!this.busy) return;
    this.generation += 1;
    this.pool?.cancel();
    this.busy = false;
    this.rows = this.rows.map((r) => (r.status === 'queued' || r.status === 'running' ? { ...r, status: 'cancelled' } : r));
    this.counts = countRows(this.rows.filter((r) => r.round === this.rounds.length));
    this.say(`Cancelled. ${this.progressLine()}`);
    if (this.rounds.length) this.rank(this.generation);
  }

  // Plans one round over params and trains it. Resolves false if it did not run.
  async runRound(params) {
    const gen = this.generation;
    const { workers, method, trials, gridPoints } = this.config;
    this.busy = true;
    this.say(`Planning round ${this.rounds.length + 1}…`);
    const plan = await this.poolOf(workers).request({ kind: 'plan', base: this.base, method, trials, grid_points: gridPoints,
      seed: this.rounds.length + 1, params });
    if (this.stale(gen)) return false;
    if (!plan.ok) {
      this.busy = false;
      this.engineError('The search could not be planned', plan.error);
      this.say('The search did not start.');
      return false;
    }
    const record = { round: this.rounds.length + 1, params: plan.params, method, trials: plan.trials.length, workers, seconds: null };
    this.rounds.push(record);
    if (!await this.train(record, plan.trials, gen)) return false;
    await this.rank(gen);
    return true;
  }

  // Trains a planned round's trials ({ id, values, spec }: the spec complete, as planned from
  // the base) on the pool, row by row as they start and finish. Resolves false when stale.
  async train(record, trials, gen) {
    const first = this.rows.length;
    const planned = trials.map((t, i) => makeRow(record.round, first + i + 1, t, null));
    this.rows.push(...planned);
    const started = performance.now();
    const onUpdate = ({ result, ...counts }) => {
      if (this.stale(gen)) return;
      this.counts = counts;
      // Trials start in order: the first (total - queued) have started.
      const begun = planned.length - counts.queued;
      planned.forEach((row, i) => {
        const at = first + i;
        if (result && row.id === result.id && this.rows[at].status !== 'done') this.rows[at] = makeRow(record.round, row.number, trials[i], result);
        else if (i < begun && this.rows[at].status === 'queued') this.rows[at] = { ...this.rows[at], status: 'running' };
      });
      this.say(this.progressLine());
    };
    const answers = await this.pool.run(trials.map((t) => ({ id: t.id, spec: t.spec })), { onUpdate });
    if (this.stale(gen)) return false;
    answers.forEach((result, i) => { this.rows[first + i] = makeRow(record.round, planned[i].number, trials[i], result); });
    this.busy = false;
    record.seconds = (performance.now() - started) / 1000;
    this.counts = countRows(this.rows.slice(first));
    const failed = answers.find((r) => r.status === 'failed');
    if (failed) this.showError(`${this.counts.failed} trial${this.counts.failed > 1 ? 's' : ''} failed; the first: ${failed.error}`);
    this.say((this.counts.cancelled ? 'Cancelled. ' : paceText(record, answers.length)) + this.progressLine());
    return true;
  }

  // The sensitivity ranking over every finished trial (the first round's ranges).
  async rank(gen) {
    const finished = this.scored();
    if (finished.length < 3) {
      this.ranking = { message: 'At least 3 finished trials are needed to tell which hyperparameters mattered.' };
      this.changed();
      return;
    }
    const pool = this.pool ?? this.poolOf(1);  // imported results may come before any search
    const answer = await pool.request({ kind: 'sensitivity', params: this.rounds[0].params, results: finished });
    if (this.stale(gen)) return;
    // The trials the engine ranked (those with a dev error), and how many values each took.
    const used = finished.filter((r) => r.dev_error !== null);
    const distinct = Object.fromEntries(this.rounds[0].params.map(({ name }) => [name, new Set(used.map((r) => r.values?.[name])).size]));
    this.ranking = answer.ok ? { ranking: answer.ranking, trials: answer.trials_used ?? used.length, distinct }
      : { message: `The ranking could not be computed: ${answer.error.message}` };
    this.changed();
  }

  // Finished trials as the engine's search helpers take them (null: diverged, no dev set);
  // a regression has no error, so its dev loss ranks it.
  scored() {
    const finite = (v) => (Number.isFinite(v) ? v : null);
    const regression = !this.rows.some((r) => r.status === 'done' && Number.isFinite(r.dev_error));
    return this.rows.filter((r) => r.status === 'done')
      .map((r) => ({ values: r.values, dev_error: finite(regression ? r.dev_loss : r.dev_error), dev_loss: finite(r.dev_loss) }));
  }

  // What Apply best loads: { spec, note } or null. The spec is the one the best trial
  // trained, whole: the playground's spec with the trial's values written in by the plan.
  bestApplication() {
    const b = this.best();
    if (!b) return null;
    const metric = metricText(b);
    return {
      spec: structuredClone(b.spec),
      note: `Applied the best search trial (round ${b.round}, trial ${b.number}, ${metric}): ${describeValues(b.values, this.names())}; ${b.spec.epochs} epochs, as the search trained it.`,
    };
  }

  // Collected results in place of the card's rows: imported is import.js's { rows, rounds,
  // source }. A running search is cancelled first; the ranking is the engine's, as after a
  // search, over the file's ranges. Resolves when ranked (false if replaced meanwhile).
  async importResults({ rows, rounds, source }) {
    this.cancel();
    const gen = ++this.generation;
    Object.assign(this, { config: null, base: null, rows, rounds, imported: { name: source.name, kind: source.kind, trials: rows.length } });
    this.counts = countRows(rows);
    this.error = '';
    this.lastError = null;
    this.ranking = { message: 'Ranking the imported trials…' };
    this.say(importedText(this.counts, rows, rounds, source.name, this.best(), this.names()));
    await this.rank(gen);
    return !this.stale(gen);
  }

  // What Apply best loads after an import: { spec, note } or null. The best trial's spec as
  // the file gives it (results.json); without one (results.csv), the engine writes its values
  // into base (the playground's spec) as a plan of that one trial. An engine refusal goes to
  // the error box, and null comes back.
  async importedApplication(base) {
    const b = this.best();
    if (!b || !this.imported) return null;
    const { name } = this.imported;
    const where = `${this.rounds.length > 1 ? `round ${b.round}, ` : ''}trial ${b.number} of ${name}`;
    const head = `Applied the best imported trial (${where}, ${metricText(b)}): ${describeValues(b.values, this.names())}`;
    if (b.spec) {
      const epochs = Number.isInteger(b.spec.epochs) ? `, ${b.spec.epochs} epochs` : '';
      return { spec: structuredClone(b.spec), note: `${head}; the trial’s own spec from ${name}${epochs}.` };
    }
    const gen = this.generation;
    const params = this.rounds[b.round - 1].params;
    const values = Object.fromEntries(params.map((p) => [p.name, b.values[p.name]]));
    const answer = await (this.pool ?? this.poolOf(1)).request({ kind: 'plan', base, method: 'list', values: [values], params });
    if (this.stale(gen)) return null;
    const spec = answer.ok ? answer.trials?.[0]?.spec : null;
    if (!spec) {
      const error = answer.error ?? { message: 'the engine’s plan had no trial', field: '' };
      this.showError(`Apply best did not change the playground: the engine could not write trial ${b.number}’s values into its experiment: `
        + `${error.message.replace(/\.$/, '')}${error.field ? ` (field ${error.field})` : ''}.`);
      return null;
    }
    return { spec, note: `${head}, written into the playground’s experiment (${name} has no specs, so every other setting is the playground’s).` };
  }

  // [{ round, trial, id, values, status, train_error, dev_error, dev_loss, epochs, ms, error }]
  results() { return this.rows.map(copyRow); }

  // The best finished trial (a results() row with its spec), or null.
  bestResult() {
    const b = this.best();
    return b ? { ...copyRow(b), spec: structuredClone(b.spec) } : null;
  }

  // [{ name, explained, course_priority (null: not in the course's list), course_note, chance,
  // aboveChance }] of the last ranking ([] without one).
  rankingRows() {
    const { ranking, trials, distinct } = this.ranking ?? {};
    return ranking ? explainedRows(ranking, trials, distinct) : [];
  }

  // The best trial at the edge of a range it searched: [{ name, side, value, min, max, text }].
  // Not after a CSV import: its ranges are its own values' extremes, not the ranges searched.
  edgeHints() {
    if (this.imported?.kind === 'csv') return [];
    const best = this.best();
    return best ? edgeHints(best, this.rounds[best.round - 1]?.params) : [];
  }
}
