// Wires the page: state <-> hash, the form, the trainer (worker), the charts and panels.
// Nothing here trains; the worker does.
import { BoundaryView } from './boundary.js';
import { LayersChart } from './charts/layers-chart.js';
import { MetricsChart } from './charts/metrics-chart.js';
import { RateChart } from './charts/rate-chart.js';
import { Controls, stateNameOf } from './controls.js';
import { download, downloadCanvas, metricsCsv, readFile } from './exports.js';
import { NetworkEditor } from './network-editor.js';
import { KEYS, SavedRuns, readSaved, write } from './persist.js';
import { DiagnosisPanel } from './panels/diagnosis.js';
import { GradcheckPanel } from './panels/gradcheck.js';
import { fillPresets, loadLessons, presetSpec } from './presets.js';
import { SPEEDS } from './protocol.js';
import { RunView } from './run-view.js';
import { describeDifference } from './runs.js';
import { FIELDS, REGRESSION, field, fromHash, fromSpec, toHash, toSpec } from './state.js';
import { Trainer } from './trainer.js';
import { mountTrajectories } from './trajectories/panel.js';
import { mountRecipe } from './recipe/panel.js';
import { mountSearch } from './search/panel.js';

const $ = (id) => document.getElementById(id);
const LIVE = new Set(['lr', 'l2', 'l1']);  // change during a run without restarting it
const ENGINE_KEYS = { lr: 'learning_rate', l2: 'l2', l1: 'l1' };
const MAX_CSV_BYTES = 50e6;

// The link's settings win; without any, those saved from the last visit (persist.js).
const storage = (() => { try { return window.localStorage; } catch { return null; } })();
const saved = readSaved(storage);
const fromLink = location.hash.includes('=');
let { state, rejected } = fromHash(fromLink ? location.hash : saved.hash);
const notice = $('notice');
const say = (text) => { notice.textContent = text; notice.hidden = !text; };
say([...saved.problems, rejected.length
  ? `Some settings ${fromLink ? 'in the link' : 'saved from your last visit'} were not valid and were reset to defaults: ${rejected.join(', ')}.` : '',
].filter(Boolean).join(' '));

const metrics = new MetricsChart($('metrics-chart'));
const layersChart = new LayersChart($('layers-chart'));
const rateChart = new RateChart($('rate-chart'));
const boundary = new BoundaryView($('boundary'), $('boundary-caption'));
const diagnosis = new DiagnosisPanel($('diagnosis'));
const gradcheck = new GradcheckPanel($('gradcheck'));
const errorBox = $('error');
// Completed runs compared on the chart, restored from the last visit and saved for the next.
const savedRuns = new SavedRuns(storage, saved.runs);
for (const r of savedRuns.runs) {
  metrics.append(r.epochs);
  metrics.keepRun(r.label);
  metrics.clear();
}
const view = new RunView({
  buttons: { train: $('train'), pause: $('pause'), stepBatch: $('step-batch'), step: $('step'), reset: $('reset') },
  progress: $('progress'), status: $('status'),
});

let run = { state: 'loading', latest: null, epochs: [], totalEpochs: state.epochs, stepsPerSecond: 0, stopMessage: '' };
let loadedSpec = '';
let loadedState = null;   // the settings of the run on the charts, to name it when it is kept
let csv = null;           // the uploaded CSV file: { text, label, task }
let lessons = [];
let gradcheckPending = false;  // a gradient check was asked for and has not answered
let runLabel = '';        // the current run's name, should it be saved before it is kept
let heapBytes = null;     // the engine's memory, as the worker last reported it

const render = () => view.render({ ...run, runState: run.state, regression: REGRESSION.has(state.dataset) });
const saveHash = () => {
  window.history.replaceState(null, '', toHash(state));
  write(storage, KEYS.settings, toHash(state));
};
const saveRuns = () => {
  const problem = savedRuns.save({ label: runLabel, epochs: run.epochs });
  if (problem) say(problem);
};
// Keeps the current run on the chart, faded, and among the runs saved.
function keep(label) {
  if (!metrics.keepRun(label)) return;
  savedRuns.add(label, run.epochs);
  saveRuns();
}

function showEngineError(error) {
  if (gradcheckPending) {  // the check's own failure belongs in its panel
    gradcheckPending = false;
    gradcheck.showError(error.message);
    return;
  }
  const name = stateNameOf(error.field);
  if (name === 'layers') network.showError(error.message);
  else if (!(name && controls.showError(name, error.message))) {
    errorBox.textContent = error.message;
    errorBox.hidden = false;
  }
  if (run.state === 'loading') run.state = 'idle';
  render();
}

// Marks for the benchmark and for test authors (performance.getEntriesByName): the engine
// and the first experiment are ready; the first training steps were reported.
const markOnce = (name) => performance.getEntriesByName(name).length || performance.mark(name);

