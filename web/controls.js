// The experiment form: one labelled control per row of the spec table (spec/table.js), each
// a view onto one spec path, grouped in sections with a one-line tooltip. A control shows the
// spec's real value even when its menu does not list it (a batch of 50, an "explicit"
// initialisation); a value that is not allowed is refused beside its control and the spec
// keeps its last good value; controls that do not matter for the spec are hidden.
import { optionName } from './option-names.js';
import { allowedText, formatText, isAllowed, parseText } from './spec/kinds.js';
import { ESSENTIAL, NOTES, ROWS, SECTIONS, rowOf, valueOf } from './spec/table.js';

const LR_MIN = -6, LR_MAX = 2;  // log10 bounds of the learning-rate slider
const el = (tag, props = {}) => Object.assign(document.createElement(tag), props);
const shortRate = (alpha) => String(Number(alpha.toPrecision(3)));

function makeInput(row, id) {
  if (row.kind === 'choice') return el('select', { id });
  if (row.kind === 'bool') return el('input', { id, type: 'checkbox' });
  if (row.rate) return el('input', { id, type: 'range', min: String(LR_MIN), max: String(LR_MAX), step: 'any' });
  return el('input', { id, type: 'text', inputMode: row.kind === 'split' ? 'text' : 'decimal', autocomplete: 'off', spellcheck: false });
}

export class Controls {
  // form: the element to fill; onChange(key, value) gets accepted values. options (for
  // embedded lessons): keys, the rows to show, in order, flat (default: every row, in
  // sections); locked, keys shown but disabled; idPrefix, so that several forms on one page
  // do not share element ids.
  constructor(form, spec, onChange, { keys = null, locked = [], idPrefix = '' } = {}) {
    Object.assign(this, { rows: {}, inputs: {}, messages: {}, sections: {}, notes: [], onChange, idPrefix, locked: new Set(locked) });
    if (keys) {
      for (const key of keys) if (rowOf(key)) this.add(rowOf(key), form);
    } else this.layOut(form);
    this.refresh(spec);
  }

  // The playground's form: the essential controls first, the rest in sections under
  // "More settings" (a disclosure; the page remembers it and opens it when a spec sets them).
  layOut(form) {
    const essentials = el('fieldset', { className: 'section section-essentials' });
    essentials.append(el('legend', { textContent: 'Experiment' }));
    this.more = el('details', { className: 'more-settings' });
    this.more.append(el('summary', { textContent: 'More settings' }));
    form.append(essentials, this.more);
    this.sections.essentials = essentials;
    for (const section of SECTIONS) {
      const fieldset = el('fieldset', { className: `section section-${section.id}` });
      fieldset.append(el('legend', { textContent: section.title }));
      this.more.append(fieldset);
      this.sections[section.id] = fieldset;
    }
    for (const key of ESSENTIAL) this.add(rowOf(key), essentials);
    for (const row of ROWS) if (!ESSENTIAL.includes(row.key)) this.add(row, this.sections[row.section]);
    // A section's notes (why some of its controls are hidden), after its legend.
    for (const note of NOTES) {
      const p = el('p', { className: 'section-note', textContent: note.text, hidden: true });
      this.sections[note.section].querySelector('legend').after(p);
      this.notes.push([note, p]);
    }
  }

  add(row, parent) {
    const id = `${this.idPrefix}field-${row.key}`;
    const div = el('div', { className: `field field-${row.kind}` });
    const label = el('label', { htmlFor: id, textContent: row.label, title: row.help });
    const input = makeInput(row, id);
    Object.assign(input, { name: row.key, title: row.help });
    const message = el('p', { className: 'field-error', id: `${id}-error`, hidden: true });
    input.setAttribute('aria-describedby', message.id);
    div.append(label, input);
    if (row.rate) {
      // The slider moves on a log scale; the box beside it takes any allowed value typed.
      const typed = makeInput({ kind: 'number' }, `${id}-value`);
      Object.assign(typed, { className: 'lr-value', title: `${row.help} Allowed: ${allowedText(row)}.` });
      typed.setAttribute('aria-label', `${row.label} α`);
      typed.setAttribute('aria-describedby', message.id);
      div.append(typed);
      this.typedRate = typed;
      input.addEventListener('input', () => { typed.value = shortRate(10 ** Number(input.value)); });
      typed.addEventListener('change', () => this.read(row, typed.value, typed));
    }
    if (row.kind === 'batch') {
      const list = el('datalist', { id: `${id}-suggestions` });
      for (const s of row.suggestions) list.append(el('option', { value: s }));
      input.setAttribute('list', list.id);
      div.append(list);
    }
    if (this.locked.has(row.key)) {
      input.disabled = true;
      if (row.rate) this.typedRate.disabled = true;
      const hint = el('span', { className: 'locked-hint', id: `${id}-locked`, textContent: 'locked', title: 'The course author fixed this setting' });
      input.setAttribute('aria-describedby', `${message.id} ${hint.id}`);
      div.classList.add('field-locked');
      div.append(hint);
    }
    div.append(message);
    parent.append(div);
    this.rows[row.key] = div;
    this.inputs[row.key] = input;
    this.messages[row.key] = message;
    input.addEventListener('change', () => {
      if (row.kind === 'bool') this.read(row, String(input.checked), input);
      else if (row.rate) this.read(row, shortRate(10 ** Number(input.value)), input);
      else this.read(row, input.value, input);
    });
  }

  read(row, text, input) {
    const value = parseText(row, text);
    if (value === undefined) {
      this.showError(row.key, `${row.label} "${String(input.value).trim()}" is not allowed: use ${allowedText(row)}.`);
      return;
    }
    this.showError(row.key, null);
    this.onChange(row.key, value);
  }

  // Puts the spec's values into the controls and hides the ones that do not matter.
  refresh(spec) {
    for (const [key, input] of Object.entries(this.inputs)) {
      const row = rowOf(key);
      const value = valueOf(row, spec);
      if (row.kind === 'bool') input.checked = value === true;
      else if (row.kind === 'choice') this.showChoice(row, input, value);
      else if (row.rate) {
        input.value = String(Math.min(LR_MAX, Math.max(LR_MIN, Math.log10(value))));
        this.typedRate.value = String(value);
        input.setAttribute('aria-valuetext', String(value));
      } else input.value = value === undefined ? '' : formatText(row, value);
      this.rows[key].hidden = row.when && !this.messages[key].textContent ? !row.when(spec) : false;
    }
    for (const [note, p] of this.notes) p.hidden = !note.when(spec);
  }

  // A menu lists its own options, and the spec's value too when it is not one of them.
  showChoice(row, select, value) {
    const wanted = row.shown.includes(value) || value === undefined ? row.shown : [...row.shown, value];
    if (select.options.length !== wanted.length || [...select.options].some((o, i) => o.value !== wanted[i])) {
      select.replaceChildren(...wanted.map((o) => new Option(
        isAllowed(row, o) ? optionName(row.key, o) : `${o} (not allowed)`, o)));
    }
    select.value = value;
  }

  // Shows text (or clears it with null) beside the control of key, as plain text.
  showError(key, text) {
    const message = this.messages[key];
    if (!message) return false;
    message.textContent = text || '';
    message.hidden = !text;
    this.inputs[key].setAttribute('aria-invalid', text ? 'true' : 'false');
    if (text) {
      this.rows[key].hidden = false;
      if (this.more?.contains(this.rows[key])) this.more.open = true;  // an error is never out of sight
    }
    return true;
  }

  clearErrors() {
    for (const key of Object.keys(this.messages)) this.showError(key, null);
  }
}
