// The search's results as rows: one per trial (its round, values, final metrics and
// status), the best of them, sorting, the progress line and the CSV export. Pure: no DOM.
import { formatValue, labelOf, paramOf } from './params.js';

// The engine writes non-finite metrics as "inf" and "nan"; accuracy is null for regression.
export function toNumber(v) {
  if (typeof v === 'number') return v;
  if (v === 'inf' || v === '+inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return NaN;
}

// A trial's final metrics from its answer: the summary describes the weights kept (the best
// epoch after early stopping); error = 1 - accuracy (regression has none: NaN).
export function trialMetrics(answer) {
  const s = answer?.summary;
  if (!s) return { train_error: NaN, dev_error: NaN, dev_loss: NaN, epochs: 0 };
  const error = (accuracy) => (accuracy === null || accuracy === undefined ? NaN : 1 - toNumber(accuracy));
  return {
    train_error: error(s.train_accuracy),
    dev_error: error(s.dev_accuracy),
    dev_loss: toNumber(s.dev_loss),
    epochs: s.epochs_run ?? answer.epochs?.at(-1)?.epoch ?? 0,
    stopped: s.stopped,
  };
}

// A row: trial is the plan's { id, values, spec }, result the pool's (or null while queued).
export function makeRow(round, number, trial, result) {
  const status = result?.status ?? 'queued';
  const metrics = status === 'done' ? trialMetrics(result.answer) : { train_error: NaN, dev_error: NaN, dev_loss: NaN, epochs: 0 };
  return { round, number, id: trial.id, values: trial.values, spec: trial.spec, status, error: result?.error ?? null,
    ms: result?.ms ?? 0, ...metrics };
}

// What ranks trials: the dev error, then (a tie, or regression) the dev loss.
const score = (row) => [Number.isFinite(row.dev_error) ? row.dev_error : Infinity,
  Number.isFinite(row.dev_loss) ? row.dev_loss : Infinity];

// The best finished row (lowest dev error, ties to the lower dev loss), or null.
export function bestRow(rows) {
  let best = null;
  for (const row of rows) {
    if (row.status !== 'done') continue;
    const [e, l] = score(row);
    if (!Number.isFinite(e) && !Number.isFinite(l)) continue;
    if (!best) { best = row; continue; }
    const [be, bl] = score(best);
    if (e < be || (e === be && l < bl)) best = row;
  }
  return best;
}

// The k best finished rows, best first.
export function topRows(rows, k) {
  return rows.filter((r) => r.status === 'done' && score(r).some(Number.isFinite))
    .sort((a, b) => score(a)[0] - score(b)[0] || score(a)[1] - score(b)[1]).slice(0, k);
}

// A column's sort key of a row: 'round', 'number', 'status', a metric, or a value's name.
export function cellValue(row, key) {
  if (key in row && key !== 'values') return row[key];
  return row.values?.[key];
}

// missing: a trial of imported results that never ran (a cluster's job lost or not collected).
const STATUS_ORDER = { done: 0, running: 1, queued: 2, failed: 3, cancelled: 4, missing: 5 };

// A copy of rows sorted by key, 'ascending' or 'descending'; missing and non-finite numbers
// go last either way, equal keys keep trial order.
export function sortRows(rows, key, direction = 'ascending') {
  const sign = direction === 'descending' ? -1 : 1;
  const keyOf = (row) => {
    const v = cellValue(row, key);
    if (key === 'status') return STATUS_ORDER[v] ?? 9;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  return rows.map((row, i) => ({ row, i, k: keyOf(row) })).sort((a, b) => {
    if (a.k === null || b.k === null) return (a.k === null) - (b.k === null) || a.i - b.i;
    return sign * (a.k - b.k) || a.i - b.i;
  }).map((x) => x.row);
}

// An error fraction as a percentage: 0.0333 -> "3.3%".
export function formatPercent(v) {
  if (typeof v !== 'number' || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return '∞';
  return `${(v * 100).toFixed(1)}%`;
}

// A loss to 3 significant digits.
export function formatLoss(v) {
  if (typeof v !== 'number' || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return '∞';
  return Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2).replace('e+', 'e') : String(Number(v.toPrecision(3)));
}

// "learning rate α 0.0123, L2 λ 1.2e-4": the values of a trial, in words.
export function describeValues(values, names) {
  return names.map((n) => `${labelOf(n)} ${formatValue(paramOf(n)?.scale, values?.[n])}`).join(', ');
}

// The progress line: counts and the best so far.
export function progressText({ done, running, queued, failed, cancelled = 0, missing = 0 }, best, names) {
  const parts = [`${done} done`, `${running} running`, `${queued} queued`, `${failed} failed`];
  if (cancelled) parts.push(`${cancelled} cancelled`);
  if (missing) parts.push(`${missing} missing`);
  let text = `Trials: ${parts.join(', ')}.`;
  if (best) {
    text += ` Best so far: ${metricText(best)} (round ${best.round}, trial ${best.number}) with ${describeValues(best.values, names)}.`;
  }
  return text;
}

// "dev error 4.2%", or the dev loss when there is no error (regression).
export const metricText = (row) => (Number.isFinite(row.dev_error) ? `dev error ${formatPercent(row.dev_error)}` : `dev loss ${formatLoss(row.dev_loss)}`);

// The status line after an import: "Imported 12 trials from results.json: 11 done, 1 failed,
// 0 missing. Best: dev error 4.2% (trial 3) with ...". counts: countRows' of the rows.
export function importedText(counts, rows, rounds, name, best, names) {
  const many = rounds.length > 1;
  let text = `Imported ${rows.length} trial${rows.length === 1 ? '' : 's'}${many ? ` (${rounds.length} rounds)` : ''} from ${name}: `
    + `${counts.done} done, ${counts.failed} failed, ${counts.missing ?? 0} missing${counts.cancelled ? `, ${counts.cancelled} cancelled` : ''}.`;
  if (best) text += ` Best: ${metricText(best)} (${many ? `round ${best.round}, ` : ''}trial ${best.number}) with ${describeValues(best.values, names)}.`;
  else text += ' None is best: no trial finished with a dev error or dev loss.';
  return text;
}

// The table as CSV: one line per row, the searched values in the engine's names.
export function toCsv(rows, names) {
  const columns = ['round', 'trial', ...names, 'train_error', 'dev_error', 'dev_loss', 'epochs', 'seconds', 'status', 'error'];
  const cell = (v) => {
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
    const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : v > 0 ? 'inf' : '-inf') : String(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const line = (r) => [r.round, r.number, ...names.map((n) => r.values?.[n]), r.train_error, r.dev_error, r.dev_loss,
    r.epochs, r.ms ? Number((r.ms / 1000).toFixed(3)) : null, r.status, r.error].map(cell).join(',');
  return `${[columns.join(','), ...rows.map(line)].join('\n')}\n`;
}
