// The hidden layers, one row each: units, activation, normalisation and dropout keep_prob
// (the spec table's LAYER_ROWS), with buttons to add and remove layers. Each control is a view
// onto layers[l].<field>; the layer's other fields (a leaky slope, channels) stay as they are.
import { optionName } from './option-names.js';
import { allowedText, formatText, parseText } from './spec/kinds.js';
import { LAYER_ROWS, MAX_LAYERS } from './spec/table.js';

const el = (tag, props = {}) => Object.assign(document.createElement(tag), props);

export class NetworkEditor {
  // parent: where to draw; onChange(hidden) gets the accepted hidden layers (the output layer
  // is not among them).
  constructor(parent, spec, onChange) {
    this.onChange = onChange;
    this.list = el('ol', { className: 'layers' });
    this.list.setAttribute('aria-label', 'Hidden layers');
    this.add = el('button', { type: 'button', textContent: 'Add layer', title: 'Add a hidden layer like the last one' });
    this.add.addEventListener('click', () => {
      const last = this.hidden.at(-1) ?? { units: 8, activation: 'relu', keep_prob: 1, norm: 'none' };
      this.emit([...this.hidden, structuredClone(last)]);
    });
    this.message = el('p', { className: 'field-error', hidden: true, id: 'layers-error' });
    parent.append(this.list, this.add, this.message);
    this.refresh(spec);
  }

  emit(hidden) {
    this.showError(null);
    this.onChange(hidden);
  }

  showError(text) {
    this.message.textContent = text || '';
    this.message.hidden = !text;
  }

  refresh(spec) {
    this.hidden = spec.layers.slice(0, -1);
    this.list.replaceChildren(...this.hidden.map((_, i) => this.row(i)));
    this.add.disabled = spec.layers.length >= MAX_LAYERS;
  }

  control(row, i) {
    const n = i + 1;
    const id = `layer-${n}-${row.field}`;
    const value = this.hidden[i][row.field];
    let input;
    if (row.kind === 'choice') {
      input = el('select', { id });
      const options = row.options.includes(value) ? row.options : [...row.options, value];
      for (const o of options) input.add(new Option(row.options.includes(o) ? optionName(row.key, o) : `${o} (not allowed)`, o));
      input.value = value;
    } else {
      input = el('input', { id, type: 'text', inputMode: 'decimal', value: formatText(row, value) });
    }
    input.title = row.help;
    input.setAttribute('aria-label', `${row.label}, layer ${n}`);
    input.setAttribute('aria-describedby', 'layers-error');
    input.addEventListener('change', () => {
      const v = parseText(row, input.value);
      if (v === undefined) {
        this.showError(`${row.label} of layer ${n} "${input.value}" is not allowed: use ${allowedText(row)}.`);
        return;
      }
      this.emit(this.hidden.map((l, j) => (j === i ? { ...l, [row.field]: v } : l)));
    });
    const wrap = el('span', { className: `layer-${row.field === 'keep_prob' ? 'keep' : row.field === 'activation' ? 'activation' : row.field}` });
    wrap.append(el('label', { htmlFor: id, textContent: row.label, title: row.help }), input);
    return wrap;
  }

  row(i) {
    const n = i + 1;
    const li = el('li', { className: 'layer' });
    const remove = el('button', { type: 'button', textContent: '×', className: 'remove-layer', title: `Remove layer ${n}` });
    remove.setAttribute('aria-label', `Remove layer ${n}`);
    remove.addEventListener('click', () => this.emit(this.hidden.filter((_, j) => j !== i)));
    li.append(el('span', { className: 'layer-title', textContent: `Layer ${n}` }), ...LAYER_ROWS.map((r) => this.control(r, i)), remove);
    return li;
  }
}
