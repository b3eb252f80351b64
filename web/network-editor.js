// The hidden layers, one row each: units, activation, normalisation and dropout keep_prob,
// with buttons to add and remove layers. The output layer follows from the data.
import { ACTIVATIONS, NORMS, field, parseValue } from './state.js';
import { optionName } from './controls-meta.js';

const MAX_LAYERS = 20;

export class NetworkEditor {
  // parent: where to draw; onChange({ hidden, act, norm, keep }) gets accepted layer lists.
  constructor(parent, state, onChange) {
    this.onChange = onChange;
    this.list = document.createElement('ol');
    this.list.className = 'layers';
    this.list.setAttribute('aria-label', 'Hidden layers');
    this.add = document.createElement('button');
    this.add.type = 'button';
    this.add.textContent = 'Add layer';
    this.add.title = 'Add a hidden layer like the last one';
    this.add.addEventListener('click', () => {
      const s = this.layers;
      const last = s.hidden.length - 1;
      this.emit({
        hidden: [...s.hidden, s.hidden[last] ?? 8], act: [...s.act, s.act[last] ?? 'relu'],
        norm: [...s.norm, s.norm[last] ?? 'none'], keep: [...s.keep, s.keep[last] ?? 1],
      });
    });
    this.message = document.createElement('p');
    this.message.className = 'field-error';
    this.message.hidden = true;
    this.message.id = 'layers-error';
    parent.append(this.list, this.add, this.message);
    this.refresh(state);
  }

  emit(layers) {
    this.showError(null);
    this.onChange(layers);
  }

  showError(text) {
    this.message.textContent = text || '';
    this.message.hidden = !text;
  }

  refresh(state) {
    this.layers = { hidden: [...state.hidden], act: [...state.act], norm: [...state.norm], keep: [...state.keep] };
    this.list.replaceChildren(...state.hidden.map((_, i) => this.row(i)));
    this.add.disabled = state.hidden.length >= MAX_LAYERS;
  }

  row(i) {
    const s = this.layers;
    const li = document.createElement('li');
    li.className = 'layer';
    const n = i + 1;
    const control = (kind, text, help, element) => {
      const id = `layer-${n}-${kind}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = text;
      label.title = help;
      element.id = id;
      element.title = help;
      element.setAttribute('aria-label', `${text}, layer ${n}`);
      element.setAttribute('aria-describedby', 'layers-error');
      const wrap = document.createElement('span');
      wrap.className = `layer-${kind}`;
      wrap.append(label, element);
      return wrap;
    };
    const units = document.createElement('input');
    units.type = 'text';
    units.inputMode = 'numeric';
    units.value = String(s.hidden[i]);
    const act = document.createElement('select');
    for (const a of ACTIVATIONS) act.add(new Option(optionName('act', a === 'linear' ? 'linear_act' : a), a));
    act.value = s.act[i];
    const norm = document.createElement('select');
    for (const k of NORMS) norm.add(new Option(k === 'none' ? 'no norm' : `${k} norm`, k));
    norm.value = s.norm[i];
    const keep = document.createElement('input');
    keep.type = 'text';
    keep.inputMode = 'decimal';
    keep.value = String(s.keep[i]);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '×';
    remove.className = 'remove-layer';
    remove.title = `Remove layer ${n}`;
    remove.setAttribute('aria-label', `Remove layer ${n}`);
    const update = (key, value) => this.emit({ ...this.layers, [key]: this.layers[key].map((v, j) => (j === i ? value : v)) });
    units.addEventListener('change', () => {
      const v = parseValue({ ...field('hidden'), type: 'int' }, units.value);
      if (v === undefined) this.showError(`Units of layer ${n} "${units.value}" is not allowed: use a whole number from 1 to 1024.`);
      else update('hidden', v);
    });
    act.addEventListener('change', () => update('act', act.value));
    norm.addEventListener('change', () => update('norm', norm.value));
    keep.addEventListener('change', () => {
      const v = parseValue({ ...field('keep'), type: 'number' }, keep.value);
      if (v === undefined) this.showError(`Keep prob of layer ${n} "${keep.value}" is not allowed: use a number from 0.05 to 1 (1: no dropout).`);
      else update('keep', v);
    });
    remove.addEventListener('click', () => {
      const drop = (xs) => xs.filter((_, j) => j !== i);
      this.emit({ hidden: drop(s.hidden), act: drop(s.act), norm: drop(s.norm), keep: drop(s.keep) });
    });
    const title = document.createElement('span');
    title.className = 'layer-title';
    title.textContent = `Layer ${n}`;
    li.append(title,
      control('units', 'Units', 'Hidden units in this layer', units),
      control('activation', 'Activation', 'g(z) of this layer', act),
      control('norm', 'Norm', 'Batch norm (over the mini-batch) or layer norm (per example) before g', norm),
      control('keep', 'Keep prob', 'Inverted dropout: the probability of keeping each unit while training (1: none)', keep),
      remove);
    return li;
  }
}
