// The search's settings: which hyperparameters to vary and over what range (a row each:
// a checkbox, min, max and the scale), and how to search (method, trials, grid points,
// epochs per trial, early stopping, workers). read() checks everything and shows what is
// wrong beside its control; it returns the settings or null.
import { h, hidden, uid } from './dom.js';
import { PARAMS, SCALE_NAMES, checkCount, checkRange, formatValue } from './params.js';

export const LIMITS = { trials: [1, 500], gridPoints: [2, 20], epochs: [1, 100000], workers: [1, 32], k: [1, 100] };
const MAX_GRID_TRIALS = 500;

// A labelled control in a settings row, with its error line: { row, input, error }.
function setting(labelText, input, title) {
  input.id = uid('in');
  input.title = title;
  const error = h('p', { className: 'sr-error', id: uid('err'), hidden: true, role: 'alert' });
  const row = h('div', { className: 'sr-field' }, [h('label', { htmlFor: input.id, textContent: labelText, title }), input, error]);
  return { row, input, error };
}

const numberBox = (value, { min, max, step = 1 } = {}) =>
  h('input', { type: 'number', value: String(value), min: String(min), max: String(max), step: String(step), inputMode: 'numeric' });

export class SearchForm {
  // container: where the two fieldsets go; workers: the default pool size.
  constructor(container, { workers }) {
    this.rows = PARAMS.map((p) => this.paramRow(p));
    const table = h('div', { className: 'sr-params', role: 'group', 'aria-label': 'Ranges' }, [
      h('span', { className: 'sr-head', textContent: 'Search' }), h('span', { className: 'sr-head', textContent: 'min' }),
      h('span', { className: 'sr-head', textContent: 'max' }), h('span', { className: 'sr-head', textContent: 'scale' }),
      ...this.rows.flatMap((r) => [r.check, r.min, r.max, r.scale, r.error]),
    ]);
    const params = h('fieldset', { className: 'sr-group sr-params-group' }, [h('legend', { textContent: 'Hyperparameters to search' }), table]);
    this.paramsError = h('p', { className: 'sr-error', hidden: true, role: 'alert' });
    params.append(this.paramsError);

    this.method = setting('Method', h('select', {}, [new Option('Random', 'random'), new Option('Grid (for comparison)', 'grid')]),
      'Random search samples each hyperparameter independently: more distinct values of the one that matters than a grid of the same size.');
    this.trials = setting('Trials', numberBox(16, { min: 1, max: LIMITS.trials[1] }), 'How many random trials (settings) to train.');
    this.gridPoints = setting('Grid points per parameter', numberBox(3, { min: 2, max: LIMITS.gridPoints[1] }),
      'Grid search: this many values per hyperparameter, every combination trained.');
    this.epochs = setting('Epochs per trial', numberBox(50, { min: 1, max: LIMITS.epochs[1] }),
      'Each trial trains the page’s experiment for this many epochs (written into its spec).');
    const early = h('input', { type: 'checkbox', id: uid('early'), title: 'Stop each trial when its dev loss stops improving and keep its best weights.' });
    this.early = { input: early, row: h('label', { className: 'sr-check', htmlFor: early.id, title: early.title }, [early, h('span', { textContent: 'Early stopping' })]) };
    this.workers = setting('Workers', numberBox(workers, { min: 1, max: LIMITS.workers[1] }),
      'Trials train in parallel, one per worker; each worker is a whole engine. Leave a core for the page.');
    this.gridNote = h('p', { className: 'sr-note', 'aria-live': 'polite' });
    const settings = h('fieldset', { className: 'sr-group sr-settings' }, [h('legend', { textContent: 'Search settings' }),
      this.method.row, this.trials.row, this.gridPoints.row, this.gridNote, this.epochs.row, this.early.row, this.workers.row]);
    container.append(params, settings);

    const sync = () => {
      const grid = this.method.input.value === 'grid';
      this.trials.input.disabled = grid;
      this.gridPoints.input.disabled = !grid;
      const k = this.rows.filter((r) => r.input.checked).length;
      const n = Number(this.gridPoints.input.value);
      this.gridNote.textContent = grid && k && Number.isInteger(n) && n > 0
        ? `A grid of ${n}${k > 1 ? `^${k}` : ''} = ${n ** k} trials.` : '';
      for (const r of this.rows) for (const e of [r.check, r.min, r.max, r.scale]) e.classList.toggle('sr-off', !r.input.checked);
    };
    container.addEventListener('input', sync);
    container.addEventListener('change', sync);
    sync();
    this.sync = sync;
  }

