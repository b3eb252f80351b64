// "This network's loss landscape": trains up to four runs of the page's experiment in the
// worker (the page's method, and GD, momentum or Adam at the page's learning rate), then
// draws the loss over the plane of the two directions the weights moved along most, each
// run's projected path on it, and the loss on the straight line from the initial to the
// final weights. The worker does the work; this view shows that it is busy.
import { checkbox, field, h, select, short, uid, withTimeout } from './form.js';
import { LineChart } from './line-chart.js';
import { METHODS, methodOf, renderLegend } from './methods.js';
import { ContourPlot } from './plot.js';

const OTHERS = ['gd', 'momentum', 'adam'];
const TIMEOUT = 300_000;  // ms before a landscape request counts as unanswered
const percent = (e) => `${Math.round((e <= 1 ? e * 100 : e))}%`;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class LandscapeView {
  // panel: the tab panel to fill; api: { landscape(request), spec(), optimizer() }.
  constructor(panel, api) {
    Object.assign(this, { api, requestId: 0, last: null, error: null });
    this.page = checkbox('Page settings', 'Train with the optimizer and hyperparameters set in the page’s Optimisation section.', true);
    this.others = OTHERS.map((name) => {
      const m = methodOf(name);
      return { name, ...checkbox(m.label, `Also train with ${m.long} at the page’s learning rate.`, false) };
    });
    this.epochs = h('input', { type: 'number', min: '1', max: '2000', step: '1', value: '20', inputMode: 'numeric' });
    this.resolution = select([['21', '21 x 21'], ['41', '41 x 41'], ['61', '61 x 61']], '41');
    this.compute = h('button', { type: 'button', className: 'primary', textContent: 'Compute landscape',
      title: 'Train the chosen runs from the page’s initial weights, then evaluate the loss over the plane (in the background)' });
    const form = h('div', { className: 'tj-controls tj-landscape-controls' }, [
      h('fieldset', { className: 'tj-group' }, [h('legend', { textContent: 'Runs to compare' }), this.page.row,
        ...this.others.map((o) => o.row)]),
      h('fieldset', { className: 'tj-group tj-grid' }, [h('legend', { textContent: 'Landscape' }),
        field('Epoch count', this.epochs, 'Epochs each run trains for (1 to 2000); the page’s own run is not touched.'),
        field('Grid', this.resolution, 'Points per side of the grid of losses evaluated over the plane.'),
        this.compute]),
    ]);
    for (const c of [this.page.input, ...this.others.map((o) => o.input)]) c.addEventListener('change', () => this.refresh());
    form.addEventListener('focusin', () => this.refresh());
    form.addEventListener('pointerenter', () => this.refresh());
    this.compute.addEventListener('click', () => this.run());

    const captionId = uid('caption');
    this.status = h('p', { className: 'tj-status', role: 'status' });
    this.alert = h('p', { className: 'tj-error', role: 'alert', hidden: true });
    this.canvas = h('canvas', { role: 'img', 'aria-label': 'Contour plot of the training loss over two directions in weight space, with each run’s path',
      'aria-describedby': captionId, className: 'tj-canvas' });
    this.plot = new ContourPlot(this.canvas);
    this.plot.showMessage('Choose the runs and press “Compute landscape”.');
    this.legend = h('div', { className: 'tj-legend tj-legend-list' });
    this.caption = h('p', { className: 'tj-caption', id: captionId });
    const lineCanvas = h('canvas', { role: 'img', 'aria-label': 'Line chart of the loss from the initial to the final weights' });
    this.line = new LineChart(lineCanvas);
    this.lineCaption = h('p', { className: 'tj-caption' });
    this.lineBox = h('div', { className: 'tj-line' }, [h('h3', { textContent: 'Straight from start to end' }),
      h('div', { className: 'tj-line-box' }, [lineCanvas]), this.lineCaption]);
    this.lineBox.hidden = true;
    panel.append(form, this.status, this.alert, h('div', { className: 'tj-body' }, [
      h('figure', { className: 'tj-figure' }, [h('div', { className: 'tj-plot-box' }, [this.canvas]), this.caption]),
      h('div', { className: 'tj-side' }, [this.legend, this.lineBox]),
    ]));
    this.refresh();
  }

  // The page's settings in the first checkbox's label; a method already run by it is off.
  refresh() {
    const o = this.api.optimizer();
    this.page.row.lastChild.textContent = `Page settings: ${methodOf(o.name).label}, α ${short(o.learning_rate)}`;
    for (const other of this.others) {
      const same = this.page.input.checked && other.name === o.name;
      other.input.disabled = same;
      other.row.classList.toggle('tj-off', same);
      other.row.title = same ? 'The run with the page’s settings already uses this method.'
        : `Also train with ${methodOf(other.name).long} at the page’s learning rate.`;
    }
  }

  // The runs of the request: [{ method, run: { label, optimizer } }].
  runs() {
    const o = this.api.optimizer(), runs = [];
    const optimizer = (name) => ({ name, learning_rate: o.learning_rate, beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon });
    if (this.page.input.checked) runs.push({ method: methodOf(o.name), run: { label: `${methodOf(o.name).label} (page)`, optimizer: optimizer(o.name) } });
    for (const other of this.others) {
      if (other.input.checked && !other.input.disabled) {
        runs.push({ method: methodOf(other.name), run: { label: methodOf(other.name).label, optimizer: optimizer(other.name) } });
      }
    }
    return runs;
  }

  async run() {
    this.refresh();
    const runs = this.runs(), epochs = Math.round(Number(this.epochs.value)), resolution = Number(this.resolution.value);
    if (!runs.length) return this.fail('Choose at least one run to compare.');
    if (!(epochs >= 1 && epochs <= 2000)) return this.fail('Epoch count: use a whole number from 1 to 2000.');
    const id = ++this.requestId;
    this.alert.hidden = true;
    this.compute.disabled = true;
    this.status.classList.add('tj-busy');
    this.status.replaceChildren(h('span', { className: 'tj-spinner', 'aria-hidden': 'true' }),
      `Training ${plural(runs.length, 'run')} and evaluating a ${resolution} x ${resolution} grid…`);
    let answer;
    try {
      const request = { spec: this.api.spec(), runs: runs.map((r) => r.run), epochs, resolution };
      answer = await withTimeout(this.api.landscape(request), TIMEOUT, 'The engine did not answer the landscape request.');
    } catch (err) {
      answer = { ok: false, error: { message: String(err.message || err) } };
    }
    if (id !== this.requestId) return;
    this.compute.disabled = false;
    this.status.classList.remove('tj-busy');
    if (!answer?.ok) return this.fail(answer?.error?.message || 'The engine could not compute the landscape.');
    this.draw(runs, answer, epochs);
  }

  fail(message) {
    this.error = message;
    this.status.replaceChildren();
    Object.assign(this.alert, { textContent: message, hidden: false });
  }

  draw(runs, answer, epochs) {
    Object.assign(this, { error: null, last: answer });
    const { grid, plane } = answer, [e1, e2] = plane.explained;
    const levels = this.plot.setField({
      bounds: [...grid.alpha, ...grid.beta], resolution: grid.resolution, values: grid.values, minima: [],
      xTitle: `direction 1 (${percent(e1)})`, yTitle: `direction 2 (${percent(e2)})`,
    });
    const styled = answer.runs.map((r, i) => ({ r, method: runs[i]?.method ?? METHODS[i % METHODS.length] }));
    this.plot.setPaths(styled.map(({ r, method }) => ({
      colour: method.colour, dash: method.dash, marker: method.marker, points: r.points, start: 'hollow', end: 'filled',
    })));
    this.plot.animate(1200);
    // "stopped" says why a run ended early; a run that trained all its epochs needs no note.
    const early = (r) => (r.stopped && !/^trained for/i.test(r.stopped) ? `; stopped: ${r.stopped}` : '');
    renderLegend(this.legend, styled.map(({ r, method }) => ({
      method, label: r.label, note: `final train loss ${short(r.final_train_loss)}${early(r)}`,
    })));
    this.caption.textContent = `Training loss over the plane of the two directions along which the weights moved most ` +
      `(they explain ${percent(e1)} and ${percent(e2)} of the movement); loss from ${short(levels.min)} to ` +
      `${short(levels.max)}, ${levels.log ? 'log-spaced' : 'evenly spaced'} contours, darker is lower. ` +
      `○ marks where each run starts, ● where it ends.`;
    if (answer.line?.t?.length) {
      this.lineBox.hidden = false;
      this.line.show(answer.line.t, answer.line.loss, styled[0].method.colour);
      this.lineCaption.textContent = `The training loss on the straight line from the initial (t = 0) to the final ` +
        `(t = 1) weights of ${answer.runs[0].label}.`;
    }
    const seconds = typeof answer.seconds === 'number' ? ` in ${answer.seconds.toFixed(1)} s` : '';
    this.status.textContent = `${plural(answer.runs.length, 'run')} trained for ${epochs} epochs and a ` +
      `${grid.resolution} x ${grid.resolution} grid evaluated${seconds}.`;
  }

  // For tests: [{ label, points: n, firstLoss, lastLoss }] of the last landscape.
  landscapeRuns() {
    return (this.last?.runs ?? []).map((r) => ({
      label: r.label, points: r.points.length, firstLoss: r.points[0]?.[2] ?? null, lastLoss: r.points.at(-1)?.[2] ?? null,
    }));
  }

  // For tests: { resolution, explained, finite } of the last grid, or null.
  landscapeGrid() {
    if (!this.last) return null;
    const { grid, plane } = this.last;
    return { resolution: grid.resolution, explained: plane.explained,
      finite: grid.values.filter((v) => typeof v === 'number' && Number.isFinite(v)).length };
  }
}
