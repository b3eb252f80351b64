// Wires the playground: the link and stored settings, the form (a view onto the spec), the
// run controller (the worker), the charts and panels. Nothing here trains; the worker does.
import { BoundaryView } from './boundary.js';
import { LayersCard } from './charts/depth-card.js';
import { MetricsChart } from './charts/metrics-chart.js';
import { RateChart } from './charts/rate-chart.js';
import { Controls } from './controls.js';
import { RunEvents } from './embed/run-events.js';
import { mountExportCard } from './export-card.js';
import { ExtrasView } from './extras-view.js';
import { LinkKeeper } from './link.js';
import { NetworkEditor } from './network-editor.js';
import { typedBox } from './typed-box.js';
import { optionName } from './option-names.js';
import { KEYS, SavedRuns, readSaved, write } from './persist.js';
import { DiagnosisPanel } from './panels/diagnosis.js';
import { NetworkView } from './network/view.js';
import { GradcheckPanel } from './panels/gradcheck.js';
import { LessonGuide } from './lessons/guide.js';
import { fillPresets, loadLessons, presetSpec } from './lessons/presets.js';
import { FromWorker, SPEEDS } from './protocol.js';
import { mountRecipe } from './recipe/panel.js';
import { RunController } from './run-controller.js';
import { describeDifference, runName } from './runs.js';
import { mountSearch } from './search/panel.js';
import { decodeLink, VIEW_KEYS } from './spec/hash.js';
import { DEFAULT_SPEC } from './spec/fill.js';
import { deepEqual } from './spec/path.js';
import { ESSENTIAL, ROWS, valueOf } from './spec/table.js';
import { mountTrajectories } from './trajectories/panel.js';
import { showThreads } from './threads-view.js';

const $ = (id) => document.getElementById(id);
const notice = $('notice');
const say = (text) => { notice.textContent = text; notice.hidden = !text; };
const markOnce = (name) => performance.getEntriesByName(name).length || performance.mark(name);

// The link's experiment wins; without one, the one saved from the last visit (persist.js).
const storage = (() => { try { return window.localStorage; } catch { return null; } })();
const saved = readSaved(storage);
const fromLink = location.hash.length > 1;
const start = await decodeLink(fromLink ? location.hash : saved.hash);
const where = fromLink ? 'in the link' : 'saved from your last visit';
say([...saved.problems, start.problem,
  start.rejected.length ? `Some settings ${where} were not valid and were reset to defaults: ${start.rejected.join(', ')}.` : '',
].filter(Boolean).join(' '));

const metrics = new MetricsChart($('metrics-chart'));
const layersChart = new LayersCard($('layers-card'), { runEpochs: () => controller.run.totalEpochs });
const rateChart = new RateChart($('rate-chart'));
const boundary = new BoundaryView($('boundary'), $('boundary-caption'));
const diagnosis = new DiagnosisPanel($('diagnosis'));
const gradcheck = new GradcheckPanel($('gradcheck'));
// The network diagram asks for snapshots (a 28 x 28 grid per unit) only while it is in view.
const networkView = new NetworkView($('network-view'), {
  history: (query) => controller.trainer.history(query),
  setWeight: (...args) => controller.trainer.setWeight(...args),
  visible: (on) => FromWorker.network && controller.trainer.set('network', on ? { grid: 28 } : null),
});
// Completed runs compared on the chart, restored from the last visit and saved for the next.
const savedRuns = new SavedRuns(storage, saved.runs);
for (const r of savedRuns.runs) {
  metrics.append(r.epochs);
  metrics.keepRun(r.label);
  metrics.clear();
}
const link = new LinkKeeper(storage, say);
let gradcheckPending = false;  // a gradient check was asked for and has not answered
let runLabel = '';             // the current run's name, should it be saved before it is kept
let heapBytes = null;          // the engine's memory, as the worker last reported it
let threads = null;            // the engine's threads: { threaded, threads, reason }
let lessons = [];

const saveRuns = () => {
  const problem = savedRuns.save({ label: runLabel, epochs: controller.run.epochs });
  if (problem) say(problem);
};
// Keeps the current run on the chart, faded, named "Run n · what", and among the runs saved.
function keep(what) {
  const label = runName(metrics.runs(), what);
  if (!metrics.keepRun(label)) return;
  savedRuns.add(label, controller.run.epochs);
  saveRuns();
}
const others = [layersChart, rateChart];
// The embedded lesson's descent:* events, on document (run-events.js), for scripts and tests.
const runEvents = new RunEvents(document);