const trainer = new Trainer(new URL('./worker.js', import.meta.url), {
  onLoaded(msg) {
    markOnce('descent:ready');
    if (msg.spec && loadedState && run.epochs.length > 1) keep(describeDifference(loadedState, state));
    if (msg.spec || !runLabel) runLabel = `run of ${new Date().toLocaleTimeString('en-GB')}`;
    heapBytes = msg.heapBytes ?? heapBytes;
    if (msg.spec) {
      // A regression has no misclassification error: show its loss.
      const regression = msg.spec.layers.at(-1).activation === 'linear';
      if (regression && $('metric').value === 'error') {
        $('metric').value = 'loss';
        metrics.setMetric('loss');
      }
      loadedSpec = JSON.stringify(toSpec(state, csv));
      loadedState = structuredClone(state);
      run.totalEpochs = msg.spec.epochs;
    }
    for (const chart of [metrics, layersChart, rateChart]) chart.clear();
    metrics.markEarlyStop(null);
    diagnosis.clear();
    view.resetClock();
    run = { ...run, epochs: [...msg.epochs], latest: msg.epochs.at(-1), stopMessage: '' };
    for (const chart of [metrics, layersChart, rateChart]) chart.append(msg.epochs);
    render();
  },
  onProgress(msg) {
    markOnce('descent:first-step');
    if (msg.epochs.length) {
      for (const chart of [metrics, layersChart, rateChart]) chart.append(msg.epochs);
      run.epochs.push(...msg.epochs);
      run.latest = msg.epochs.at(-1);
      if (msg.diagnosis !== undefined && run.latest) diagnosis.update(run.latest, msg.diagnosis);
    }
    if (msg.summary) {
      run.stopMessage = msg.summary.stopped === 'epochs' ? '' : msg.summary.message;
      if (msg.summary.best_epoch !== null) metrics.markEarlyStop(msg.summary.best_epoch);
      if (msg.summary.stopped === 'diverged') say(msg.summary.message);
      // The summary describes the weights kept (the best epoch after early stopping).
      const error = (accuracy) => (typeof accuracy === 'number' ? 1 - accuracy : null);
      diagnosis.update({ train_error: error(msg.summary.train_accuracy), dev_error: error(msg.summary.dev_accuracy) },
        msg.summary.diagnosis);
    }
    run.stepsPerSecond = msg.stepsPerSecond;
    render();
  },
  onState(msg) {
    run.state = msg.state;
    if (msg.state === 'finished') saveRuns();
    render();
  },
  // A fresh worker replaced a dead one: what was drawn stays (kept, faded), the settings load again.
  onRestart(reason) {
    performance.mark('descent:worker-restarted');
    if (run.epochs.length > 1) keep(`stopped at epoch ${run.latest.epoch}`);
    loadedState = null;
    run.epochs = [];
    say(`The training worker stopped (${reason}). A new one was started with your settings; the runs drawn are kept.`);
    load();
  },
  onError: showEngineError,
  onPoints(msg) {
    if (msg.points.features === 2) boundary.setPoints(msg.points);
    else boundary.clear(`The decision boundary is drawn for 2-feature data; this data set has ${msg.points.features} features.`);
  },
  onGrid: (msg) => boundary.draw(msg),
  onGradcheck: (msg) => {
    gradcheckPending = false;
    gradcheck.show(msg.report);
  },
  onWeights: (msg) => download('descent-weights.json', JSON.stringify(msg.weights, null, 1)),
});

function load() {
  errorBox.hidden = true;
  controls.clearErrors();
  network.showError(null);
  if (state.dataset === 'csv' && !csv) {
    controls.showError('dataset', 'Choose a CSV file below: the data set "CSV file" needs one.');
    return;
  }
  run.state = 'loading';
  trainer.load(toSpec(state, csv));
  trainer.set('speed', SPEEDS[state.speed]);
  render();
}

function apply(name, value) {
  state[name] = value;
  saveHash();
  controls.refresh(state);
  $('csv-upload').hidden = state.dataset !== 'csv';
  if (name === 'speed') trainer.set('speed', SPEEDS[value]);
  else if (LIVE.has(name) && (run.state === 'running' || run.state === 'paused')) trainer.set(ENGINE_KEYS[name], value);
  else load();
}

const controls = new Controls($('experiment'), state, apply);
controls.add(field('speed'), state.speed, $('run-extra'));
const network = new NetworkEditor(controls.sections.network, state, (layers) => {
  Object.assign(state, layers);
  saveHash();
  network.refresh(state);
  load();
});
controls.sections.network.append(controls.rows.output);
controls.sections.data.append($('csv-upload'));
$('csv-upload').hidden = state.dataset !== 'csv';

// Regenerating the data is drawing it again from the next seed.
const regenerate = document.createElement('button');
regenerate.type = 'button';
regenerate.textContent = 'Regenerate data';
regenerate.title = 'Draw the data set again (the next seed)';
regenerate.addEventListener('click', () => apply('seed', state.seed + 1));
controls.sections.data.append(regenerate);

function replaceState(next, message) {
  state = { ...next, speed: state.speed };
  saveHash();
  controls.refresh(state);
  network.refresh(state);
  $('csv-upload').hidden = state.dataset !== 'csv';
  say(message);
  load();
}

