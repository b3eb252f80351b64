// The experiment form: one labelled control per state field, grouped in sections, each with
// a one-line tooltip. A value that is not allowed is refused beside its control and the last
// good value stays; controls that do not matter for the current settings are hidden.
import { META, SECTIONS, allowedText, optionName } from './controls-meta.js';
import { FIELDS, formatValue, parseValue } from './state.js';

const LAYER_FIELDS = new Set(['hidden', 'act', 'norm', 'keep']);
const LR_MIN = -6, LR_MAX = 1;  // log10 bounds of the learning-rate slider

function makeInput(f, value) {
  if (f.type === 'choice') {
    const select = document.createElement('select');
    for (const option of f.options) select.add(new Option(optionName(f.name, option), option));
    select.value = value;
    return select;
  }
  const input = document.createElement('input');
  if (f.type === 'bool') {
    input.type = 'checkbox';
    input.checked = value;
  } else if (f.name === 'lr') {
    input.type = 'range';
    input.min = String(LR_MIN);
    input.max = String(LR_MAX);
    input.step = 'any';
    input.value = String(Math.log10(value));
  } else {
    input.type = 'text';
    input.inputMode = f.type === 'split' ? 'text' : 'decimal';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.value = formatValue(f, value);
  }
  return input;
}

export class Controls {
  // form: the element to fill; onChange(name, value) gets accepted values. options (for
  // embedded lessons): fields, the names to show, in order, flat (default: every field, in
  // sections); locked, names shown but disabled; idPrefix, so that several forms on one
  // page do not share element ids.
  constructor(form, state, onChange, { fields = null, locked = [], idPrefix = '' } = {}) {
    this.rows = {};
    this.inputs = {};
    this.messages = {};
    this.sections = {};
    this.onChange = onChange;
    this.idPrefix = idPrefix;
    this.locked = new Set(locked);
    if (fields) {
      for (const name of fields) {
        const f = FIELDS.find((x) => x.name === name);
        if (f && META[name] && !LAYER_FIELDS.has(name)) this.add(f, state[name], form);
      }
      this.refresh(state);
      return;
    }
    for (const section of SECTIONS) {
      const fieldset = document.createElement('fieldset');
      fieldset.className = `section section-${section.id}`;
      const legend = document.createElement('legend');
      legend.textContent = section.title;
      fieldset.append(legend);
      form.append(fieldset);
      this.sections[section.id] = fieldset;
    }
    for (const f of FIELDS) {
      if (LAYER_FIELDS.has(f.name) || !META[f.name] || META[f.name].section === 'run') continue;
      this.add(f, state[f.name], this.sections[META[f.name].section]);
    }
    this.refresh(state);
  }

  // Adds the control of field f into parent (also used for the Run section's speed).
  add(f, value, parent) {
    const meta = META[f.name];
    const row = document.createElement('div');
    row.className = `field field-${f.type}`;
    const id = `${this.idPrefix}field-${f.name}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = meta.label;
    label.title = meta.help;
    const input = makeInput(f, value);
    input.id = id;
    input.name = f.name;
    input.title = meta.help;
    const message = document.createElement('p');
    message.className = 'field-error';
    message.id = `${id}-error`;
    message.hidden = true;
    input.setAttribute('aria-describedby', message.id);
    row.append(label, input);
    if (f.name === 'lr') {
      const output = document.createElement('output');
      output.htmlFor = id;
      output.id = `${id}-value`;
      output.className = 'lr-value';
      row.append(output);
      this.lrOutput = output;
      this.showRate(value);
      input.addEventListener('input', () => this.showRate(10 ** Number(input.value)));
    }
    if (this.locked.has(f.name)) {
      input.disabled = true;
      const hint = document.createElement('span');
      hint.className = 'locked-hint';
      hint.id = `${id}-locked`;
      hint.textContent = 'locked';
      hint.title = 'The course author fixed this setting';
      input.setAttribute('aria-describedby', `${message.id} ${hint.id}`);
      row.classList.add('field-locked');
      row.append(hint);
    }
    row.append(message);
    parent.append(row);
    this.rows[f.name] = row;
    this.inputs[f.name] = input;
    this.messages[f.name] = message;
    input.addEventListener('change', () => this.read(f, input));
  }

  read(f, input) {
    let text = input.value;
    if (f.type === 'bool') text = String(input.checked);
    if (f.name === 'lr') text = String(Number((10 ** Number(input.value)).toPrecision(3)));
    const value = parseValue(f, text);
    if (value === undefined) {
      this.showError(f.name, `${META[f.name].label} "${input.value}" is not allowed: use ${allowedText(f)}.`);
      return;
    }
    this.showError(f.name, null);
    this.onChange(f.name, value);
  }

  showRate(alpha) {
    const text = Number(alpha.toPrecision(3)).toString();
    this.lrOutput.textContent = text;
    this.inputs.lr?.setAttribute('aria-valuetext', text);
  }

  // Puts the state's values into the controls (after a preset or an uploaded spec) and
  // hides the ones that do not matter.
  refresh(state) {
    for (const [name, input] of Object.entries(this.inputs)) {
      const f = FIELDS.find((x) => x.name === name);
      if (f.type === 'bool') input.checked = state[name];
      else if (name === 'lr') {
        input.value = String(Math.log10(state.lr));
        this.showRate(state.lr);
      } else input.value = formatValue(f, state[name]);
      const when = META[name].when;
      this.rows[name].hidden = when ? !when(state) : false;
    }
  }

  // Shows text (or clears it with null) beside the named control, as plain text.
  showError(name, text) {
    const message = this.messages[name];
    if (!message) return false;
    message.textContent = text || '';
    message.hidden = !text;
    this.inputs[name].setAttribute('aria-invalid', text ? 'true' : 'false');
    if (text) this.rows[name].hidden = false;
    return true;
  }

  clearErrors() {
    for (const name of Object.keys(this.messages)) this.showError(name, null);
  }
}

// The state field that holds an engine spec field ("optimizer.learning_rate" -> "lr").
const SPEC_TO_STATE = [
  ['optimizer.learning_rate', 'lr'], ['optimizer.beta1', 'beta1'], ['optimizer.beta2', 'beta2'],
  ['optimizer.epsilon', 'epsilon'], ['optimizer', 'optimizer'], ['batch_size', 'batch'], ['epochs', 'epochs'],
  ['seed', 'seed'], ['data.samples', 'samples'], ['data.noise', 'noise'], ['data.factor', 'factor'],
  ['data.classes', 'classes'], ['data', 'dataset'], ['split.stratify', 'stratify'], ['split', 'split'],
  ['layers', 'layers'], ['init.scale', 'scale'], ['init', 'init'], ['regularization.l2', 'l2'],
  ['regularization.l1', 'l1'], ['schedule', 'schedule'], ['augment', 'jitter'], ['early_stopping', 'patience'],
  ['bayes_error', 'bayes'],
];
export function stateNameOf(specField) {
  const f = String(specField || '');
  const hit = SPEC_TO_STATE.find(([prefix]) => f === prefix || f.startsWith(`${prefix}.`) || f.startsWith(`${prefix}[`));
  return hit ? hit[1] : null;
}