const controller = new RunController({
  workerUrl: new URL('./worker.js', import.meta.url),
  supervised: true,
  metrics,
  elements: {
    buttons: { train: $('train'), pause: $('pause'), stepBatch: $('step-batch'), step: $('step'), reset: $('reset') },
    progress: $('progress'), status: $('status'), problem: $('error'),
  },
  host: {
    onSpec(spec, note) {
      if (note) showSettingsOf(spec);
      extrasView.refresh(spec);
      exportCard.refresh(spec);
      $('csv-upload').hidden = spec.data.source !== 'csv';
      link.save(spec, { speed: controller.speed });
      if (note) say(note);
    },
    onReplacing({ spec, next, epochs }) {
      if (epochs.length > 1) keep(describeDifference(spec, next));
    },
    onLoaded(msg) {
      markOnce('descent:ready');
      runEvents.loaded(msg, { spec: controller.loaded });
      if (msg.spec || !runLabel) runLabel = `run of ${new Date().toLocaleTimeString('en-GB')}`;
      heapBytes = msg.heapBytes ?? heapBytes;
      for (const chart of others) chart.clear();
      diagnosis.clear();
      for (const chart of others) chart.append(msg.epochs);
    },
    onProgress(msg) {
      markOnce('descent:first-step');
      runEvents.progress(msg);
      for (const chart of others) chart.append(msg.epochs);
      const latest = controller.run.latest;
      if (msg.epochs.length && msg.diagnosis !== undefined && latest) diagnosis.update(latest, msg.diagnosis);
      if (!msg.summary) return;
      if (msg.summary.stopped === 'diverged') say(msg.summary.message);
      // The summary describes the weights kept (the best epoch after early stopping).
      const error = (accuracy) => (typeof accuracy === 'number' ? 1 - accuracy : null);
      diagnosis.update({ train_error: error(msg.summary.train_accuracy), dev_error: error(msg.summary.dev_accuracy) }, msg.summary.diagnosis);
    },
    onRunState(state) {
      runEvents.state(state);
      // Nothing can train: "Start here: press Train" would not be true; the reason is by Train.
      if (state === 'unavailable') document.getElementById('start-here').hidden = true;
      if (state !== 'finished') return;
      saveRuns();
      guide.onFinished(controller.loaded, controller.run.epochs);
    },
    onError(error) {
      runEvents.error(error);
      if (!gradcheckPending) return false;
      gradcheckPending = false;  // the check's own failure belongs in its panel
      gradcheck.showError(error.message);
      return true;
    },
    // A fresh worker replaced a dead one: what was drawn stays (kept, faded), the spec loads again.
    onRestart(reason) {
      performance.mark('descent:worker-restarted');
      if (controller.run.epochs.length > 1) keep(`stopped at epoch ${controller.run.latest.epoch}`);
      say(`The training worker stopped (${reason}). A new one was started with your settings; the runs drawn are kept.`);
    },
    onPoints(msg) {
      if (msg.points.features === 2) boundary.setPoints(msg.points);
      else boundary.clear(`The decision boundary is drawn for 2-feature data; this data set has ${msg.points.features} features.`);
    },
    onGrid: (msg) => boundary.draw(msg),
    onNetwork: (msg) => networkView.update(msg.network),
    onGradcheck(msg) {
      gradcheckPending = false;
      gradcheck.show(msg.report);
    },
    onWeights: (msg) => exportCard.weights(msg.weights),
    onEngine(loaded) {
      threads = loaded;
      showThreads($('threads'), loaded);
    },
    onMetric: (name) => { $('metric').value = name; },
  },
});

// The form: the essential controls (the data set, its CSV file, the hidden layers, the
// optimizer...) and "More settings"; "Also set by this spec"; the speed.
const controls = new Controls($('experiment'), start.spec, (key, value) => controller.edit(key, value));
const layersBox = document.createElement('div');
controls.rows.dataset.after($('csv-upload'), layersBox);
const network = new NetworkEditor(layersBox, start.spec, (hidden) => controller.editLayers(hidden));
const extrasView = new ExtrasView($('extras'), (path) => controller.clear(path));
controller.attach({ controls, network });

// "More settings" stays as the learner left it, and opens when a spec sets any of them.
controls.more.open = (() => { try { return storage?.getItem(KEYS.moreSettings) === 'open'; } catch { return false; } })();
controls.more.addEventListener('toggle', () => write(storage, KEYS.moreSettings, controls.more.open ? 'open' : 'closed'));
function showSettingsOf(spec) {
  const set = ROWS.some((r) => !ESSENTIAL.includes(r.key) && !deepEqual(valueOf(r, spec), valueOf(r, DEFAULT_SPEC)));
  if (set) controls.more.open = true;
}
if (fromLink) showSettingsOf(start.spec);

