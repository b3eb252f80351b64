// The one run controller, shared by the playground (main.js) and the embedded lesson
// (embed/lesson.js). It holds the page's experiment spec (filled in as the engine fills it),
// applies a control's change (live to the running engine, or by loading the spec afresh),
// resets, trains, and never trains a spec that differs from what the controls show: when the
// engine refuses the spec, Train is blocked and the refusal is said beside Train and beside
// the control that holds the field. When the engine cannot run here at all (trainer.js
// onUnavailable), the run is 'unavailable' for good: the reason is said in the status line and
// under the buttons, which stay disabled. It owns the trainer (the worker), the run's reading
// (the status line and buttons) and the metrics chart's run; the host draws the rest.
import { SPEEDS } from './protocol.js';
import { RunView } from './run-view.js';
import { isRegression, missingCsv } from './spec/data-kinds.js';
import { clearField } from './spec/extras.js';
import { fillSpec } from './spec/fill.js';
import { shapeError } from './spec/shape.js';
import { deepEqual } from './spec/path.js';
import { layerRowOf, rowOf, rowOfField, withLayerList, withValue } from './spec/table.js';
import { Trainer } from './trainer.js';

const ACTIVE = new Set(['running', 'paused']);

export class RunController {
  // options: { workerUrl, supervised, elements: { buttons, progress, status, problem },
  //   metrics (MetricsChart), host }. host callbacks, all optional:
  //   onSpec(spec, note)            the spec changed (controls refreshed; save the link)
  //   onReplacing({ spec, next, epochs })  a new spec replaces the run of spec (the host may keep it)
  //   onLoaded(msg)                 a run is at epoch 0
  //   onProgress(msg)               epochs and the summary, after the chart has them
  //   onError(error) -> handled?    an engine error the host shows itself (e.g. its panel's);
  //                                 also the engine's failure to load (field 'engine')
  //   onRunState(state)             the run's state as shown changed (blocked among them), after
  //                                 the epochs and the summary that led to it
  //   onPoints, onGrid, onGradcheck, onWeights, onNetwork, onRestart(reason), onMetric(name)
  //   onEngine(threads)             the engine loaded: { threaded, threads, reason }
  constructor({ workerUrl, supervised = false, elements, metrics, host = {} }) {
    Object.assign(this, { metrics, host, elements, controls: null, network: null });
    this.spec = fillSpec({});
    this.speed = 'normal';
    this.loaded = null;      // the spec the engine runs (after a successful load)
    this.pending = null;     // the spec sent to the engine and not yet answered
    this.problem = null;     // the engine's refusal of this.spec: Train is blocked until fixed
    this.unavailable = null; // why the engine cannot run here (field 'engine'): nothing can train
    this.run = { state: 'loading', latest: null, epochs: [], totalEpochs: this.spec.epochs, stepsPerSecond: 0, stopMessage: '' };
    this.view = new RunView(elements);
    this.trainer = this.makeTrainer(workerUrl, supervised);
  }

  makeTrainer(workerUrl, supervised) {
    const h = this.host;
    return new Trainer(workerUrl, {
      onLoaded: (msg) => this.onLoaded(msg),
      onProgress: (msg) => this.onProgress(msg),
      onState: (msg) => this.onState(msg.state),
      onError: (error) => this.fail(error),
      onPoints: (msg) => h.onPoints?.(msg),
      onGrid: (msg) => h.onGrid?.(msg),
      onGradcheck: (msg) => h.onGradcheck?.(msg),
      onWeights: (msg) => h.onWeights?.(msg),
      onNetwork: (msg) => h.onNetwork?.(msg),
      onEngine: (threads) => h.onEngine?.(threads),
      onUnavailable: (error) => this.giveUp(error),
      ...(supervised ? { onRestart: (reason) => this.restarted(reason) } : {}),
    });
  }

  // The views that show the spec: controls (controls.js) and, in the playground, the network
  // editor. Their errors are shown by the controller.
  attach({ controls, network = null }) {
    Object.assign(this, { controls, network });
  }

  // --- the spec ---------------------------------------------------------------------------