  // One hyperparameter: { input (checkbox), minBox, maxBox, check, min, max, scale, error }.
  paramRow(p) {
    const input = h('input', { type: 'checkbox', checked: p.checked, id: uid('p'), title: p.help });
    const check = h('label', { className: 'sr-check', htmlFor: input.id, title: p.help }, [input, h('span', { textContent: p.label })]);
    const box = (which, value) => {
      const e = h('input', { type: 'text', inputMode: 'decimal', value: formatValue(p.scale, value), id: uid(which), spellcheck: false,
        title: `The ${which === 'min' ? 'smallest' : 'largest'} ${p.label} to try` });
      // The column's header shows min or max; the label names the box in full for assistive technology.
      const label = h('label', { htmlFor: e.id, className: 'sr-box' }, [hidden(`${p.label} ${which}`), e]);
      return { e, label };
    };
    const lo = box('min', p.min), hi = box('max', p.max);
    const scale = h('span', { className: 'sr-scale', textContent: SCALE_NAMES[p.scale], title: p.help });
    const error = h('p', { className: 'sr-error', id: uid('err'), hidden: true, role: 'alert' });
    return { param: p, input, check, minBox: lo.e, maxBox: hi.e, min: lo.label, max: hi.label, scale, error };
  }

  clearErrors() {
    for (const e of this.root().querySelectorAll('.sr-error')) { e.hidden = true; e.textContent = ''; }
    for (const e of this.root().querySelectorAll('[aria-invalid]')) { e.removeAttribute('aria-invalid'); e.removeAttribute('aria-describedby'); }
  }

  root() { return this.method.row.closest('.search') || document; }

  // Shows message under input (or under a fieldset when input is null).
  showError(input, error, message) {
    error.textContent = message;
    error.hidden = false;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
    }
  }

  // An engine error about a parameter ("params[1].min", or its name) shown beside its row;
  // true if it found one.
  showEngineError(error) {
    const index = /params\[(\d+)\]/.exec(error.field || '');
    const checked = this.rows.filter((r) => r.input.checked);
    const row = index ? checked[Number(index[1])] : this.rows.find((r) => (error.field || '').includes(r.param.name));
    if (!row) return false;
    const box = /max/.test(error.field) ? row.maxBox : row.minBox;
    this.showError(box, row.error, `${error.message}${error.field ? ` (${error.field})` : ''}`);
    return true;
  }

  // The settings, checked: { params: [{ name, min, max, scale }], method, trials, gridPoints,
  // epochs, early, workers } or null (the errors are shown).
  read() {
    this.clearErrors();
    let ok = true;
    const params = [];
    for (const r of this.rows) {
      if (!r.input.checked) continue;
      const range = checkRange(r.param, r.minBox.value, r.maxBox.value);
      if (range.error) {
        ok = false;
        this.showError(range.which === 'max' ? r.maxBox : r.minBox, r.error, range.error);
      } else params.push({ name: r.param.name, min: range.min, max: range.max, scale: r.param.scale });
    }
    if (!this.rows.some((r) => r.input.checked)) {
      ok = false;
      this.showError(null, this.paramsError, 'Choose at least one hyperparameter to search (tick its box).');
    }
    const count = (s, label, [lo, hi]) => {
      const c = checkCount(label, s.input.value, lo, hi);
      if (c.error) { ok = false; this.showError(s.input, s.error, c.error); }
      return c.value;
    };
    const method = this.method.input.value;
    const trials = method === 'random' ? count(this.trials, 'Trials', LIMITS.trials) : undefined;
    const gridPoints = method === 'grid' ? count(this.gridPoints, 'Grid points per parameter', LIMITS.gridPoints) : 3;
    if (method === 'grid' && gridPoints && params.length && gridPoints ** params.length > MAX_GRID_TRIALS) {
      ok = false;
      this.showError(this.gridPoints.input, this.gridPoints.error,
        `A grid of ${gridPoints}^${params.length} is ${gridPoints ** params.length} trials; allowed: at most ${MAX_GRID_TRIALS}. Use fewer points or random search.`);
    }
    const epochs = count(this.epochs, 'Epochs per trial', LIMITS.epochs);
    const workers = count(this.workers, 'Workers', LIMITS.workers);
    if (!ok) return null;
    return { params, method, trials: trials ?? gridPoints ** params.length, gridPoints, epochs, early: this.early.input.checked, workers };
  }

  // Writes narrowed ranges (a refinement) into the boxes.
  setRanges(params) {
    for (const p of params) {
      const r = this.rows.find((x) => x.param.name === p.name);
      if (!r) continue;
      r.minBox.value = formatValue(r.param.scale, p.min);
      r.maxBox.value = formatValue(r.param.scale, p.max);
    }
  }
}
