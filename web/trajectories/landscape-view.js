// "This network's loss landscape": the landscape of the run the learner trained. The worker's
// run records its weights as it trains (the engine's Session::path); the engine projects that
// path onto the plane of the two directions the weights moved along most, and evaluates the
// training loss over a grid of the plane and along the straight line from the initial to the
// final weights. Other optimizers, if ticked, train from the same initial weights for as many
// steps and are drawn on the same plane. The worker does the work; this view shows it is busy.
import { checkbox, field, h, select, short, uid, withTimeout } from './form.js';
import { LineChart } from './line-chart.js';
import { METHODS, methodOf, renderLegend, swatch } from './methods.js';
import { SPREAD_PX } from './path-style.js';
import { ContourPlot } from './plot.js';

const TIMEOUT = 300_000;  // ms before a landscape request counts as unanswered
const UNTRAINED = 'Train the network first (Train, above): the landscape is drawn around the path your run takes.';
const percent = (e) => `${Math.round((e <= 1 ? e * 100 : e))}%`;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const count = (n) => n.toLocaleString('en');

export class LandscapeView {
  // panel: the tab panel to fill; api: { landscape(request), spec(), optimizer() }.
  constructor(panel, api) {
    Object.assign(this, { api, requestId: 0, last: null, error: null, busy: false, computedFor: null });
    this.own = h('div', { className: 'tj-own' });
    this.others = METHODS.map((m) => ({ name: m.name, ...checkbox(m.label, '', false) }));
    this.resolution = select([['21', '21 x 21'], ['41', '41 x 41'], ['61', '61 x 61']], '41');
    this.compute = h('button', { type: 'button', className: 'primary', textContent: 'Compute landscape',
      title: 'Draw the landscape around your run’s recorded path (and train the ticked optimizers), in the background' });
    const form = h('div', { className: 'tj-controls tj-landscape-controls' }, [
      h('fieldset', { className: 'tj-group' }, [h('legend', { textContent: 'Runs' }), this.own,
        h('p', { className: 'tj-hint', textContent: 'Also train, from the same initial weights for as many steps:' }),
        ...this.others.map((o) => o.row)]),
      h('fieldset', { className: 'tj-group tj-grid' }, [h('legend', { textContent: 'Landscape' }),
        field('Grid', this.resolution, 'Points per side of the grid of losses evaluated over the plane.'),
        this.compute]),
    ]);
    for (const o of this.others) o.input.addEventListener('change', () => this.refresh());
    form.addEventListener('focusin', () => this.refresh());
    form.addEventListener('pointerenter', () => this.refresh());
    this.compute.addEventListener('click', () => this.run());

    const captionId = uid('caption');
    this.status = h('p', { className: 'tj-status', role: 'status' });
    this.alert = h('p', { className: 'tj-error', role: 'alert', hidden: true });
    this.canvas = h('canvas', { role: 'img', 'aria-label': 'Contour plot of the training loss over two directions in weight space, with each run’s path',
      'aria-describedby': captionId, className: 'tj-canvas' });
    this.plot = new ContourPlot(this.canvas);
    this.plot.showMessage('Train the network, then open this tab (or press “Compute landscape”) to see the landscape around your run’s path.');
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

  // The tab came into view: the landscape of the run as it is now, unless one is shown.
  show() {
    this.refresh();
    if (!this.last && !this.busy) this.run();
  }

  // The run's settings beside "Your run"; the other run of the same method is off; a note
  // when the page's settings changed after the landscape was drawn.
  refresh() {
    const o = this.api.optimizer(), method = methodOf(o.name);
    this.own.replaceChildren(swatch(method), h('span', { className: 'tj-own-text' }, [
      h('strong', { textContent: `Your run: ${method.label}, α ${short(o.learning_rate)}` }),
      h('span', { className: 'tj-muted', textContent: ' · the weights recorded as it trained' })]));
    for (const other of this.others) {
      const same = other.name === o.name;
      other.input.disabled = same;
      other.row.classList.toggle('tj-off', same);
      other.row.title = same ? 'Your run already uses this method.'
        : `Also train with ${methodOf(other.name).long} at your α, from the same initial weights, for as many steps as your run.`;
      other.input.title = other.row.title;
    }
    if (this.last && !this.busy && this.computedFor !== JSON.stringify(this.api.spec())) {
      this.status.textContent = 'The page’s settings have changed since this landscape was drawn: train the new run, then press “Compute landscape”.';
    }
  }

  // The ticked other runs: [{ method, run: { label, optimizer } }] at the page's α and betas.
  otherRuns() {
    const o = this.api.optimizer();
    return this.others.filter((other) => other.input.checked && !other.input.disabled).map((other) => {
      const method = methodOf(other.name);
      return { method, run: { label: method.label, optimizer: { name: other.name, learning_rate: o.learning_rate, beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon } } };
    });
  }

  async run() {
    this.refresh();
    const o = this.api.optimizer(), own = methodOf(o.name), others = this.otherRuns();
    const resolution = Number(this.resolution.value), id = ++this.requestId;
    const spec = JSON.stringify(this.api.spec());
    Object.assign(this, { busy: true });
    this.alert.hidden = true;
    this.compute.disabled = true;
    this.status.classList.add('tj-busy');
    this.status.replaceChildren(h('span', { className: 'tj-spinner', 'aria-hidden': 'true' }), others.length
      ? `Training ${plural(others.length, 'other run')} for as many steps as yours and evaluating a ${resolution} x ${resolution} grid…`
      : `Evaluating a ${resolution} x ${resolution} grid around your run’s path…`);
    let answer;
    try {
      const request = { label: `Your run (${own.label}, α ${short(o.learning_rate)})`, runs: others.map((r) => r.run), resolution };
      answer = await withTimeout(this.api.landscape(request), TIMEOUT, 'The engine did not answer the landscape request.');
    } catch (err) {
      answer = { ok: false, error: { message: String(err.message || err) } };
    }
    if (id !== this.requestId) return;
    Object.assign(this, { busy: false });
    this.compute.disabled = false;
    this.status.classList.remove('tj-busy');
    if (answer?.error?.field === 'run') return this.untrained();
    if (!answer?.ok) return this.fail(answer?.error?.message || 'The engine could not compute the landscape.');
    this.computedFor = spec;
    this.draw([{ method: own, own: true }, ...others], answer);
  }

  untrained() {
    Object.assign(this, { error: null, last: null });
    this.plot.showMessage(UNTRAINED);
    this.status.textContent = 'Nothing trained yet.';
    this.legend.replaceChildren();
    this.caption.textContent = '';
    this.lineBox.hidden = true;
  }

  fail(message) {
    this.error = message;
    this.status.replaceChildren();
    Object.assign(this.alert, { textContent: message, hidden: false });
  }

  // styled: [{ method, own }] in the answer's order (your run first).
  draw(styled, answer) {
    Object.assign(this, { error: null, last: answer });
    const { grid, plane } = answer, [e1, e2] = plane.explained;
    const levels = this.plot.setField({
      bounds: [...grid.alpha, ...grid.beta], resolution: grid.resolution, values: grid.values, minima: [],
      xTitle: `direction 1 (${percent(e1)})`, yTitle: `direction 2 (${percent(e2)})`,
    });
    const runs = answer.runs.map((r, i) => ({ r, ...(styled[i] ?? { method: METHODS[i % METHODS.length] }) }));
    this.plot.setPaths(runs.map(({ r, method, own }) => ({
      colour: method.colour, dash: method.dash, marker: method.marker, points: r.points,
      start: own ? 'shared' : 'none', end: 'filled', width: own ? 3 : 2.2, alpha: own ? 1 : 0.9,
    })), { spread: SPREAD_PX });
    this.plot.animate(1200);
    // "stopped" says why a run ended early; a run that trained all its epochs needs no note.
    const early = (r) => (r.stopped && !/^trained for/i.test(r.stopped) ? `; stopped: ${r.stopped}` : '');
    renderLegend(this.legend, runs.map(({ r, method }) => ({
      method, label: r.label, note: `final train loss ${short(r.final_train_loss)}${early(r)}`,
    })));
    const others = runs.length - 1;
    this.caption.textContent = `Training loss over the plane of the two directions along which the weights moved most ` +
      `(they explain ${percent(e1)} and ${percent(e2)} of the movement); loss from ${short(levels.min)} to ` +
      `${short(levels.max)}, ${levels.log ? 'log-spaced' : 'evenly spaced'} contours, darker is lower. ` +
      `○ marks the initial weights${others ? ', where every run starts' : ''}; ` +
      `${others ? 'each run’s filled marker (as in the legend) marks where it ends, yours' : 'the filled marker, where your run ends'} ` +
      `at (0, 0), its final weights.` +
      (others ? ` The paths are drawn ${SPREAD_PX} px apart, so that overlapping ones stay visible.` : '');
    if (answer.line?.t?.length) {
      this.lineBox.hidden = false;
      this.line.show(answer.line.t, answer.line.loss, runs[0].method.colour);
      this.lineCaption.textContent = 'The training loss on the straight line from your run’s initial (t = 0) to its final ' +
        '(t = 1) weights.';
    }
    const seconds = typeof answer.seconds === 'number' ? ` in ${answer.seconds.toFixed(1)} s` : '';
    const own = answer.runs[0];
    this.status.textContent = `Your run: ${plural(own.points.length, 'recorded point')} over ${count(answer.steps)} steps ` +
      `(epoch ${answer.epoch}${answer.finished ? '' : ', still training'})` +
      `${others ? `; ${plural(others, 'other run')} trained for as many steps` : ''}; a ` +
      `${grid.resolution} x ${grid.resolution} grid evaluated${seconds}.`;
  }

  // For tests: [{ label, points: n, firstLoss, lastLoss, finalLoss, lastStep }] of the last landscape.
  landscapeRuns() {
    return (this.last?.runs ?? []).map((r) => ({
      label: r.label, points: r.points.length, firstLoss: r.points[0]?.[2] ?? null, lastLoss: r.points.at(-1)?.[2] ?? null,
      finalLoss: r.final_train_loss ?? null, lastStep: r.steps?.at(-1) ?? null,
    }));
  }

  // For tests: { resolution, explained, finite, steps, epoch } of the last grid, or null.
  landscapeGrid() {
    if (!this.last) return null;
    const { grid, plane, steps, epoch } = this.last;
    return { resolution: grid.resolution, explained: plane.explained, steps, epoch,
      finite: grid.values.filter((v) => typeof v === 'number' && Number.isFinite(v)).length };
  }

  // For tests: the markers drawn on the plot, each with its run's label (null: the shared start).
  landscapeMarkers() {
    return this.plot.markers().map((m) => ({ ...m, label: m.path >= 0 ? this.last?.runs[m.path]?.label ?? null : null }));
  }
}