  // A spec from any door (a preset, a file, a link, an embed, Apply best): kept whole.
  // Returns false (and says why, keeping the spec the page has) when it cannot be shown.
  setSpec(spec, note = '') {
    const filled = fillSpec(structuredClone(spec));
    const error = shapeError(filled);
    if (error) {
      this.host.onError?.(error);
      this.say({ ...error, message: `This spec was not loaded: ${error.message}.` });
      return false;
    }
    this.spec = filled;
    this.changed(note);
    this.load();
    return true;
  }

  // A spec from a door, then trained as soon as the engine has it (a lesson's guided run).
  trainSpec(spec, note = '') {
    if (this.setSpec(spec, note)) this.trainOnLoad = true;
  }

  // A control changed (by its key in the table, or a layer list's: "hidden", "act"...): its
  // row writes its path. The learning rate and L2/L1 go to the running engine; anything
  // else loads the spec afresh.
  edit(key, value) {
    if (layerRowOf(key)) return this.setSpec(withLayerList(this.spec, key, value));
    const row = rowOf(key);
    const { spec, note } = withValue(row, this.spec, value);
    const liveOnly = row.live && ACTIVE.has(this.run.state) && !this.problem && deepEqual(this.loaded, this.spec);
    if (!liveOnly) return this.setSpec(spec, note);
    this.spec = spec;
    this.loaded = spec;
    this.trainer.set(row.live, value);
    this.changed(note);
    return undefined;
  }

  editLayers(hidden) {
    this.setSpec({ ...this.spec, layers: [...hidden, this.spec.layers.at(-1)] });
  }

  clear(path) {
    this.setSpec(clearField(this.spec, path), `Cleared ${path}: the engine’s default applies.`);
  }

  changed(note) {
    this.controls?.refresh(this.spec);
    this.network?.refresh(this.spec);
    this.host.onSpec?.(this.spec, note);
  }

  setSpeed(name) {
    this.speed = name;
    this.trainer.set('speed', SPEEDS[name]);
  }

  // --- the run ----------------------------------------------------------------------------

  // Sends the spec to the engine; the run is blocked (and says why) when the engine refuses it.
  load() {
    if (this.unavailable) return;  // the spec is kept and shown; there is no engine to load it
    this.clearProblem();
    const missing = missingCsv(this.spec.data);  // a CSV data set (or set) without its file yet
    if (missing) {
      this.block(missing);
      return;
    }
    this.pending = this.spec;
    this.setRunState('loading');
    this.trainer.load(this.spec);
    this.trainer.set('speed', SPEEDS[this.speed]);
  }

  // True when the engine runs exactly the spec the controls show.
  get ready() {
    return !this.unavailable && !this.problem && !this.pending && deepEqual(this.loaded, this.spec);
  }

  // Train; after a finished run, Train again: back to the same initial weights, then train.
  train() {
    if (!this.ready) return;
    if (this.run.state === 'finished') {
      this.trainOnLoad = true;
      this.reset();
    } else this.trainer.train();
  }

  pause() { this.trainer.pause(); }

  step(unit) {
    if (this.ready) this.trainer.step(unit);
  }

  // Same spec: the engine's reset (the same initial weights). Otherwise the spec is loaded.
  reset() {
    if (!this.ready) return this.load();
    this.setRunState('loading');
    this.trainer.reset();
    return undefined;
  }

  setRunState(state) {
    const changed = this.run.state !== state;
    this.run.state = state;
    this.render();
    if (changed) this.host.onRunState?.(state);
  }

  render() {
    this.view.render({ ...this.run, runState: this.run.state, regression: isRegression(this.spec), problem: this.problem?.message,
      unavailable: this.unavailable });
  }

  // --- from the worker --------------------------------------------------------------------

