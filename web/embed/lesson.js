// One embedded lesson: a compact playground inside an element of a course page, with its
// own training worker. It reuses the playground's state table, controls, trainer, charts and
// status line, and reports what happens as DOM events on its root element:
//   descent:loaded   { spec, epochs, lesson, title, reset }   a run is at epoch 0
//   descent:epoch    { epoch, train_loss, ..., epochs: [...] } at most 10 a second, batched
//   descent:finished the run's summary                         after its last epoch event
//   descent:state    { state: loading | idle | running | paused | finished }
//   descent:error    { field, given, allowed, message }       bad options, values or specs
import { BoundaryView } from '../boundary.js';
import { MetricsChart } from '../charts/metrics-chart.js';
import { Controls, stateNameOf } from '../controls.js';
import { SPEEDS } from '../protocol.js';
import { RunView } from '../run-view.js';
import { FIELDS, REGRESSION, fromHash, fromSpec, toSpec, withLayerLists } from '../state.js';
import { Trainer } from '../trainer.js';
import { EpochBatcher, compactEpoch } from './batcher.js';
import { buildLesson } from './lesson-dom.js';
import { fetchLessonRun } from './lesson-source.js';
import { checkSetting, normalizeOptions, parseLessonRef, parseSpec, problem } from './options.js';
import { patchSpec } from './spec-patch.js';

const LIVE = { lr: 'learning_rate', l2: 'l2', l1: 'l1' };  // change during a run, as in the playground
const GRID = 48;           // decision-boundary resolution: small, a lesson's canvas is small
const HERE = import.meta.url;  // the bundle's own URL: the worker sits beside it
let count = 0;

export class Lesson {
  // root: the element to fill; options: see options.js (lesson | spec | settings, controls,
  // locked, charts, metric, speed, title, text).
  constructor(root, rawOptions = {}) {
    const { options, problems } = normalizeOptions(rawOptions);
    Object.assign(this, { root, options, lesson: null, ref: null, loadedSpec: '', finishedSent: false, heldState: null });
    this.prefix = `descent-${++count}-`;
    this.dom = buildLesson(root, this.prefix);
    this.state = { ...fromHash('').state, speed: options.speed };
    this.spec = toSpec(this.state);
    this.run = { state: 'loading', latest: null, totalEpochs: this.state.epochs, stepsPerSecond: 0, stopMessage: '' };
    const { dom } = this;
    this.view = new RunView({ buttons: dom.buttons, progress: dom.progress, status: dom.status });
    this.metrics = new MetricsChart(dom.metricsCanvas);
    this.metrics.setMetric(options.metric);
    this.boundary = new BoundaryView(dom.boundaryCanvas, dom.caption);
    this.batcher = new EpochBatcher((records) => this.emit('epoch', { ...records.at(-1), epochs: records }));
    this.controls = new Controls(dom.form, this.state, (name, value) => this.apply(name, value),
      { fields: options.controls, locked: options.locked, idPrefix: this.prefix });
    dom.metricsFigure.hidden = Boolean(options.charts) && !options.charts.includes('metrics');
    dom.boundaryFigure.hidden = !options.charts?.includes('boundary');  // auto: shown for 2-D data
    dom.buttons.train.addEventListener('click', () => this.train());
    dom.buttons.pause.addEventListener('click', () => this.pause());
    dom.buttons.reset.addEventListener('click', () => this.reset());
    dom.runSelect.addEventListener('change', () => this.loadRun(Number(dom.runSelect.value)));
    this.setText(options.title, options.text);
    this.trainer = this.makeTrainer();
    // Reported once the caller has had a chance to listen (new Lesson(...), then addEventListener).
    queueMicrotask(() => this.notice(problems));
    this.ready = this.start(options.source);
  }

  makeTrainer() {
    const url = new URL('./worker.js', HERE);
    try {
      return new Trainer(url, {
        onLoaded: (msg) => this.onLoaded(msg),
        onProgress: (msg) => this.onProgress(msg),
        onState: (msg) => this.onState(msg.state),
        onError: (error) => this.fail(error),
        onPoints: (msg) => this.onPoints(msg.points),
        onGrid: (msg) => this.boundary.draw(msg),
      });
    } catch (err) {  // e.g. descent.js loaded from another origin: workers must be same-origin
      queueMicrotask(() => this.fail(problem('worker', url.href,
        `descent.js and worker.js served from this page's origin (${location.origin}); on other sites embed embed.html in an iframe`)));
      return null;
    }
  }

  // --- public API -------------------------------------------------------------------------

  // Loads an experiment spec (an object or JSON text). Returns false when it is not one.
  load(spec) {
    const problems = [];
    const parsed = parseSpec(spec, problems);
    if (!parsed) {
      this.fail(problems[0]);
      return false;
    }
    this.begin(parsed);
    return true;
  }

