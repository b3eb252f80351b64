// The details under the network diagram for the selected unit, weight or bias: its
// statistics, a unit's incoming weights (each selectable, so the keyboard reaches every
// line), its value over the epochs (a small Chart.js chart from trainer.history), and for a
// weight or bias a "Weight value" / "Bias value" box with Set.
import { Chart } from 'chart.js';
import { baseOptions, formatNumber } from '../charts/chart-base.js';
import { el, h, idMaker } from '../dom.js';
import { featureName, fmt, layerName, parseValue, unitLabel, weightLabel } from './model.js';

const ids = idMaker('nv');

export class NetworkDetails {
  // root: the details element; actions: { select(selection), history(query), setWeight(l, j, i, v) }.
  constructor(root, actions) {
    Object.assign(this, { root, actions, chart: null, asked: 0 });
    root.classList.add('nv-details');
    this.head = el('p', 'nv-title');
    this.body = el('div', 'nv-body');
    this.chartBox = el('div', 'nv-chart');
    this.canvas = h('canvas', { role: 'img', 'aria-label': 'The selection’s value over the epochs' });
    this.chartBox.append(this.canvas);
    this.chartNote = el('p', 'nv-note');
    this.form = this.makeForm();
    root.append(this.head, this.body, this.form, this.chartBox, this.chartNote);
    this.show(null, null);
  }

  makeForm() {
    const id = ids('value');
    this.valueLabel = h('label', { htmlFor: id, textContent: 'Weight value' });
    this.input = h('input', { id, type: 'text', inputMode: 'decimal', autocomplete: 'off', className: 'nv-value' });
    this.message = h('p', { className: 'nv-message', role: 'status' });
    const set = h('button', { type: 'submit', textContent: 'Set', title: 'Give the engine this value now' });
    const form = h('form', { className: 'nv-set', 'aria-label': 'Set the selected value' }, [this.valueLabel, this.input, set, this.message]);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    return form;
  }

  submit() {
    const s = this.selection, what = s?.kind === 'bias' ? 'Bias' : 'Weight';
    if (!s || s.kind === 'unit') return;
    const parsed = parseValue(this.input.value, what);
    this.input.setAttribute('aria-invalid', String(!parsed.ok));
    if (!parsed.ok) {
      this.message.textContent = parsed.message;
      this.message.classList.add('nv-error');
      return;
    }
    this.actions.setWeight(s.layer, s.unit, s.kind === 'bias' ? null : s.input, parsed.value);
    this.message.classList.remove('nv-error');
    this.message.textContent = `Sent ${parsed.value} to the engine; the diagram shows it with the next snapshot.`;
  }

  // Shows the selection (or the hint when there is none) as of snapshot.
  show(selection, snapshot) {
    const changed = !sameSelection(selection, this.selection);
    this.selection = selection;
    this.snapshot = snapshot;
    const weighty = selection && selection.kind !== 'unit';
    this.form.hidden = !weighty;
    this.chartBox.hidden = this.chartNote.hidden = !selection || selection.layer < 0;
    if (!selection || !snapshot) {
      this.head.textContent = 'Select a unit or a line (click it, or Tab to a unit and press Enter) to see its details and its history.';
      this.body.replaceChildren();
      return;
    }
    const { layer: l, unit: j } = selection;
    if (selection.kind === 'unit') this.head.textContent = unitLabel(snapshot, l + 1, j);
    else this.head.textContent = `${weightLabel(snapshot, l, j, selection.input)}: ${fmt(selection.value)}`;
    if (changed && weighty) {
      this.valueLabel.textContent = selection.kind === 'bias' ? 'Bias value' : 'Weight value';
      this.input.value = String(Number(selection.value.toPrecision(4)));
      this.input.removeAttribute('aria-invalid');
      this.message.textContent = '';
    }
    if (l >= 0) this.listWeights(snapshot, l, j, selection);
    else this.body.replaceChildren();
    if (l >= 0) this.refreshHistory(changed);
  }

