// The classic-surface controls: the surface, its condition number, the steps, the start,
// which methods run with their learning rates, and the shared beta1/beta2. Reads back as the
// engine's surface request. onChange(now): now is true for a discrete choice (re-run at
// once), false while a slider moves (re-run after a pause).
import { BETA_SCALE, checkbox, field, h, namedSlider, select, short, slider } from './form.js';
import { METHODS } from './methods.js';
import { SURFACES, surfaceOf } from './surfaces.js';

export const TOLERANCE = 1e-3;
export const RESOLUTION = 60;
const DEFAULT_ON = new Set(['gd', 'momentum']);
// κ = 100: long enough a valley that momentum's speed along it beats gradient descent's
// zig-zag, as the bowl's note says (at κ = 10 gradient descent is faster).
export const DEFAULT_CONDITION = 100;
const betaText = (b) => `${short(b)} (≈ ${Math.round(1 / (1 - b))} steps)`;

export class SurfaceForm {
  constructor(parent, onChange) {
    this.onChange = onChange;
    const changed = (now) => () => onChange(now);

    this.surface = select(SURFACES.map((s) => [s.name, s.label]), SURFACES[0].name);
    this.condition = slider('Condition κ', 'The condition number κ: how stretched the bowl is, the ratio of its steepest to its flattest curvature (1 is round).',
      { min: 0, max: 3, step: 0.01, value: DEFAULT_CONDITION, scale: { to: (p) => Math.round(10 ** p), from: Math.log10 } });
    this.steps = slider('Steps', 'How many updates each method makes from the start.', { min: 10, max: 1000, step: 10, value: 200 });
    const coordinate = () => h('input', { type: 'text', inputMode: 'decimal', autocomplete: 'off', spellcheck: false });
    this.startX = coordinate();
    this.startY = coordinate();
    const startTitle = 'Where every method starts (the surface’s usual start until you change it); clicking the plot sets it too.';
    this.custom = false;  // true once the reader chose the start
    const surfaceBox = h('fieldset', { className: 'tj-group tj-grid' }, [
      h('legend', { textContent: 'Surface' }),
      field('Surface', this.surface, 'A classic test function: what each method does on it is in the note under the plot.'),
      this.condition.row, this.steps.row,
      h('div', { className: 'tj-pair' }, [field('Start x', this.startX, startTitle), field('Start y', this.startY, startTitle)]),
    ]);

    this.methods = METHODS.map((m) => {
      const on = checkbox(m.label, `Run ${m.long} on the surface.`, DEFAULT_ON.has(m.name));
      const rate = namedSlider('α', ` learning rate, ${m.label}`, `${m.long}: the learning rate α, on a log scale.`,
        { min: -5, max: 1, value: 0.01, log: true });
      const row = h('div', { className: 'tj-method' }, [on.row, rate.row]);
      on.input.addEventListener('change', () => { this.refreshRows(); onChange(true); });
      rate.input.addEventListener('input', changed(false));
      return { method: m, on: on.input, rate, row };
    });
    const methodBox = h('fieldset', { className: 'tj-group' }, [
      h('legend', {}, ['Methods and their ', h('span', { className: 'tj-greek', textContent: 'α' })]), ...this.methods.map((r) => r.row),
    ]);

    this.beta1 = slider('β₁ (momentum, Adam)', 'Averaging of the gradients: momentum and Adam’s first moment. About 1/(1 − β₁) steps are averaged.',
      { min: 0, max: 4, step: 0.01, value: 0.9, scale: BETA_SCALE, format: betaText });
    this.beta2 = slider('β₂ (RMSProp, Adam)', 'Averaging of the squared gradients: RMSProp and Adam’s second moment.',
      { min: 0, max: 4, step: 0.01, value: 0.999, scale: BETA_SCALE, format: betaText });
    this.epsilon = 1e-8;
    this.usePage = h('button', { type: 'button', textContent: 'Use the page’s settings',
      title: 'Copy α, β₁, β₂ and ε of the page’s Optimisation section, and turn its method on.' });
    const betaBox = h('fieldset', { className: 'tj-group tj-stack' }, [
      h('legend', { textContent: 'Averaging' }), this.beta1.row, this.beta2.row, this.usePage,
    ]);

    this.surface.addEventListener('change', () => { this.applyPreset(); onChange(true); });
    for (const c of [this.condition, this.steps, this.beta1, this.beta2]) c.input.addEventListener('input', changed(false));
    for (const input of [this.startX, this.startY]) {
      input.addEventListener('change', () => {
        this.custom = true;
        onChange(true);
      });
    }
    parent.append(h('div', { className: 'tj-controls' }, [surfaceBox, methodBox, betaBox]));
    this.applyPreset();
  }

  // The surface's own start and learning rates (what works on one diverges on another).
  applyPreset() {
    const preset = surfaceOf(this.surface.value);
    this.custom = false;
    this.startX.value = this.startY.value = '';
    for (const r of this.methods) r.rate.value = preset.rates[r.method.name];
    this.condition.row.hidden = this.surface.value !== 'bowl';
    this.refreshRows();
  }

  // custom: the reader chose it (a click); otherwise it is the engine's default, shown.
  setStart([x, y], custom) {
    this.custom = custom;
    this.startX.value = String(Number(x.toPrecision(4)));
    this.startY.value = String(Number(y.toPrecision(4)));
  }

  // settings: the page's { name, learning_rate, beta1, beta2, epsilon }.
  applyPage(settings) {
    this.beta1.value = settings.beta1;
    this.beta2.value = settings.beta2;
    this.epsilon = settings.epsilon;
    for (const r of this.methods) {
      r.rate.value = settings.learning_rate;
      if (r.method.name === settings.name) r.on.checked = true;
    }
    this.refreshRows();
  }

  // A method that is off shows its rate greyed out.
  refreshRows() {
    for (const r of this.methods) r.row.classList.toggle('tj-off', !r.on.checked);
  }

  chosen() {
    return this.methods.filter((r) => r.on.checked);
  }

  // The engine's surface request.
  request() {
    const start = [this.startX, this.startY].map((input) => Number(input.value));
    const chosen = this.custom && this.startX.value !== '' && this.startY.value !== '' && start.every(Number.isFinite);
    return {
      surface: this.surface.value,
      condition: this.condition.value,
      ...(chosen ? { start } : {}),  // without one, the engine starts from the surface's usual start
      steps: this.steps.value,
      tolerance: TOLERANCE,
      resolution: RESOLUTION,
      optimizers: this.chosen().map((r) => ({
        name: r.method.name, learning_rate: Number(r.rate.value.toPrecision(4)), beta1: this.beta1.value,
        beta2: this.beta2.value, epsilon: this.epsilon, label: r.method.label,
      })),
      schedule: { name: 'constant', decay_rate: 1, k: 0.95, time_interval: 1 },
    };
  }
}