  // Loads run `run` of a lesson from lessons/ ("initialization/2" or id and run).
  async loadLesson(text) {
    const ref = parseLessonRef(text);
    if (!ref) return this.fail(problem('lesson', text, 'a lesson id, optionally with a run index: "initialization/2"'));
    return this.start({ kind: 'lesson', ...ref });
  }

  // Loads playground settings ("optimizer=adam&lr=0.001"); bad ones keep their defaults.
  loadSettings(text) {
    const { state, rejected } = fromHash(String(text));
    for (const name of rejected) this.fail(problem('settings', name, `settings named as in the playground's link: ${FIELDS.map((f) => f.name).join(', ')}`));
    this.begin(toSpec(state));
  }

  // Train while the run is still loading trains once it is loaded (a parent may say "train"
  // as soon as the frame is ready).
  train() {
    if (this.run.state === 'loading') this.trainWhenLoaded = true;
    else this.trainer?.train();
  }

  pause() {
    this.trainWhenLoaded = false;
    this.trainer?.pause();
  }

  // Same spec: the engine's reset (same initial weights); a changed one is loaded afresh.
  reset() {
    if (JSON.stringify(this.spec) === this.loadedSpec) {
      this.setRunState('loading');
      this.trainer?.reset();
    } else this.startRun();
  }

  // Sets a control by its state name, through the controls' validation. Returns false (and
  // reports a descent:error) when the name or the value is not allowed.
  set(name, value) {
    const checked = checkSetting(name, value);
    if (checked.error) {
      if (!this.controls.showError(name, checked.error.message)) this.showError(checked.error.message);
      this.emit('error', checked.error);
      return false;
    }
    this.controls.showError(name, null);
    this.apply(name, checked.value);
    return true;
  }

  destroy() {
    this.destroyed = true;
    clearTimeout(this.holdTimer);
    this.trainer?.worker.terminate();
    this.batcher.drop();
    this.view.dispose();
    this.metrics.destroy();
    this.boundary.observer?.disconnect();
    this.root.replaceChildren();
    this.root.classList.remove('descent-lesson');
  }

  // --- loading ----------------------------------------------------------------------------

  async start(source) {
    if (source.kind === 'spec') return this.begin(source.spec);
    if (source.kind === 'settings') return this.loadSettings(source.text);
    if (source.kind === 'lesson') {
      const { lesson, run, problems } = await fetchLessonRun(source.id, source.run);
      this.notice(problems);
      if (lesson) {
        this.useLesson(lesson);
        return this.loadRun(run);
      }
    }
    return this.begin(toSpec(fromHash('').state));
  }

  useLesson(lesson) {
    this.lesson = lesson;
    const select = this.dom.runSelect;
    select.replaceChildren(...lesson.runs.map((run, i) => new Option(String(run.label ?? `run ${i}`), String(i))));
    this.dom.runRow.hidden = lesson.runs.length < 2;
    this.setText(this.options.title ?? lesson.title, this.options.text ?? lesson.text);
  }

  loadRun(run) {
    if (!this.lesson?.runs[run]) return;
    this.ref = { id: this.lesson.id, run, label: this.lesson.runs[run].label ?? null };
    this.dom.runSelect.value = String(run);
    this.begin(this.lesson.runs[run].spec);
  }

  // A new spec: the controls show it and the worker builds it.
  begin(spec) {
    if (this.destroyed) return;
    this.spec = structuredClone(spec);
    this.state = { ...fromSpec(spec), speed: this.state.speed };
    this.controls.refresh(this.state);
    this.startRun();
  }

  startRun() {
    this.controls.clearErrors();
    this.dom.error.hidden = true;
    this.setRunState('loading');
    this.trainer?.load(this.spec);
    this.trainer?.set('speed', SPEEDS[this.state.speed]);
    this.trainer?.set('grid', this.dom.boundaryFigure.hidden && this.options.charts ? 0 : GRID);
  }

  // A control changed: the change is patched into the spec; the learning rate and L2/L1
  // go to the running engine, anything else starts a new run.
  apply(name, value) {
    const before = this.state;
    this.state = withLayerLists({ ...before, [name]: value });
    this.spec = patchSpec(this.spec, toSpec(before), toSpec(this.state));
    this.controls.refresh(this.state);
    const live = this.run.state === 'running' || this.run.state === 'paused';
    if (name === 'speed') this.trainer?.set('speed', SPEEDS[value]);
    else if (LIVE[name] && live) this.trainer?.set(LIVE[name], value);
    else this.startRun();
  }

  // --- from the worker --------------------------------------------------------------------

