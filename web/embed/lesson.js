// One embedded lesson: a compact playground inside an element of a course page, with its
// own training worker. It runs on the playground's run controller (run-controller.js) with
// the same spec table, controls and charts, and reports what happens as DOM events on its
// root element:
//   descent:loaded   { spec, epochs, lesson, title, reset }   a run is at epoch 0
//   descent:epoch    { epoch, train_loss, ..., epochs: [...] } at most 10 a second, batched
//   descent:finished the run's summary                         after its last epoch event
//   descent:state    { state: loading | idle | running | paused | finished | blocked | unavailable }
//                    (blocked: the engine refused the spec; unavailable: the engine cannot
//                    run here; descent:error said why)
//   descent:error    { field, given, allowed, message }       bad options, values or specs
import { BoundaryView } from '../boundary.js';
import { MetricsChart } from '../charts/metrics-chart.js';
import { Controls } from '../controls.js';
import { singleThreaded } from '../protocol.js';
import { RunController } from '../run-controller.js';
import { defaultSpec } from '../spec/fill.js';
import { fromShort } from '../spec/hash.js';
import { CONTROL_KEYS } from '../spec/table.js';
import { RunEvents } from './run-events.js';
import { assetUrl } from './assets.js';
import { buildLesson } from './lesson-dom.js';
import { fetchLessonRun, fetchLessonUrl } from './lesson-source.js';
import { LESSON_FORMS, checkSetting, normalizeOptions, parseLessonRef, parseSpec, problem } from './options.js';

const GRID = 48;           // decision-boundary resolution: small, a lesson's canvas is small
let count = 0;

export class Lesson {
  // root: the element to fill; options: see options.js (lesson | spec | settings, controls,
  // locked, charts, metric, speed, title, text).
  constructor(root, rawOptions = {}) {
    const { options, problems } = normalizeOptions(rawOptions);
    Object.assign(this, { root, options, lesson: null, ref: null });
    this.prefix = `descent-${++count}-`;
    this.dom = buildLesson(root, this.prefix);
    const { dom } = this;
    this.metrics = new MetricsChart(dom.metricsCanvas);
    this.metrics.setMetric(options.metric);
    this.boundary = new BoundaryView(dom.boundaryCanvas, dom.caption);
    this.events = new RunEvents(root);  // the descent:* events (run-events.js)
    this.controller = this.makeController();
    this.controls = new Controls(dom.form, this.controller?.spec ?? defaultSpec(), (key, value) => this.controller?.edit(key, value),
      { keys: options.controls, locked: options.locked, idPrefix: this.prefix });
    this.controller?.attach({ controls: this.controls });
    dom.metricsFigure.hidden = Boolean(options.charts) && !options.charts.includes('metrics');
    dom.boundaryFigure.hidden = !options.charts?.includes('boundary');  // auto: shown for 2-D data
    dom.buttons.train.addEventListener('click', () => this.train());
    dom.buttons.pause.addEventListener('click', () => this.pause());
    dom.buttons.reset.addEventListener('click', () => this.reset());
    dom.runSelect.addEventListener('change', () => this.loadRun(Number(dom.runSelect.value)));
    this.setText(options.title, options.text);
    // Reported once the caller has had a chance to listen (new Lesson(...), then addEventListener).
    queueMicrotask(() => this.notice(problems));
    this.ready = this.start(options.source);
  }

  get spec() { return this.controller?.spec; }
  get run() { return this.controller?.run ?? { state: 'loading' }; }

