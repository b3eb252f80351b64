// The engine's diagnosis of a run (engine/train/diagnosis.h, run_diagnosis.h), shown:
//   the learning rate first, with its evidence in numbers, when it is the problem;
//   avoidable bias = train error - Bayes (human-level) error
//   variance       = dev error - train error ("unknown" without a dev set)
// and, with a train-dev set (examples of the training distribution held out of training), the
// dev gap split in two as the course does when train and dev/test come from different sources:
//   variance       = train-dev error - train error
//   data mismatch  = dev error - train-dev error
// each gap with a small bar, the case in words and the recipe of what to try next. Without a
// dev set the test set stands in only when the learner ticks the box, and the panel says so.
// Built with createElement and textContent only: nothing from the data is parsed as HTML.
import { el } from '../dom.js';

// The engine's threshold for "high" (Diagnosis::kHighThreshold, 2 percentage points).
export const HIGH_THRESHOLD = 0.02;

export const TEST_SET_LABEL = 'Use the test set (it is not for tuning)';

const isNumber = (x) => typeof x === 'number' && Number.isFinite(x);

// 0.123 -> "12.3%", -0.005 -> "-0.5%"; anything that is not a number -> "–".
export function formatPercent(x) {
  if (!isNumber(x)) return '–';
  const text = (Math.abs(x) * 100).toFixed(1);
  return `${x < 0 && Number(text) !== 0 ? '-' : ''}${text}%`;
}

const VERDICT_WORDS = {
  'too large': 'too large', 'too small': 'too small', ok: 'no sign of trouble', unknown: 'cannot tell',
  'initial weights too large': 'not to blame before the initial weights',
};

// The learning-rate verdict as the panel says it, or null when the engine sent none.
export function learningRateModel(lr) {
  if (!lr || typeof lr.verdict !== 'string') return null;
  const alpha = isNumber(lr.alpha) ? ` α = ${Number(lr.alpha.toPrecision(3))}` : '';
  return {
    verdict: lr.verdict,
    problem: ['too large', 'too small', 'initial weights too large'].includes(lr.verdict),
    title: `Learning rate${alpha}: ${VERDICT_WORDS[lr.verdict] || lr.verdict}`,
    evidence: Array.isArray(lr.evidence) ? lr.evidence.map(String) : [],
  };
}

// The engine's recipe, each step once (both high cases end with "try another architecture").
function recipeOf(d) {
  return Array.isArray(d.recipe) ? [...new Set(d.recipe.map(String))] : [];
}

// Everything the panel shows, as plain data. errors: { train_error, dev_error } (fractions),
// used when the diagnosis does not carry its own; diagnosis: the engine's; useTestSet: the
// learner asked for the test set in the dev set's place (honoured only without a dev set).
export function diagnosisModel(errors, diagnosis, { useTestSet = false } = {}) {
  const top = diagnosis || {};
  const offered = Boolean(top.with_test_set && typeof top.with_test_set === 'object');
  const d = useTestSet && offered ? top.with_test_set : top;
  const onTest = d.dev_set === 'test';
  const bayes = isNumber(d.bayes_error) ? d.bayes_error : 0;
  const own = (key) => (isNumber(d[key]) ? d[key] : isNumber(errors?.[key]) ? errors[key] : null);
  const train = own('train_error') ?? (isNumber(d.avoidable_bias) ? bayes + d.avoidable_bias : null);
  const bias = isNumber(d.avoidable_bias) ? d.avoidable_bias : isNumber(train) ? train - bayes : null;
  // A train-dev set splits the dev gap (the test-set reading has none: it is read as without).
  const trainDev = own('train_dev_error');
  const split = trainDev !== null && !onTest;
  let dev, variance, mismatch = null, known;
  if (split) {
    dev = own('dev_error') ?? (isNumber(d.data_mismatch) ? trainDev + d.data_mismatch : null);
    known = isNumber(dev);  // whether the data mismatch is known
    variance = isNumber(d.variance) ? d.variance : isNumber(train) ? trainDev - train : null;
    mismatch = !known ? null : isNumber(d.data_mismatch) ? d.data_mismatch : dev - trainDev;
  } else {
    known = d.variance_known !== false;
    dev = !known ? null : own('dev_error') ?? (isNumber(train) && isNumber(d.variance) ? train + d.variance : null);
    variance = !known ? null : isNumber(d.variance) ? d.variance : isNumber(train) && isNumber(dev) ? dev - train : null;
  }
  const words = String(d.case || '');
  // The bars share one scale, at least 10 points wide, so small gaps look small.
  const scale = Math.max(0.1, ...[bias, variance, mismatch].filter(isNumber));
  const gap = (value, high) => ({
    value, text: formatPercent(value), high, fraction: isNumber(value) ? Math.max(0, value) / scale : 0,
  });
  const unknownGap = { value: null, text: 'unknown (no dev set)', high: false, fraction: 0, unknown: true };
  const highVariance = /high variance/.test(words) || (!words && variance > HIGH_THRESHOLD);
  const highMismatch = /data mismatch/.test(words.replace('no data mismatch', '')) || (!words && mismatch > HIGH_THRESHOLD);
  const devRow = onTest ? { label: 'Test error (in place of a dev set)', text: formatPercent(dev) }
    : { label: 'Dev error', text: known ? formatPercent(dev) : 'none (no dev set)', wide: !known };
  const lr = learningRateModel(top.learning_rate);
  return {
    available: isNumber(bias) && (isNumber(variance) || !known),
    rows: [
      { label: 'Bayes (human-level) error', text: formatPercent(bayes) },
      { label: 'Train error', text: formatPercent(train) },
      ...(split ? [{ label: 'Train-dev error', text: formatPercent(trainDev) }] : []),
      devRow,
    ],
    bias: gap(bias, /high bias/.test(words) || (!words && bias > HIGH_THRESHOLD)),
    variance: split || known ? gap(variance, highVariance) : unknownGap,
    varianceLabel: split ? 'Variance (train-dev − train)' : onTest ? 'Variance (test − train)' : 'Variance (dev − train)',
    // With a train-dev set: dev - train-dev, the part of the dev gap the training data's source explains.
    mismatch: !split ? null : known ? gap(mismatch, highMismatch) : unknownGap,
    mismatchLabel: 'Data mismatch (dev − train-dev)',
    threshold: HIGH_THRESHOLD / scale,
    case: words,
    headline: String(d.headline || words),
    learningRate: lr,
    testSet: { offered, used: onTest },
    recipe: recipeOf(d),
  };
}

