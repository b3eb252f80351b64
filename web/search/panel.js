// Hyperparameter search: the engine plans trials (random or grid, over the ranges the
// learner picked), a pool of workers trains them in parallel, and the page shows a table,
// a scatter chart per hyperparameter and which hyperparameters mattered. Coarse to fine:
// "Refine around best k" narrows the ranges (the engine's zoom) and runs another round.
// mountSearch(container, lab) returns what tests and the console read.
//   lab: { spec(): the page's experiment, apply(spec, note), workerUrl }
import { download } from '../exports.js';
import { SearchCharts } from './charts.js';
import { h, uid } from './dom.js';
import { LIMITS, SearchForm } from './form.js';
import { defaultPoolSize, TrialPool } from './pool.js';
import { bestRow, describeValues, formatPercent, makeRow, progressText, toCsv } from './results.js';
import { SensitivityView } from './sensitivity.js';
import { ResultsTable } from './table.js';

// The page's experiment as every trial of the search trains it: epochs and early stopping set.
function searchBase(spec, { epochs, early }) {
  const base = structuredClone(spec);
  base.epochs = epochs;
  base.early_stopping = { ...(base.early_stopping || {}), enabled: early };
  return base;
}

const button = (text, title, className = '') => h('button', { type: 'button', textContent: text, title, className });

