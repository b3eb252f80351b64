// Comparing runs: when a new run starts, the previous one stays on the charts, faded, named
// by what differed (e.g. "momentum, lr 0.01" when the new run uses Adam at 0.001).
import { optionName } from './controls-meta.js';
import { FIELDS, formatValue } from './state.js';

const SHORT = { optimizer: '', init: 'init ', dataset: '', hidden: 'layers ', act: '', lr: 'lr ', batch: 'batch ',
  l2: 'L2 ', l1: 'L1 ', keep: 'keep ', norm: 'norm ', schedule: 'decay ', normalize: 'normalised ', seed: 'seed ' };
const IGNORED = new Set(['speed', 'epochs']);

// The settings of `old` that differ from `next`, as a short label; "previous run" when none.
export function describeDifference(old, next) {
  const parts = [];
  for (const f of FIELDS) {
    if (IGNORED.has(f.name)) continue;
    const a = formatValue(f, old[f.name]);
    if (a === formatValue(f, next[f.name])) continue;
    const shown = f.type === 'choice' ? optionName(f.name, old[f.name]) : a;
    parts.push(`${SHORT[f.name] ?? `${f.name} `}${shown}`.trim());
  }
  return parts.length ? parts.slice(0, 3).join(', ') : 'previous run';
}