  // The unit's incoming weights and its bias, each a button that selects it.
  listWeights(snapshot, l, j, selection) {
    const layer = snapshot.layers[l], from = j * layer.fanIn;
    const item = (kind, input, value, name) => {
      const pressed = selection.kind === kind && (kind === 'bias' || selection.input === input);
      const label = `${weightLabel(snapshot, l, j, input)}: ${fmt(value)}`;
      const b = h('button', { type: 'button', className: 'nv-weight', 'aria-pressed': String(pressed), 'aria-label': label, title: label },
        [el('span', 'nv-from', name), el('span', `nv-w ${value < 0 ? 'nv-neg' : 'nv-pos'}`, fmt(value))]);
      b.addEventListener('click', () => this.actions.select({ kind, layer: l, unit: j, input, value }));
      return h('li', {}, [b]);
    };
    const list = [item('bias', null, layer.b[j], 'bias')];
    for (let i = 0; i < layer.fanIn; i++) {
      const name = l === 0 ? featureName(snapshot, i) : `unit ${i + 1}`;
      list.push(item('weight', i, layer.W[from + i], name));
    }
    const extra = layer.gamma ? [el('p', 'nv-note', `Norm layer: gamma ${fmt(layer.gamma[j])}, beta ${fmt(layer.beta[j])}`)] : [];
    const caption = el('p', 'nv-list-head', `Into ${layerName(snapshot, l).toLowerCase()} unit ${j + 1} (from ${l === 0 ? 'the inputs' : `layer ${l}`}):`);
    const focused = this.body.contains(document.activeElement) ? [...this.body.querySelectorAll('button')].indexOf(document.activeElement) : -1;
    this.body.replaceChildren(...extra, caption, h('ul', { className: 'nv-weights' }, list));
    if (focused >= 0) this.body.querySelectorAll('button')[focused]?.focus();
  }

  // Asks for the selection's history (at most one question at a time) and draws it.
  async refreshHistory(changed) {
    const s = this.selection, query = { layer: s.layer, unit: s.unit, input: s.kind === 'weight' ? s.input : null };
    if (this.pending && !changed) return;
    const ticket = ++this.asked;
    this.pending = true;
    let answer;
    try {
      answer = await this.actions.history(query);
    } catch (err) {
      answer = { ok: false, error: { message: String(err?.message || err) } };
    }
    this.pending = false;
    if (ticket !== this.asked) return;
    if (!answer?.ok) {
      this.chartNote.textContent = `No history: ${answer?.error?.message || 'the engine did not answer'}.`;
      return this.plot([]);
    }
    const unit = s.kind === 'unit';
    const series = [{ label: unit || s.kind === 'bias' ? 'Bias b' : 'Weight w', values: answer.values, colour: '#0072B2' }];
    if (unit && answer.norms) series.push({ label: 'Incoming weight norm ||w||', values: answer.norms, colour: '#D55E00' });
    this.plot(series.map((x) => ({ ...x, points: answer.epochs.map((e, k) => ({ x: e, y: x.values[k] })) })));
    this.chartNote.textContent = `${series.map((x) => x.label).join(' and ')} over ${answer.epochs.length} recorded epochs.`;
  }

  plot(series) {
    const datasets = series.map((x) => ({ label: x.label, data: x.points, borderColor: x.colour, backgroundColor: x.colour,
      borderWidth: 2, pointRadius: 0, tension: 0 }));
    if (!this.chart) {
      const options = baseOptions({ type: 'linear', ticks: { callback: formatNumber } });
      options.plugins.tooltip.callbacks.label = (item) => `${item.dataset.label}: ${formatNumber(item.raw.y)}`;
      this.chart = new Chart(this.canvas, { type: 'line', data: { datasets }, options });
    } else {
      this.chart.data.datasets = datasets;
      this.chart.update('none');
    }
  }
}

const sameSelection = (a, b) => Boolean(a && b) && a.kind === b.kind && a.layer === b.layer && a.unit === b.unit && a.input === b.input;
