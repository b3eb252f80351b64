// "Classic surfaces": the form, the contour plot with each method's path animated over it,
// the legend, and the results table. Every change asks the engine again (sliders after a
// pause); a counter drops answers to requests that a newer one replaced.
import { debounce, h, short, uid, withTimeout } from './form.js';
import { methodOf, renderLegend } from './methods.js';
import { ContourPlot } from './plot.js';
import { resultsTable } from './results-table.js';
import { SurfaceForm } from './surface-form.js';
import { outcome, surfaceOf } from './surfaces.js';

const WAIT = 250;         // ms after a slider stops before asking again
const ANIMATION = 1500;   // ms for the whole path
const TIMEOUT = 20_000;   // ms before a request counts as unanswered
const point = ([x, y]) => `(${short(x)}, ${short(y)})`;

export class SurfaceView {
  // panel: the tab panel to fill; api: { surface(request), optimizer() }.
  constructor(panel, api) {
    Object.assign(this, { api, requestId: 0, last: null, error: null, started: false });
    this.form = new SurfaceForm(panel, (now) => (now ? this.runNow() : this.runLater()));
    this.runLater = debounce(() => this.run(), WAIT);
    this.form.usePage.addEventListener('click', () => {
      this.form.applyPage(this.api.optimizer());
      this.runNow();
    });

    const captionId = uid('caption');
    this.canvas = h('canvas', { role: 'img', 'aria-label': 'Contour plot of the surface with the path of each method',
      'aria-describedby': captionId, className: 'tj-canvas' });
    this.plot = new ContourPlot(this.canvas, { onPick: (p) => { this.form.setStart(p, true); this.runNow(); } });
    this.legend = h('div', { className: 'tj-legend' });
    this.replay = h('button', { type: 'button', textContent: 'Replay', title: 'Draw the paths again, step by step', disabled: true });
    this.replay.addEventListener('click', () => this.plot.animate(ANIMATION));
    this.caption = h('p', { className: 'tj-caption', id: captionId });
    this.status = h('p', { className: 'tj-status', role: 'status' });
    this.alert = h('p', { className: 'tj-error', role: 'alert', hidden: true });
    this.results = h('div', { className: 'tj-results' });
    this.note = h('p', { className: 'tj-note' });
    panel.append(h('div', { className: 'tj-body' }, [
      h('figure', { className: 'tj-figure' }, [
        h('div', { className: 'tj-legend-row' }, [this.legend]),
        h('div', { className: 'tj-plot-box' }, [this.canvas]), this.caption,
      ]),
      h('div', { className: 'tj-side' }, [h('div', { className: 'tj-status-row' }, [this.status, this.replay]), this.alert,
        this.results, this.note]),
    ]));
    this.showNote();
  }

  // The first drawing (when the view first scrolls into sight).
  start() {
    if (!this.started) this.runNow();
  }

  runNow() {
    this.started = true;
    this.runLater.cancel();
    this.run();
  }

  async run() {
    const id = ++this.requestId, request = this.form.request();
    // The page's learning-rate decay, with the step count as its epoch.
    const schedule = this.api.spec?.().schedule;
    if (schedule) request.schedule = schedule;
    this.showNote();
    if (!request.optimizers.length) {
      this.status.textContent = 'Turn on at least one method.';
      return;
    }
    this.status.textContent = 'Computing the paths…';
    let answer;
    try {
      answer = await withTimeout(this.api.surface(request), TIMEOUT, 'The engine did not answer the surface request.');
    } catch (err) {
      answer = { ok: false, error: { message: String(err.message || err) } };
    }
    if (id !== this.requestId) return;  // a newer request replaced this one
    if (!answer?.ok) return this.fail(answer?.error?.message || 'The engine could not compute the paths.');
    this.draw(request, answer);
  }

  fail(message) {
    this.error = message;
    Object.assign(this.alert, { textContent: message, hidden: false });
    this.status.textContent = '';
    if (!this.last) this.plot.showMessage(message);
  }

  draw(request, answer) {
    Object.assign(this, { error: null, last: { request, answer } });
    const start = answer.start ?? request.start ?? answer.paths[0]?.points[0];
    if (!request.start && start) this.form.setStart(start, false);
    this.alert.hidden = true;
    const rows = answer.paths.map((path, i) => ({ method: methodOf(request.optimizers[i]?.name ?? path.name), path }));
    const levels = this.plot.setField({
      bounds: answer.bounds, resolution: answer.grid.resolution, values: answer.grid.values, minima: answer.minima,
      xTitle: 'x', yTitle: 'y',
    });
    this.plot.setPaths(rows.map(({ method, path }, i) => ({
      colour: method.colour, dash: method.dash, marker: method.marker, points: path.points,
      start: i === 0 ? 'shared' : 'none', end: 'head',
    })));
    this.plot.animate(ANIMATION);
    this.replay.disabled = false;
    renderLegend(this.legend, [
      ...rows.map(({ method }) => ({ method, label: method.label })),
    ]);
    this.results.replaceChildren(resultsTable(rows, request));
    const count = answer.minima.length;
    const minima = count === 1 ? `× marks the minimum at ${point(answer.minima[0])}`
      : count ? `× marks the ${count} minima` : 'the surface has no minimum';
    this.caption.textContent = `${surfaceOf(request.surface).label}: loss from ${short(levels.min)} to ${short(levels.max)}, ` +
      `${levels.log ? 'log-spaced' : 'evenly spaced'} contours, darker is lower; ${minima}; ○ marks the start ` +
      `${point(start)}. Click the plot to start elsewhere.`;
    const names = rows.map(({ method }) => method.label);
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
    this.status.textContent = `${list} from ${point(start)}, up to ${request.steps} steps.`;
  }

  showNote() {
    this.note.textContent = surfaceOf(this.form.surface.value).note;
  }

  // For tests: the last drawing's paths and its table, [{ name, label, points: n, last: [x, y, f],
  // steps (to tolerance, null: never), outcome }], with the surface and κ they were drawn for.
  surfacePaths() {
    if (!this.last) return [];
    const { request, answer } = this.last;
    return answer.paths.map((p, i) => ({
      name: request.optimizers[i]?.name ?? p.name, label: p.name, points: p.points.length, last: p.points.at(-1),
      steps: p.steps_to_tolerance ?? null, outcome: outcome(p, request.surface), surface: request.surface, condition: request.condition,
    }));
  }

  // For tests: the note shown under the table.
  surfaceNote() {
    return this.note.textContent;
  }

  // For tests: the points of the last drawing's path of method name ('momentum').
  surfacePoints(name) {
    const i = this.last?.request.optimizers.findIndex((o) => o.name === name) ?? -1;
    return i < 0 ? null : structuredClone(this.last.answer.paths[i].points);
  }
}