  onLoaded(msg) {
    this.releaseState(false);
    this.summarised = false;
    if (msg.spec && this.loaded) this.host.onReplacing?.({ spec: this.loaded, next: msg.spec, epochs: this.run.epochs });
    if (msg.spec) {
      // The engine's filled spec is the truth; it equals ours unless the page changed since.
      if (deepEqual(this.pending, this.spec) && !deepEqual(msg.spec, this.spec)) {
        this.spec = msg.spec;
        this.changed('');
      }
      this.loaded = msg.spec;
      this.pending = null;
      this.run.totalEpochs = msg.spec.epochs;
      if (msg.spec.layers.at(-1).activation === 'linear' && this.metrics.metric === 'error') {
        this.metrics.setMetric('loss');
        this.host.onMetric?.('loss');
      }
    }
    this.metrics.clear();
    this.metrics.markEarlyStop(null);
    this.view.resetClock();
    Object.assign(this.run, { epochs: [...msg.epochs], latest: msg.epochs.at(-1), stopMessage: '' });
    this.metrics.append(msg.epochs);
    this.host.onLoaded?.(msg);
    this.render();
    if (this.trainOnLoad) {
      this.trainOnLoad = false;
      this.trainer.train();
    }
  }

  onProgress(msg) {
    if (msg.epochs.length) {
      this.metrics.append(msg.epochs);
      this.run.epochs.push(...msg.epochs);
      this.run.latest = msg.epochs.at(-1);
    }
    this.run.stepsPerSecond = msg.stepsPerSecond;
    if (msg.summary) {
      this.summarised = true;
      this.run.stopMessage = msg.summary.stopped === 'epochs' ? '' : msg.summary.message;
      if (msg.summary.best_epoch !== null && msg.summary.best_epoch !== undefined) this.metrics.markEarlyStop(msg.summary.best_epoch);
    }
    this.host.onProgress?.(msg);
    if (this.held && (this.held !== 'finished' || this.summarised)) this.releaseState(true);
    this.render();
  }

  // The worker says "paused" or "finished" just before it posts the last epochs (and the
  // summary): the state is held until they come (or briefly, if they do not), so the status
  // line never shows "Finished" beside an older epoch, and listeners hear the epochs, then
  // the summary, then the state.
  onState(state) {
    if (this.problem || this.unavailable) return;  // the old run's state after a refused load: not this spec's
    this.releaseState(true);
    if (state === 'paused' || (state === 'finished' && !this.summarised)) {
      this.held = state;
      this.holdTimer = setTimeout(() => this.releaseState(true), 200);
      return;
    }
    this.setRunState(state);
  }

  releaseState(apply) {
    clearTimeout(this.holdTimer);
    const state = this.held;
    this.held = null;
    if (state && apply) this.setRunState(state);
  }

  restarted(reason) {
    this.host.onRestart?.(reason);  // what was drawn is the host's to keep
    this.loaded = null;
    this.run.epochs = [];
    this.load();
  }

  // --- errors -----------------------------------------------------------------------------

  // An engine error: a refused load blocks the run; every error is shown beside the control
  // that holds its field (when there is one) and beside Train.
  fail(error) {
    if (this.host.onError?.(error) || this.unavailable) return;  // the reason is said already
    const refused = this.pending !== null || this.run.state === 'loading';
    if (refused && error.field !== 'worker') this.block(error);
    else this.say(error);
  }

  // The engine cannot run here (FromWorker.failed, a worker script that never ran, a browser
  // without what it needs): said once, to the host as an error and under the buttons; the run
  // is 'unavailable' from then on.
  giveUp(error) {
    this.releaseState(false);
    this.trainOnLoad = false;
    this.pending = null;
    this.problem = null;
    this.unavailable = error;
    this.host.onError?.(error);
    const box = this.elements.problem;
    box.textContent = error.message;
    box.hidden = false;
    this.setRunState('unavailable');
  }

  block(error) {
    this.releaseState(false);
    this.trainOnLoad = false;
    this.pending = null;
    this.problem = error;
    this.say(error);
    this.setRunState('blocked');
  }

  say(error) {
    const row = rowOfField(error.field, this.spec);
    if (row === 'layers') this.network?.showError(error.message);
    else if (row) this.controls?.showError(row.key, error.message);
    const box = this.elements.problem;
    if (this.unavailable) return;  // the box says why nothing can train; that stays
    box.textContent = this.problem ? `Cannot train this experiment: ${error.message}` : error.message;
    box.hidden = false;
  }

  clearProblem() {
    this.problem = null;
    this.controls?.clearErrors();
    this.network?.showError(null);
    this.elements.problem.hidden = true;
    this.elements.problem.textContent = '';
  }
}