// Buttons.
$('train').addEventListener('click', () => trainer.train());
$('pause').addEventListener('click', () => trainer.pause());
$('step-batch').addEventListener('click', () => trainer.step('batch'));
$('step').addEventListener('click', () => trainer.step('epoch'));
$('reset').addEventListener('click', () => {
  // Same spec: the engine's reset (same initial weights). Changed spec: load it afresh,
  // which with the same seed and architecture also starts from the same weights.
  if (JSON.stringify(toSpec(state, csv)) === loadedSpec) trainer.reset();
  else load();
});
$('experiment').addEventListener('submit', (event) => event.preventDefault());

// Chart tools.
$('metric').addEventListener('change', (e) => metrics.setMetric(e.target.value));
$('log-scale').addEventListener('change', (e) => metrics.setLogScale(e.target.checked));
$('smoothing').addEventListener('input', (e) => {
  $('smoothing-value').textContent = e.target.value;
  metrics.setSmoothing(Number(e.target.value));
  layersChart.setSmoothing(Number(e.target.value));
});
$('clear-runs').addEventListener('click', () => {
  metrics.clearRuns();
  savedRuns.clear();
  saveRuns();
});
addEventListener('pagehide', saveRuns);
$('layer-stat').addEventListener('change', (e) => layersChart.setStat(e.target.value));
$('gradcheck-run').addEventListener('click', () => {
  gradcheckPending = true;
  gradcheck.showRunning();
  trainer.gradcheck();
});
trainer.set('grid', 60);

// Presets.
loadLessons(document.baseURI).then((list) => {
  lessons = list;
  fillPresets($('preset'), lessons);
}, () => say('The lesson presets could not be loaded.'));
$('preset').addEventListener('change', (e) => {
  const hit = presetSpec(lessons, e.target.value);
  if (hit) replaceState(fromSpec(hit.run.spec), `Lesson “${hit.lesson.title}”: ${hit.run.label}. ${hit.lesson.text}`);
});

// CSV upload.
async function readCsv() {
  const file = $('csv-file').files[0];
  if (!file) return;
  try {
    csv = { text: await readFile(file, MAX_CSV_BYTES), label: $('csv-label').value.trim(), task: $('csv-task').value };
    if (state.dataset === 'csv') load();
  } catch (err) {
    controls.showError('dataset', String(err.message || err));
  }
}
$('csv-file').addEventListener('change', readCsv);
$('csv-label').addEventListener('change', readCsv);
$('csv-task').addEventListener('change', readCsv);

// Export and import.
$('export-csv').addEventListener('click', () => download('descent-metrics.csv', metricsCsv(run.epochs), 'text/csv'));
$('export-json').addEventListener('click', () => download('descent-metrics.json', JSON.stringify(run.epochs, null, 1)));
$('export-png').addEventListener('click', () => downloadCanvas('descent-chart.png', $('metrics-chart')));
$('export-weights').addEventListener('click', () => trainer.exportWeights());
$('export-spec').addEventListener('click', () => download('descent-spec.json', JSON.stringify(toSpec(state, csv), null, 2)));
$('import-spec').addEventListener('change', async (e) => {
  try {
    const spec = JSON.parse(await readFile(e.target.files[0], 60e6));
    replaceState(fromSpec(spec), 'Loaded the experiment spec from the file.');
  } catch (err) {
    errorBox.textContent = `The spec file could not be read: ${err.message || err}`;
    errorBox.hidden = false;
  }
});
$('import-weights').addEventListener('change', async (e) => {
  try {
    trainer.importWeights(await readFile(e.target.files[0], 60e6));
  } catch (err) {
    errorBox.textContent = `The weights file could not be read: ${err.message || err}`;
    errorBox.hidden = false;
  }
});

// Optimizer trajectories: classic surfaces and the network's own loss landscape.
const trajectories = mountTrajectories($('trajectories'), {
  surface: (request) => trainer.surface(request),
  landscape: (request) => trainer.landscape(request),
  spec: () => toSpec(state, csv),
  optimizer: () => ({ name: state.optimizer, learning_rate: state.lr, beta1: state.beta1, beta2: state.beta2, epsilon: state.epsilon }),
});

// Hyperparameter search and the training recipe: trials in a pool of workers of their own.
const lab = {
  spec: () => toSpec(state, csv),
  apply: (spec, note) => replaceState(fromSpec(spec), note),
  workerUrl: new URL('./worker.js', import.meta.url),
};
const search = mountSearch($('search'), lab);
const recipe = mountRecipe($('recipe'), lab);

// For test authors and the console: the live charts' series, read from the page.
window.descent = { chart: metrics, metrics, layersChart, rateChart, boundary, trajectories, search, recipe, get state() { return state; },
  get epochs() { return run.epochs; }, FIELDS,
  get worker() { return trainer.worker; }, get heapBytes() { return heapBytes; } };

saveHash();
load();