export class DiagnosisPanel {
  // element: the container to fill (its old content is replaced).
  constructor(element) {
    this.element = element;
    this.useTestSet = false;  // the learner's choice, kept from run to run
    this.last = null;
    this.clear();
  }

  clear() {
    this.last = null;
    this.element.replaceChildren(el('p', 'dx-empty', 'The diagnosis appears when a run finishes.'));
  }

  // errors: { train_error, dev_error } (fractions); diagnosis: the engine's { bayes_error,
  // train_error, dev_error, test_error, train_dev_error, avoidable_bias, variance, data_mismatch,
  // variance_known, dev_set, case,
  // headline, recipe, learning_rate, with_test_set? }.
  update(errors, diagnosis) {
    this.last = { errors, diagnosis };
    const m = diagnosisModel(errors, diagnosis, { useTestSet: this.useTestSet });
    if (!m.available) {
      this.element.replaceChildren(el('p', 'dx-empty',
        'No bias/variance diagnosis: it needs the train and dev error of a classification.'));
      return;
    }
    const hadFocus = document.activeElement?.classList?.contains('dx-testset-input');
    const verdict = el('p', 'dx-case', 'Diagnosis: ');
    verdict.append(el('strong', '', m.headline || 'unknown'));
    const parts = [verdict];
    if (m.learningRate) parts.push(this.learningRate(m.learningRate));
    if (m.learningRate?.problem) {
      const line = el('p', 'dx-case-bv', 'Bias and variance, to read again once that is fixed: ');
      line.append(el('strong', '', m.case));
      parts.push(line);
    }
    const table = el('table', 'dx-table');
    table.append(el('caption', 'dx-caption', 'Errors, and the gaps between them'));
    const body = el('tbody');
    for (const row of m.rows) body.append(this.row(row.label, row.text, null, 0, row.wide));
    body.append(this.row('Avoidable bias (train − Bayes)', m.bias.text, m.bias, m.threshold));
    body.append(this.row(m.varianceLabel, m.variance.text, m.variance.unknown ? null : m.variance, m.threshold, m.variance.unknown));
    if (m.mismatch) body.append(this.row(m.mismatchLabel, m.mismatch.text, m.mismatch.unknown ? null : m.mismatch, m.threshold, m.mismatch.unknown));
    table.append(body);
    parts.push(table, el('p', 'dx-key',
      `The dotted mark on each bar is ${formatPercent(HIGH_THRESHOLD)}: a gap above it is high.`));
    if (m.mismatch) {
      parts.push(el('p', 'dx-key', 'A train-dev set comes from the training data’s distribution but is not trained on: '
        + 'train-dev − train measures variance, and what the dev set adds on top (dev − train-dev) measures data mismatch.'));
    }
    if (m.testSet.offered) parts.push(this.testSetChoice());
    if (m.testSet.used) {
      parts.push(el('p', 'dx-note', 'Read with the test set in place of a dev set, as you asked. Tune on it and '
        + 'its error no longer tells how the model does on new data: hold out a dev set instead.'));
    }
    if (m.recipe.length) {
      parts.push(el('p', 'dx-recipe-title', 'What to try next:'));
      const list = el('ul', 'dx-recipe');
      for (const step of m.recipe) list.append(el('li', '', step));
      parts.push(list);
    }
    this.element.replaceChildren(...parts);
    if (hadFocus) this.element.querySelector('.dx-testset-input')?.focus();
  }

  // The learning-rate verdict and what it was read from.
  learningRate(lr) {
    const box = el('div', `dx-lr dx-lr-${lr.verdict.replace(/\s+/g, '-')}`);
    box.append(el('p', 'dx-lr-title', lr.title));
    if (lr.evidence.length) {
      const list = el('ul', 'dx-evidence');
      for (const line of lr.evidence) list.append(el('li', '', line));
      box.append(list);
    }
    return box;
  }

  // The box that lets the test set stand in for the missing dev set.
  testSetChoice() {
    const label = el('label', 'dx-testset');
    const box = el('input', 'dx-testset-input');
    box.type = 'checkbox';
    box.checked = this.useTestSet;
    box.addEventListener('change', () => {
      this.useTestSet = box.checked;
      if (this.last) this.update(this.last.errors, this.last.diagnosis);
    });
    label.append(box, ` ${TEST_SET_LABEL}`);
    return label;
  }

  // One table row: the quantity, its value and, for a gap, a bar and the word high or low.
  // wide: words instead of a number, across the value and bar columns.
  row(label, text, gap, threshold, wide = false) {
    const tr = el('tr');
    const th = el('th', '', label);
    th.scope = 'row';
    if (wide) {
      const td = el('td', 'dx-value dx-words', text);
      td.colSpan = 2;
      tr.append(th, td);
      return tr;
    }
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
