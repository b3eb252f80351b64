// The gradient-check report: per parameter block the relative difference
//   ||d_approx - d||_2 / (||d_approx||_2 + ||d||_2)
// in scientific notation and its band (the course's: great < 1e-7, fine < 1e-5, worrying
// < 1e-3, wrong above), told apart by an icon, a word and a colour; the worst components
// of each block on request; the notes and the overall verdict. Built with createElement
// and textContent only.
import { el } from '../dom.js';

export const DEFAULT_BANDS = [1e-7, 1e-5, 1e-3];

const BANDS = [
  { key: 'great', icon: '✓' },
  { key: 'fine', icon: '✓' },
  { key: 'worrying', icon: '⚠' },
  { key: 'wrong', icon: '✗' },
];

// The engine writes non-finite numbers as the strings "nan" and "inf".
const toNumber = (x) => (typeof x === 'number' ? x : x === 'inf' ? Infinity : NaN);

// The band of a relative difference: { key, icon }. Not a number (NaN, inf): wrong.
export function bandOf(difference, bands = DEFAULT_BANDS) {
  const d = toNumber(difference);
  if (!(d >= 0) || !Number.isFinite(d)) return BANDS[3];
  const i = bands.findIndex((limit) => d < limit);
  return BANDS[i < 0 ? 3 : i];
}

// 0.000302 -> "3.0e-4", 0 -> "0", "nan" -> "NaN".
export function formatScientific(x, digits = 1) {
  const d = toNumber(x);
  if (d === 0) return '0';
  if (!Number.isFinite(d)) return Number.isNaN(d) ? 'NaN' : d > 0 ? 'inf' : '-inf';
  return d.toExponential(digits).replace('e+', 'e');
}

function header(text, scope) {
  const th = el('th', '', text);
  th.scope = scope;
  return th;
}

// The icon (hidden from screen readers: the word says it) and the verdict's words.
function verdictNode(band, verdict) {
  const span = el('span', `gc-verdict gc-${band.key}`);
  const icon = el('span', 'gc-icon', band.icon);
  icon.setAttribute('aria-hidden', 'true');
  span.append(icon, el('span', '', verdict || band.key));
  return span;
}

export class GradcheckPanel {
  // element: the container to fill (its old content is replaced).
  constructor(element) {
    this.element = element;
    this.status = el('p', 'gc-status');
    this.status.setAttribute('role', 'status');
    this.body = el('div', 'gc-body');
    this.element.replaceChildren(this.status, this.body);
    this.status.textContent = 'Check the gradients to compare backprop with a numerical gradient.';
  }

  showRunning() {
    this.body.setAttribute('aria-busy', 'true');
    this.status.className = 'gc-status';
    this.status.textContent = 'Checking the gradients: two forward passes per parameter…';
    this.body.replaceChildren();
  }

  showError(message) {
    this.body.removeAttribute('aria-busy');
    this.status.textContent = `The gradient check failed: ${message}`;
    this.status.className = 'gc-status gc-error';
    this.body.replaceChildren();
  }

  // report: { difference, verdict, epsilon, bands, blocks: [{ block, difference, verdict,
  // worst: [{ row, col, analytic, numeric }] }], notes }.
  show(report) {
    this.body.removeAttribute('aria-busy');
    const bands = Array.isArray(report.bands) && report.bands.length === 3 ? report.bands : DEFAULT_BANDS;
    const overall = bandOf(report.difference, bands);
    this.status.className = 'gc-status gc-overall';
    this.status.replaceChildren(`Overall difference ${formatScientific(report.difference)}: `,
      verdictNode(overall, report.verdict));

    const table = el('table', 'gc-table');
    table.append(el('caption', '', 'Gradient check: the relative difference per parameter block'));
    const head = el('thead');
    const hr = el('tr');
    hr.append(header('Block', 'col'), header('Difference', 'col'), header('Verdict', 'col'));
    head.append(hr);
    const body = el('tbody');
    for (const block of report.blocks || []) {
      const band = bandOf(block.difference, bands);
      const tr = el('tr', `gc-row gc-row-${band.key}${block.worst?.length ? ' gc-has-worst' : ''}`);
      const verdict = el('td');
      verdict.append(verdictNode(band, band.key));
      tr.append(header(block.block, 'row'), el('td', 'gc-number', formatScientific(block.difference)), verdict);
      body.append(tr);
      if (!block.worst?.length) continue;
      // The worst components on request, in a row of their own under the block's.
      const more = el('tr', 'gc-worst-row');
      const cell = el('td');
      cell.colSpan = 3;
      cell.append(this.worst(block));
      more.append(cell);
      body.append(more);
    }
    table.append(head, body);

    const bandsText = el('p', 'gc-bands',
      `Bands: great below ${formatScientific(bands[0], 0)}, fine below ${formatScientific(bands[1], 0)}, ` +
      `worrying below ${formatScientific(bands[2], 0)}, wrong above. ` +
      `Numerical gradient by central differences with ε = ${formatScientific(report.epsilon ?? 1e-7, 0)}.`);
    const parts = [table, bandsText];
    if (report.notes?.length) {
      const notes = el('ul', 'gc-notes');
      for (const note of report.notes) notes.append(el('li', '', String(note)));
      parts.push(notes);
    }
    this.body.replaceChildren(...parts);
  }

  // The components with the largest |analytic - numeric|, in a <details>.
  worst(block) {
    const details = el('details', 'gc-worst');
    details.append(el('summary', '', `Worst components of ${block.block}`));
    const table = el('table', 'gc-worst-table');
    const n = block.worst.length;
    table.append(el('caption', '', `The ${n} components of ${block.block} with the largest |analytic − numeric|`));
    const hr = el('tr');
    for (const h of ['Component', 'Backprop', 'Numerical', '|Difference|']) hr.append(header(h, 'col'));
    const head = el('thead');
    head.append(hr);
    const body = el('tbody');
    for (const c of block.worst) {
      const a = toNumber(c.analytic), n = toNumber(c.numeric);
      const tr = el('tr');
      tr.append(header(`${block.block}[${c.row}, ${c.col}]`, 'row'), el('td', 'gc-number', formatScientific(a, 4)),
        el('td', 'gc-number', formatScientific(n, 4)), el('td', 'gc-number', formatScientific(Math.abs(a - n))));
      body.append(tr);
    }
    table.append(head, body);
    details.append(table);
    return details;
  }
}