const speed = $('speed');
for (const name of VIEW_KEYS.speed) speed.add(new Option(optionName('speed', name), name));
speed.value = start.view.speed ?? 'normal';
controller.speed = speed.value;
speed.addEventListener('change', () => {
  controller.setSpeed(speed.value);
  link.save(controller.spec, { speed: speed.value });
});

// Regenerating the data is drawing it again from the next seed.
$('regenerate').addEventListener('click', () => controller.edit('seed', controller.spec.seed + 1));
controls.sections.data.append($('regenerate'));

// Buttons.
$('train').addEventListener('click', () => controller.train());
$('pause').addEventListener('click', () => controller.pause());
$('step-batch').addEventListener('click', () => controller.step('batch'));
$('step').addEventListener('click', () => controller.step('epoch'));
$('reset').addEventListener('click', () => controller.reset());
$('experiment').addEventListener('submit', (event) => event.preventDefault());

// Chart tools. The smoothing's beta can be typed too.
const smoothingBox = typedBox($('smoothing'), { label: 'Smoothing', id: 'smoothing-value' });
smoothingBox.show('0');
$('smoothing').after(smoothingBox.box);
$('metric').addEventListener('change', (e) => metrics.setMetric(e.target.value));
$('log-scale').addEventListener('change', (e) => metrics.setLogScale(e.target.checked));
$('smoothing').addEventListener('input', (e) => {
  smoothingBox.show(e.target.value);
  metrics.setSmoothing(Number(e.target.value));
  layersChart.setSmoothing(Number(e.target.value));
});
$('clear-runs').addEventListener('click', () => {
  metrics.clearRuns();
  savedRuns.clear();
  saveRuns();
});
addEventListener('pagehide', saveRuns);
$('gradcheck-run').addEventListener('click', () => {
  gradcheckPending = true;
  gradcheck.showRunning();
  controller.trainer.gradcheck();
});
controller.trainer.set('grid', 60);

// Presets: a lesson's run, exactly as the lesson file gives it.
loadLessons(document.baseURI).then((list) => {
  lessons = list;
  fillPresets($('preset'), lessons);
}, () => say('The lesson presets could not be loaded.'));
const guide = new LessonGuide($('lesson-guide'), { train: (spec, note) => controller.trainSpec(spec, note) });
$('preset').addEventListener('change', (e) => {
  const hit = presetSpec(lessons, e.target.value);
  if (!hit) return;
  guide.open(hit.lesson);
  controller.setSpec(hit.run.spec, `Lesson “${hit.lesson.title}”: ${hit.run.label} is loaded; the lesson’s guide has its text and all its runs.`);
});

// A link typed or pasted into this tab (the page's own link updates fire no hashchange).
addEventListener('hashchange', async () => {
  if (location.hash === link.hash) return;
  const next = await decodeLink(location.hash);
  const bad = next.rejected.length ? ` Not valid, reset to defaults: ${next.rejected.join(', ')}.` : '';
  controller.setSpec(next.spec, next.problem || `Loaded the experiment from the link.${bad}`);
});

// Export and import, the CSV file, copying the link.
const exportCard = mountExportCard({ controller, link, $ });

// Optimizer trajectories: classic surfaces and the network's own loss landscape.
const trajectories = mountTrajectories($('trajectories'), {
  surface: (request) => controller.trainer.surface(request),
  landscape: (request) => controller.trainer.landscape(request),
  spec: () => controller.spec,
  optimizer: () => structuredClone(controller.spec.optimizer),
});

// Hyperparameter search and the training recipe: trials in a pool of workers of their own.
const lab = {
  spec: () => structuredClone(controller.spec),
  apply: (spec, note) => controller.setSpec(spec, note),
  workerUrl: new URL('./worker.js', import.meta.url),
};
const search = mountSearch($('search'), lab);
const recipe = mountRecipe($('recipe'), lab);

// For test authors and the console: the spec, the live charts' series, read from the page.
window.descent = {
  chart: metrics, metrics, layersChart, rateChart, boundary, trajectories, search, recipe, controller, guide,
  get spec() { return structuredClone(controller.spec); },
  get loadedSpec() { return structuredClone(controller.loaded); },
  // The controls' values by their keys in the short link ({ lr: 0.1, batch: 32, ... }).
  get state() { return Object.fromEntries(ROWS.map((r) => [r.key, valueOf(r, controller.spec)])); },
  get extras() { return extrasView.paths(); },
  get epochs() { return controller.run.epochs; },
  get worker() { return controller.trainer.worker; },
  get heapBytes() { return heapBytes; },
  get threads() { return threads && { ...threads }; },
  get link() { return link.hash; },
  get network() { return networkView.state(); },
};

controller.setSpec(start.spec);
