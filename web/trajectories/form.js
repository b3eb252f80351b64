// Small builders for the trajectory views' controls: every control gets a visible <label>
// and a title tooltip. Plain DOM (web/dom.js); text goes in through textContent only.
import { h, idMaker } from '../dom.js';
import { typedBox } from '../typed-box.js';

export { h };
export const uid = idMaker('tj');

// 0.012345 -> "0.0123", 1e-5 -> "1e-5", Infinity -> "∞", null -> "—".
export function short(x) {
  if (x === 'inf' || x === Infinity) return '∞';
  if (typeof x !== 'number' || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return Number(x.toPrecision(2)).toExponential().replace('e+', 'e');
  return String(Number(x.toPrecision(3)));
}

// A row of the form: the label (with the tooltip), the control and an optional value shown
// beside it.
export function field(labelText, control, title, value = null) {
  control.id ||= uid('c');
  control.title = title;
  const label = h('label', { htmlFor: control.id, textContent: labelText, title });
  const row = h('div', { className: 'tj-field' }, [label, control]);
  if (value) row.append(value);
  return row;
}

// A select of [value, text] pairs.
export function select(options, value) {
  const e = h('select');
  for (const [v, text] of options) e.add(new Option(text, v));
  e.value = value;
  return e;
}

// A checkbox inside its label: { row, input }.
export function checkbox(labelText, title, checked) {
  const input = h('input', { type: 'checkbox', checked, title, id: uid('k') });
  const row = h('label', { className: 'tj-check', title, htmlFor: input.id }, [input, h('span', { textContent: labelText })]);
  return { row, input };
}

// A slider whose position maps to a value: linear, log10 (log), or through scale: { to(p),
// from(v) }. { row, input, output, value }: value reads and sets the number; output shows
// it, and the slider tells assistive technology the same (not its position).
export function slider(labelText, title, { min, max, step = 'any', value, log = false, scale, format = short }) {
  const map = scale || (log ? { to: (p) => 10 ** p, from: Math.log10 } : { to: (p) => p, from: (v) => v });
  const input = h('input', { type: 'range', min: String(min), max: String(max), step: String(step) });
  const typed = typedBox(input, { label: labelText, toValue: map.to, fromValue: map.from });
  const output = typed.box;  // the value, shown and typed
  output.classList.add('tj-value');
  const show = (text) => {
    typed.show(text);
    input.setAttribute('aria-valuetext', text);
  };
  const control = {
    input,
    output,
    row: field(labelText, input, title, output),
    get value() { return map.to(Number(input.value)); },
    set value(v) {
      input.value = String(Math.min(max, Math.max(min, map.from(v))));
      show(format(this.value));
    },
  };
  control.value = value;
  input.addEventListener('input', () => show(format(control.value)));
  return control;
}

// An averaging coefficient beta on a scale of -log10(1 - beta): 0.9, 0.99 and 0.999 are
// evenly spaced (about 10, 100 and 1000 steps averaged).
export const BETA_SCALE = {
  to: (p) => Number((1 - 10 ** -p).toPrecision(6)),
  from: (v) => -Math.log10(Math.max(1e-6, 1 - v)),
};

// A slider whose label names it for assistive technology beyond what is shown: visible is
// the short label on screen ("α"), hidden the rest of its name (" learning rate, GD").
export function namedSlider(visible, hidden, title, options) {
  const control = slider(visible, title, options);
  const label = control.row.querySelector('label');
  label.append(h('span', { className: 'tj-sr', textContent: hidden }));
  return control;
}

// Calls fn at most once per wait ms, after the last call.
export function debounce(fn, wait) {
  let timer = 0;
  const call = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
  call.cancel = () => clearTimeout(timer);
  return call;
}

// A promise that rejects after ms, raced against promise.
export function withTimeout(promise, ms, message) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