  makeController() {
    const url = singleThreaded(assetUrl('worker.js'));  // many lessons may share a page's cores
    const { dom } = this;
    try {
      const controller = new RunController({
        workerUrl: url,
        metrics: this.metrics,
        elements: { buttons: dom.buttons, progress: dom.progress, status: dom.status, problem: dom.error },
        host: {
          onLoaded: (msg) => this.onLoaded(msg),
          onProgress: (msg) => this.onProgress(msg),
          onRunState: (state) => this.events.state(state),
          onError: (error) => { this.emitError(error); return false; },
          onPoints: (msg) => this.onPoints(msg.points),
          onGrid: (msg) => this.boundary.draw(msg),
        },
      });
      controller.speed = this.options.speed;
      return controller;
    } catch (err) {  // e.g. descent.js loaded from another origin: workers must be same-origin
      for (const button of Object.values(dom.buttons)) button.disabled = true;
      dom.status.textContent = 'Engine unavailable · the training worker could not start';
      queueMicrotask(() => {
        this.fail(problem('worker', url.href,
          `descent.js and worker.js served from this page's origin (${location.origin}); on other sites embed embed.html in an iframe`));
        this.emit('state', { state: 'unavailable' });
      });
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

  // Loads a run of a lesson: from lessons/ by id ("initialization/2"), or a course's own
  // lesson file by URL ("https://course.example/mine.json?run=1"; relative to the document).
  async loadLesson(text) {
    const ref = parseLessonRef(text);
    if (!ref) return this.fail(problem('lesson', text, LESSON_FORMS));
    return this.start({ kind: 'lesson', ...ref });
  }

  // Loads playground settings ("optimizer=adam&lr=0.001"); bad ones keep their defaults.
  loadSettings(text) {
    const { spec, rejected } = fromShort(new URLSearchParams(String(text)));
    for (const name of rejected) this.fail(problem('settings', name, `settings named as in the playground's link: ${CONTROL_KEYS.join(', ')}, hidden, act, norm, keep`));
    this.begin(spec);
  }

  // Train while the run is still loading trains once it is loaded (a parent may say "train"
  // as soon as the frame is ready).
  train() {
    // Ready: the engine holds this spec, even while its 'idle' is on the way (a parent that
    // says "train" on 'loaded' lands there).
    if (this.controller?.ready) this.controller.train();
    else if (this.run.state === 'loading') this.trainWhenLoaded = true;
  }

  pause() {
    this.trainWhenLoaded = false;
    this.controller?.pause();
  }

  // Same spec: the engine's reset (same initial weights); a changed one is loaded afresh.
  reset() {
    this.controller?.reset();
  }

  destroy() {
    this.destroyed = true;
    this.controller?.releaseState(false);
    this.controller?.trainer.dispose();
    this.events.stop();
    this.controller?.view.dispose();
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
      const { lesson, run, problems } = source.url ? await fetchLessonUrl(source.url, source.run) : await fetchLessonRun(source.id, source.run);
      this.notice(problems);
      if (lesson) {
        this.useLesson(lesson);
        return this.loadRun(run);
      }
    }
    return this.begin(defaultSpec());
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
    this.ref = { id: this.lesson.id ?? null, ...(this.lesson.url && { url: this.lesson.url }), run, label: this.lesson.runs[run].label ?? null };
    this.dom.runSelect.value = String(run);
    this.begin(this.lesson.runs[run].spec);
  }

  // A new spec: the controls show it and the worker builds it, exactly as given.
  begin(spec) {
    if (this.destroyed || !this.controller) return;
    this.controller.setSpec(spec);
    this.controller.trainer.set('grid', this.dom.boundaryFigure.hidden && this.options.charts ? 0 : GRID);
  }

  // Sets a control by its key (as in the playground's link), through the controls'
  // validation. Returns false (and reports a descent:error) when the key or value is not allowed.
  set(name, value) {
    const checked = checkSetting(name, value);
    if (checked.error) {
      if (!this.controls.showError(name, checked.error.message)) this.showError(checked.error.message);
      this.emit('error', checked.error);
      return false;
    }
    this.controls.showError(name, null);
    this.controller?.edit(name, checked.value);
    return true;
  }

  // --- from the worker --------------------------------------------------------------------

  onLoaded(msg) {
    this.events.loaded(msg, { spec: this.controller.loaded, lesson: this.ref, title: this.dom.title.textContent });
    if (this.trainWhenLoaded) {
      this.trainWhenLoaded = false;
      queueMicrotask(() => this.controller.train());  // once the controller has the run as loaded
    }
  }

  onProgress(msg) {
    this.events.progress(msg);
  }

  onPoints(points) {
    const auto = !this.options.charts;
    if (points.features === 2) {
      this.boundary.setPoints(points);
      if (auto) this.dom.boundaryFigure.hidden = false;
    } else if (auto) {
      this.dom.boundaryFigure.hidden = true;
      this.controller.trainer.set('grid', 0);
    } else {
      this.boundary.setPoints(points);  // says why there is no boundary
    }
  }

  // --- reporting --------------------------------------------------------------------------

  setText(title, text) {
    this.dom.title.textContent = title || 'Train a network';
    this.dom.text.textContent = text || '';
    this.dom.text.hidden = !text;
  }

  // An API error (a bad option or command): under the buttons, and an error event.
  fail(error) {
    if (this.destroyed) return;
    this.showError(error.message);
    this.emitError(error);
  }

  // The engine's errors are shown by the controller (beside the control, and beside Train
  // when the spec is refused); listeners hear each as an error event.
  emitError(error) {
    if (error.field !== 'worker') this.trainWhenLoaded = false;
    this.events.error(error);
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
    if (!this.destroyed) this.events.emit(type, detail);
  }
}