  onLoaded(msg) {
    const reset = !msg.spec;
    if (msg.spec) {
      this.engineSpec = msg.spec;
      this.loadedSpec = JSON.stringify(this.spec);
      this.run.totalEpochs = msg.spec.epochs;
      if (msg.spec.layers.at(-1).activation === 'linear' && this.metrics.metric === 'error') this.metrics.setMetric('loss');
    }
    this.batcher.drop();
    this.finishedSent = false;
    clearTimeout(this.holdTimer);
    this.heldState = null;
    this.metrics.clear();
    this.metrics.markEarlyStop(null);
    this.view.resetClock();
    Object.assign(this.run, { latest: msg.epochs.at(-1), stopMessage: '' });
    this.metrics.append(msg.epochs);
    this.render();
    this.emit('loaded', { spec: this.engineSpec, epochs: msg.epochs.map(compactEpoch), lesson: this.ref,
      title: this.dom.title.textContent, reset });
    if (this.trainWhenLoaded) {
      this.trainWhenLoaded = false;
      this.trainer?.train();
    }
  }

  onProgress(msg) {
    if (msg.epochs.length) {
      this.metrics.append(msg.epochs);
      this.run.latest = msg.epochs.at(-1);
      this.batcher.push(msg.epochs);
    }
    this.run.stepsPerSecond = msg.stepsPerSecond;
    if (msg.summary && !this.finishedSent) {
      this.finishedSent = true;
      this.run.stopMessage = msg.summary.stopped === 'epochs' ? '' : msg.summary.message;
      if (msg.summary.best_epoch !== null && msg.summary.best_epoch !== undefined) this.metrics.markEarlyStop(msg.summary.best_epoch);
      this.batcher.flush();
      this.emit('finished', msg.summary);
    }
    if (this.heldState && (this.heldState !== 'finished' || this.finishedSent)) this.releaseState();
    this.render();
  }

  // The worker says "paused" or "finished" just before it posts the last epochs (and the
  // summary): the state is held until they come (or briefly, if they do not), so listeners
  // hear the epochs, then finished, then the state, and the status line agrees with them.
  onState(state) {
    this.releaseState();
    if (state === 'paused' || (state === 'finished' && !this.finishedSent)) {
      this.heldState = state;
      this.holdTimer = setTimeout(() => this.releaseState(), 200);
      return;
    }
    this.batcher.flush();
    this.setRunState(state);
  }

  releaseState() {
    clearTimeout(this.holdTimer);
    const state = this.heldState;
    this.heldState = null;
    if (!state) return;
    this.batcher.flush();
    this.setRunState(state);
  }

  onPoints(points) {
    const auto = !this.options.charts;
    if (points.features === 2) {
      this.boundary.setPoints(points);
      if (auto) this.dom.boundaryFigure.hidden = false;
    } else if (auto) {
      this.dom.boundaryFigure.hidden = true;
      this.trainer?.set('grid', 0);
    } else {
      this.boundary.setPoints(points);  // says why there is no boundary
    }
  }

  // --- reporting --------------------------------------------------------------------------

  setRunState(state) {
    const changed = this.run.state !== state;
    this.run.state = state;
    this.render();
    if (changed) this.emit('state', { state });
  }

  render() {
    this.view.render({ ...this.run, runState: this.run.state, regression: REGRESSION.has(this.state.dataset) });
  }

  setText(title, text) {
    this.dom.title.textContent = title || 'Train a network';
    this.dom.text.textContent = text || '';
    this.dom.text.hidden = !text;
  }

  // An engine or API error: beside its control when there is one, else under the buttons.
  fail(error) {
    if (this.destroyed) return;
    const name = stateNameOf(error.field);
    if (!(name && this.controls.showError(name, error.message))) this.showError(error.message);
    if (this.run.state === 'loading' && error.field !== 'worker') {
      this.trainWhenLoaded = false;
      this.setRunState('idle');
    }
    this.emit('error', { field: error.field ?? '', given: error.given ?? '', allowed: error.allowed ?? '', message: error.message });
  }

  showError(text) {
    this.dom.error.textContent = text;
    this.dom.error.hidden = false;
  }

  // Options that were not valid: a notice in the lesson, and an error event each.
  notice(problems) {
    if (!problems.length || this.destroyed) return;
    const lines = problems.map((p) => p.message);
    const shown = this.dom.notice.textContent;
    this.dom.notice.textContent = `${shown ? `${shown} ` : 'Some options were not valid and fell back to defaults: '}${lines.join(' ')}`;
    this.dom.notice.hidden = false;
    for (const p of problems) this.emit('error', p);
  }

  emit(type, detail) {
    if (!this.destroyed) this.root.dispatchEvent(new CustomEvent(`descent:${type}`, { detail, bubbles: true }));
  }
}
