// Bias and variance in the course's terms, from the engine's diagnosis:
//   avoidable bias = train error - Bayes (human-level) error
//   variance       = dev error - train error
// each with a small bar, the case in words and the recipe of what to try next. Built with
// createElement and textContent only: nothing from the data is parsed as HTML.
import { el } from '../dom.js';

// The engine's threshold for "high" (Diagnosis::kHighThreshold, 2 percentage points).
export const HIGH_THRESHOLD = 0.02;

const isNumber = (x) => typeof x === 'number' && Number.isFinite(x);

// 0.123 -> "12.3%", -0.005 -> "-0.5%"; anything that is not a number -> "–".
export function formatPercent(x) {
  if (!isNumber(x)) return '–';
  const text = (Math.abs(x) * 100).toFixed(1);
  return `${x < 0 && Number(text) !== 0 ? '-' : ''}${text}%`;
}

// Everything the panel shows, as plain data. errors: { train_error, dev_error } (fractions;
// when missing they are recovered from the diagnosis); diagnosis: the engine's.
export function diagnosisModel(errors, diagnosis) {
  const d = diagnosis || {};
  const bayes = isNumber(d.bayes_error) ? d.bayes_error : 0;
  const train = isNumber(errors?.train_error) ? errors.train_error
    : isNumber(d.avoidable_bias) ? bayes + d.avoidable_bias : null;
  const dev = isNumber(errors?.dev_error) ? errors.dev_error
    : isNumber(train) && isNumber(d.variance) ? train + d.variance : null;
  const bias = isNumber(d.avoidable_bias) ? d.avoidable_bias : isNumber(train) ? train - bayes : null;
  const variance = isNumber(d.variance) ? d.variance : isNumber(train) && isNumber(dev) ? dev - train : null;
  const words = String(d.case || '');
  // The bars share one scale, at least 10 points wide, so small gaps look small.
  const scale = Math.max(0.1, isNumber(bias) ? bias : 0, isNumber(variance) ? variance : 0);
  const gap = (value, high) => ({
    value, text: formatPercent(value), high, fraction: isNumber(value) ? Math.max(0, value) / scale : 0,
  });
  return {
    available: isNumber(bias) && isNumber(variance),
    rows: [
      { label: 'Bayes (human-level) error', text: formatPercent(bayes) },
      { label: 'Train error', text: formatPercent(train) },
      { label: 'Dev error', text: formatPercent(dev) },
    ],
    bias: gap(bias, /high bias/.test(words) || (!words && bias > HIGH_THRESHOLD)),
    variance: gap(variance, /high variance/.test(words) || (!words && variance > HIGH_THRESHOLD)),
    threshold: HIGH_THRESHOLD / scale,
    case: words,
    // Once each: both high cases end with "try another architecture".
    recipe: Array.isArray(d.recipe) ? [...new Set(d.recipe.map(String))] : [],
  };
}

export class DiagnosisPanel {
  // element: the container to fill (its old content is replaced).
  constructor(element) {
    this.element = element;
    this.clear();
  }

  clear() {
    this.element.replaceChildren(el('p', 'dx-empty', 'The diagnosis appears when a run finishes.'));
  }

  // errors: { train_error, dev_error } (fractions); diagnosis: { bayes_error,
  // avoidable_bias, variance, case, recipe }.
  update(errors, diagnosis) {
    const m = diagnosisModel(errors, diagnosis);
    if (!m.available) {
      this.element.replaceChildren(el('p', 'dx-empty',
        'No bias/variance diagnosis: it needs the train and dev error of a classification.'));
      return;
    }
    const table = el('table', 'dx-table');
    table.append(el('caption', 'dx-caption', 'Errors, and the gaps between them'));
    const body = el('tbody');
    for (const row of m.rows) body.append(this.row(row.label, row.text));
    body.append(this.row('Avoidable bias (train − Bayes)', m.bias.text, m.bias, m.threshold));
    body.append(this.row('Variance (dev − train)', m.variance.text, m.variance, m.threshold));
    table.append(body);
    const key = el('p', 'dx-key',
      `The dotted mark on each bar is ${formatPercent(HIGH_THRESHOLD)}: a gap above it is high.`);

    const verdict = el('p', 'dx-case', 'Diagnosis: ');
    verdict.append(el('strong', '', m.case || 'unknown'));
    const parts = [verdict, table, key];
    if (m.recipe.length) {
      parts.push(el('p', 'dx-recipe-title', 'What to try next:'));
      const list = el('ul', 'dx-recipe');
      for (const step of m.recipe) list.append(el('li', '', step));
      parts.push(list);
    }
    this.element.replaceChildren(...parts);
  }

  // One table row: the quantity, its value and, for a gap, a bar and the word high or low.
  row(label, text, gap, threshold) {
    const tr = el('tr');
    const th = el('th', '', label);
    th.scope = 'row';
    tr.append(th, el('td', 'dx-value', text));
    const cell = el('td', 'dx-gap');
    if (gap) {
      const bar = el('span', 'dx-bar');
      bar.setAttribute('aria-hidden', 'true');
      const fill = el('span', `dx-fill ${gap.high ? 'dx-high' : 'dx-low'}`);
      fill.style.width = `${(gap.fraction * 100).toFixed(1)}%`;
      const mark = el('span', 'dx-threshold');
      mark.style.left = `${(threshold * 100).toFixed(1)}%`;
      mark.title = `high above ${formatPercent(HIGH_THRESHOLD)}`;
      bar.append(fill, mark);
      cell.append(bar, el('span', `dx-word ${gap.high ? 'dx-high-text' : ''}`, gap.high ? 'high' : 'low'));
    }
    tr.append(cell);
    return tr;
  }
}
