// The hyperparameters a search can vary, in the engine's names (short: the table's header),
// with the page's default ranges and the scale each is sampled on; reading and checking a
// range typed by the learner; formatting a value and placing it on a chart's axis. Pure.
//   scale: 'log' (uniform in log10), 'one_minus_log' (beta: uniform in log10(1 - beta)),
//          'int', 'pow2' (powers of two), 'linear'

export const PARAMS = [
  { name: 'learning_rate', short: 'α', label: 'Learning rate α', scale: 'log', min: 1e-4, max: 1e-1, checked: true,
    limits: [1e-6, 10], help: 'The step size; the course tunes it first, on a log scale.' },
  { name: 'l2', short: 'L2 λ', label: 'L2 λ', scale: 'log', min: 1e-5, max: 1e-1, checked: true,
    limits: [1e-12, 1e6], help: 'The L2 penalty lambda, on a log scale.' },
  { name: 'beta1', short: 'β₁', label: 'β₁ (momentum)', scale: 'one_minus_log', min: 0.9, max: 0.999, checked: false,
    limits: [0, 0.99999], help: 'Momentum’s and Adam’s beta1, sampled on a log scale of 1 − β₁ (averaging over about 1/(1 − β₁) steps). Has no effect with plain gradient descent.' },
  { name: 'beta2', short: 'β₂', label: 'β₂ (RMSProp, Adam)', scale: 'one_minus_log', min: 0.99, max: 0.9999, checked: false,
    limits: [0, 0.99999], help: 'RMSProp’s and Adam’s beta2, on a log scale of 1 − β₂. Rarely tuned.' },
  { name: 'epsilon', short: 'ε', label: 'ε (RMSProp, Adam)', scale: 'log', min: 1e-10, max: 1e-6, checked: false,
    limits: [1e-12, 1], help: 'The epsilon of RMSProp and Adam, on a log scale. Rarely tuned.' },
  { name: 'decay_rate', short: 'Decay rate', label: 'Decay rate', scale: 'log', min: 1e-3, max: 1, checked: false,
    limits: [1e-9, 1e6], help: 'The learning-rate decay rate (with a decaying schedule), on a log scale.' },
  { name: 'hidden_units', short: 'Units', label: 'Hidden units', scale: 'int', min: 2, max: 32, checked: false,
    limits: [1, 4096], help: 'Units in every hidden layer, a whole number.' },
  { name: 'hidden_layers', short: 'Layers', label: 'Hidden layers', scale: 'int', min: 1, max: 4, checked: false,
    limits: [1, 63], help: 'The number of hidden layers, a whole number.' },
  { name: 'batch_size', short: 'Batch', label: 'Mini-batch size', scale: 'pow2', min: 8, max: 256, checked: false,
    limits: [1, 100000], help: 'The mini-batch size, a power of two.' },
  { name: 'keep_prob', short: 'keep_prob', label: 'Dropout keep_prob', scale: 'linear', min: 0.5, max: 1, checked: false,
    limits: [0.05, 1], help: 'The keep probability of dropout in every hidden layer, on a linear scale.' },
];

export const paramOf = (name) => PARAMS.find((p) => p.name === name);
export const labelOf = (name) => paramOf(name)?.label ?? name;
export const shortOf = (name) => paramOf(name)?.short ?? name;

export const SCALE_NAMES = { log: 'log', one_minus_log: 'log of 1 − β', int: 'whole', pow2: 'powers of 2', linear: 'linear' };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

// A number typed in a box, or undefined.
export function readNumber(text) {
  const t = String(text).trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

// A range typed for param: { min, max } or { error, which: 'min' | 'max' }, the error
// saying what was wrong and what is allowed.
export function checkRange(param, minText, maxText) {
  const [lo, hi] = param.limits;
  const min = readNumber(minText), max = readNumber(maxText);
  const whole = param.scale === 'int' || param.scale === 'pow2';
  for (const [which, value, text] of [['min', min, minText], ['max', max, maxText]]) {
    if (value === undefined) return { which, error: `The ${which} of ${param.label} “${String(text).trim()}” is not a number.` };
    if (whole && !Number.isInteger(value)) return { which, error: `${param.label} takes whole numbers; ${which} is ${value}.` };
    if (param.scale === 'log' && value <= 0)
      return { which, error: `${param.label} is searched on a log scale, so its ${which} must be > 0 (it is ${value}).` };
    if (param.scale === 'one_minus_log' && value >= 1)
      return { which, error: `${param.label} must be below 1 (1 − β is searched on a log scale); ${which} is ${value}.` };
    if (value < lo || value > hi) return { which, error: `The ${which} of ${param.label} is ${value}; allowed: ${lo} to ${hi}.` };
  }
  if (min > max) return { which: 'min', error: `The min of ${param.label} (${min}) is above its max (${max}); allowed: min ≤ max.` };
  return { min, max };
}

// A whole number typed for a setting, within [lo, hi]: { value } or { error }.
export function checkCount(label, text, lo, hi) {
  const value = readNumber(text);
  if (value === undefined || !Number.isInteger(value) || value < lo || value > hi)
    return { error: `${label} is “${String(text).trim()}”; allowed: a whole number from ${lo} to ${hi}.` };
  return { value };
}

// The value on a chart's x axis: 1 - beta for beta (its log axis), the value itself otherwise.
export const axisValue = (scale, v) => (scale === 'one_minus_log' ? 1 - v : v);
export const axisIsLog = (scale) => scale === 'log' || scale === 'one_minus_log' || scale === 'pow2';
export function axisTitle(param) {
  if (param.scale === 'one_minus_log') return `1 − ${param.label.split(' ')[0]} (log scale)`;
  return axisIsLog(param.scale) ? `${param.label} (log scale)` : param.label;
}

// A value as the table shows it: whole numbers as they are, betas with the digits that
// tell 0.99 from 0.999, others to 3 significant digits (scientific below 0.001).
export function formatValue(scale, v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  if (scale === 'int' || scale === 'pow2') return String(Math.round(v));
  if (scale === 'one_minus_log') return String(Number(v.toFixed(Math.min(8, Math.max(3, 2 - Math.floor(Math.log10(1 - v)))))));
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}
