// Comparing runs: when a new run starts, the previous one stays on the charts, faded, named
// by what differed (e.g. "Momentum, lr 0.01" when the new run uses Adam at 0.001).
import { optionName } from './option-names.js';
import { formatText } from './spec/kinds.js';
import { LAYER_ROWS, ROWS, valueOf } from './spec/table.js';
import { deepEqual, differingPaths } from './spec/path.js';

const SHORT = { optimizer: '', init: 'init ', dataset: '', lr: 'lr ', batch: 'batch ', l2: 'L2 ', l1: 'L1 ',
  schedule: 'decay ', normalize: 'normalised ', seed: 'seed ', output: 'output ' };
const IGNORED = new Set(['epochs']);

// The settings of spec `old` that differ from `next`, as a short label; "previous run" when none.
export function describeDifference(old, next) {
  const parts = [];
  for (const row of ROWS) {
    if (IGNORED.has(row.key)) continue;
    const a = valueOf(row, old);
    if (deepEqual(a, valueOf(row, next))) continue;
    const shown = row.kind === 'choice' ? optionName(row.key, a) : formatText(row, a);
    parts.push(`${SHORT[row.key] ?? `${row.label} `}${shown}`.trim());
  }
  const hidden = (s) => s.layers.slice(0, -1);
  for (const r of LAYER_ROWS) {
    const a = hidden(old).map((l) => l[r.field]);
    if (!deepEqual(a, hidden(next).map((l) => l[r.field]))) parts.push(`${r.key === 'hidden' ? 'layers' : r.key} ${a.join(',')}`);
  }
  if (!parts.length && differingPaths(old, next).length) parts.push(differingPaths(old, next).slice(0, 2).join(', '));
  return parts.length ? parts.slice(0, 3).join(', ') : 'previous run';
}