export function mountSearch(container, lab) {
  container.classList.add('search');
  const controls = h('div', { className: 'sr-controls' });
  container.append(controls);
  const form = new SearchForm(controls, { workers: defaultPoolSize() });

  const run = button('Run search', 'Plan the trials and train them, in parallel', 'primary');
  const cancel = button('Cancel', 'Stop every worker now; the trials finished so far are kept');
  const k = h('input', { type: 'number', value: '3', min: '1', max: String(LIMITS.k[1]), step: '1', id: uid('k'),
    title: 'How many of the best trials the narrowed ranges must cover' });
  const refine = button('Refine around best k', 'Coarse to fine: narrow every range around the k best trials and run another round');
  const apply = button('Apply best', 'Load the best trial’s experiment into the playground');
  const exportCsv = button('Export CSV', 'Download the table as a CSV file');
  const kError = h('p', { className: 'sr-error', hidden: true, role: 'alert', id: uid('err') });
  const actions = h('div', { className: 'sr-actions' }, [
    run, cancel,
    h('span', { className: 'sr-refine' }, [h('label', { htmlFor: k.id, textContent: 'k', title: k.title }), k, refine]),
    apply, exportCsv, kError]);
  const progress = h('progress', { max: 1, value: 0, className: 'sr-progress', 'aria-label': 'Search progress' });
  const status = h('p', { className: 'sr-status', role: 'status', textContent: 'Pick the hyperparameters and their ranges, then Run search.' });
  const errorBox = h('p', { className: 'sr-error sr-error-box', hidden: true, role: 'alert' });
  container.append(actions, progress, status, errorBox);
  const charts = new SearchCharts(container);
  const sensitivity = new SensitivityView(container);
  const table = new ResultsTable(container);

  let pool = null;
  let rows = [];      // every trial of every round
  let rounds = [];    // [{ round, params, method, trials, workers, seconds }]
  let config = null;  // the settings the search started with (its rounds share them)
  let base = null;    // the spec every trial starts from
  let busy = false;
  let generation = 0; // a new search or a cancel makes older continuations stale
  let counts = { done: 0, running: 0, queued: 0, failed: 0, cancelled: 0 };
  let lastError = null;

  const names = () => (rounds[0]?.params ?? []).map((p) => p.name);
  const best = () => bestRow(rows);

  function poolOf(size) {
    if (!pool || pool.size !== size) {
      pool?.dispose();
      pool = new TrialPool({ size, workerUrl: lab.workerUrl });
    }
    return pool;
  }

  function render() {
    const b = best();
    table.update(rows, names(), b);
    charts.update(rows, names(), b);
    const finished = rows.filter((r) => ['done', 'failed', 'cancelled'].includes(r.status)).length;
    progress.max = Math.max(1, rows.length);
    progress.value = finished;
    run.disabled = busy;
    cancel.disabled = !busy;
    refine.disabled = busy || !b;
    k.disabled = busy;
    apply.disabled = !b;
    exportCsv.disabled = !rows.length;
  }

  function say(text) { status.textContent = text; }
  function showError(text) {
    lastError = text || null;
    errorBox.textContent = text;
    errorBox.hidden = !text;
  }

  // An engine error: beside its control when it names a parameter, else in the box.
  function engineError(what, error) {
    if (!form.showEngineError(error)) showError(`${what}: ${error.message}${error.field ? ` (field ${error.field})` : ''}`);
    else lastError = error.message;
  }

  // Plans one round over params and trains it. Returns false if it did not run.
  async function runRound(params) {
    const gen = generation;
    const size = config.workers;
    busy = true;
    render();
    say(`Planning round ${rounds.length + 1}…`);
    const plan = await poolOf(size).request({ kind: 'plan', base, method: config.method, trials: config.trials,
      grid_points: config.gridPoints, seed: rounds.length + 1, params });
    if (gen !== generation) return false;
    if (!plan.ok) {
      busy = false;
      engineError('The search could not be planned', plan.error);
      say('The search did not start.');
      render();
      return false;
    }
    const round = rounds.length + 1;
    const record = { round, params: plan.params, method: config.method, trials: plan.trials.length, workers: size, seconds: null };
    rounds.push(record);
    const first = rows.length;
    const planned = plan.trials.map((t, i) => makeRow(round, first + i + 1, t, null));
    rows.push(...planned);
    const started = performance.now();
    const onUpdate = ({ result, ...c }) => {
      if (gen !== generation) return;
      counts = c;
      // Trials start in order: the first (total - queued) have started.
      const begun = planned.length - c.queued;
      planned.forEach((row, i) => {
        const at = first + i;
        if (result && row.id === result.id && rows[at].status !== 'done') rows[at] = makeRow(round, row.number, plan.trials[i], result);
        else if (i < begun && rows[at].status === 'queued') rows[at] = { ...rows[at], status: 'running' };
      });
      say(progressText(c, best(), names()));
      render();
    };
    const answers = await pool.run(plan.trials.map((t) => ({ id: t.id, spec: t.spec })), { onUpdate });
    if (gen !== generation) return false;
    answers.forEach((result, i) => { rows[first + i] = makeRow(round, planned[i].number, plan.trials[i], result); });
    busy = false;
    const seconds = (performance.now() - started) / 1000;
    record.seconds = seconds;
    const done = answers.filter((r) => r.status === 'done').length;
    const cancelled = answers.filter((r) => r.status === 'cancelled').length;
    counts = { done, running: 0, queued: 0, failed: answers.filter((r) => r.status === 'failed').length, cancelled };
    const pace = cancelled ? 'Cancelled. ' : `Round ${round}: ${answers.length} trials in ${seconds.toFixed(1)} s on ${size} worker${size > 1 ? 's' : ''} (${Math.round((answers.length / seconds) * 60)} trials/min). `;
    say(pace + progressText(counts, best(), names()));
    const failed = answers.find((r) => r.status === 'failed');
    if (failed) showError(`${counts.failed} trial${counts.failed > 1 ? 's' : ''} failed; the first: ${failed.error}`);
    render();
    await rank(gen);
    return true;
  }

  // The sensitivity ranking over every finished trial (the first round's ranges).
  async function rank(gen) {
    const finished = scored();
    if (finished.length < 3) {
      sensitivity.showMessage('At least 3 finished trials are needed to tell which hyperparameters mattered.');
      return;
    }
    const answer = await pool.request({ kind: 'sensitivity', params: rounds[0].params, results: finished });
    if (gen !== generation) return;
    if (answer.ok) sensitivity.show(answer.ranking, finished.length);
    else sensitivity.showMessage(`The ranking could not be computed: ${answer.error.message}`);
  }

  // Finished trials as the engine's search helpers take them (null: diverged, no dev set);
  // a regression has no error, so its dev loss ranks it.
  function scored() {
    const finite = (v) => (Number.isFinite(v) ? v : null);
    const regression = !rows.some((r) => r.status === 'done' && Number.isFinite(r.dev_error));
    return rows.filter((r) => r.status === 'done')
      .map((r) => ({ values: r.values, dev_error: finite(regression ? r.dev_loss : r.dev_error), dev_loss: finite(r.dev_loss) }));
  }

  async function start() {
    showError('');
    const read = form.read();
    if (!read) {
      say('The search did not start: fix the settings marked below.');
      return;
    }
    generation += 1;
    config = read;
    base = searchBase(lab.spec(), config);
    rows = [];
    rounds = [];
    sensitivity.showMessage('Ranking after the search…');
    await runRound(config.params);
  }

  async function refineRound() {
    showError('');
    kError.hidden = true;
    k.removeAttribute('aria-invalid');
    const kValue = Number(k.value);
    if (!Number.isInteger(kValue) || kValue < 1 || kValue > LIMITS.k[1]) {
      kError.textContent = `k is “${k.value}”; allowed: a whole number from 1 to ${LIMITS.k[1]} (the best trials to refine around).`;
      kError.hidden = false;
      k.setAttribute('aria-invalid', 'true');
      k.setAttribute('aria-describedby', kError.id);
      return;
    }
    const gen = ++generation;
    busy = true;
    render();
    say(`Narrowing the ranges around the best ${kValue} trial${kValue > 1 ? 's' : ''}…`);
    const last = rounds.at(-1);
    const zoom = await poolOf(config.workers).request({ kind: 'zoom', params: last.params, results: scored(), best: kValue });
    if (gen !== generation) return;
    busy = false;
    if (!zoom.ok) {
      engineError('The ranges could not be narrowed', zoom.error);
      say('The refinement did not start.');
      render();
      return;
    }
    form.setRanges(zoom.params);
    await runRound(zoom.params);
  }

  run.addEventListener('click', start);
  refine.addEventListener('click', refineRound);
  cancel.addEventListener('click', () => {
    if (!busy) return;
    generation += 1;
    pool?.cancel();
    busy = false;
    rows = rows.map((r) => (r.status === 'queued' || r.status === 'running' ? { ...r, status: 'cancelled' } : r));
    const c = (s) => rows.filter((r) => r.status === s).length;
    counts = { done: c('done'), running: 0, queued: 0, failed: c('failed'), cancelled: c('cancelled') };
    say(`Cancelled. ${progressText(counts, best(), names())}`);
    render();
    if (rounds.length) rank(generation);
  });
  apply.addEventListener('click', () => {
    const b = best();
    if (!b) return;
    const metric = Number.isFinite(b.dev_error) ? `dev error ${formatPercent(b.dev_error)}` : `dev loss ${b.dev_loss}`;
    lab.apply(b.spec, `Applied the best search trial (round ${b.round}, trial ${b.number}, ${metric}): ${describeValues(b.values, names())}; ${b.spec.epochs} epochs, as the search trained it.`);
  });
  exportCsv.addEventListener('click', () => download('descent-search.csv', toCsv(rows, names()), 'text/csv'));
  render();

  const copy = (row) => ({ round: row.round, trial: row.number, id: row.id, values: { ...row.values }, status: row.status,
    train_error: row.train_error, dev_error: row.dev_error, dev_loss: row.dev_loss, epochs: row.epochs, ms: row.ms, error: row.error });
  return {
    // [{ round, trial, id, values, status, train_error, dev_error, dev_loss, epochs, ms, error }]
    results: () => rows.map(copy),
    // [{ round, params: [{ name, min, max, scale }], method, trials, workers, seconds (the
    // round's wall time from the first trial sent to the last answer; null while it runs) }]
    rounds: () => structuredClone(rounds),
    // The best finished trial (a results() row with its spec), or null.
    best: () => { const b = best(); return b ? { ...copy(b), spec: structuredClone(b.spec) } : null; },
    // { done, running, queued, failed, cancelled } of the latest round.
    progress: () => ({ ...counts }),
    // [{ name, points, best: { x, y } | null, log }] per scatter chart.
    chartPoints: () => charts.points(),
    // [{ name, explained, course_priority, course_note }] of the last ranking.
    sensitivity: () => structuredClone(sensitivity.ranking),
    running: () => busy,
    lastError: () => lastError,
    // The pool's size (0 before the first search).
    workers: () => pool?.size ?? 0,
  };
}
