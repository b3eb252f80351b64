// Compared runs (web/runs.js): named in plain words from what differs, numbered in order;
// and the colours they are drawn in (web/charts/metrics-chart.js).
//   node --test tests/web/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { nextRunColor, RUN_COLORS } from '../../web/charts/metrics-chart.js';
import { describeDifference, runName } from '../../web/runs.js';
import { inRange } from '../../web/spec/kinds.js';
import { fillSpec } from '../../web/spec/fill.js';
import { ROWS, valueOf, withLayerList, withValue } from '../../web/spec/table.js';

const BASE = fillSpec({});
const set = (spec, key, value) => withValue(ROWS.find((r) => r.key === key), spec, value).spec;
const changed = (edits, spec = BASE) => Object.entries(edits).reduce((s, [k, v]) => set(s, k, v), spec);

test('one setting that differs, in the words of its control', () => {
  assert.equal(describeDifference(BASE, changed({ optimizer: 'adam' })), 'Gradient descent');
  assert.equal(describeDifference(changed({ optimizer: 'adam' }), BASE), 'Adam');
  assert.equal(describeDifference(changed({ l2: 1 }), BASE), 'L2 λ = 1');
  assert.equal(describeDifference(BASE, changed({ l2: 1 })), 'no L2');
  assert.equal(describeDifference(changed({ lr: 0.01 }), BASE), 'learning rate 0.01');
  assert.equal(describeDifference(changed({ batch: 0 }), BASE), 'full batch');
  assert.equal(describeDifference(BASE, changed({ batch: 0 })), 'mini-batch size 32');
  assert.equal(describeDifference(BASE, changed({ seed: 2 })), 'seed 1');
  assert.equal(describeDifference(BASE, changed({ normalize: true })), 'raw inputs');
  assert.equal(describeDifference(BASE, changed({ init: 'xavier' })), 'He initialisation');
  assert.equal(describeDifference(BASE, changed({ schedule: 'staircase' })), 'no learning-rate decay');
  const momentum = changed({ optimizer: 'momentum' });
  assert.equal(describeDifference(momentum, set(momentum, 'beta1', 0.5)), 'β1 = 0.9');
});

test('the hidden layers: their sizes, and a field only when its values differ', () => {
  const wide = withLayerList(BASE, 'hidden', [16]);
  assert.equal(describeDifference(BASE, wide), 'hidden layers 8, 8');  // not "ReLU activations" too
  assert.equal(describeDifference(BASE, withLayerList(BASE, 'act', ['tanh'])), 'ReLU activations');
  assert.equal(describeDifference(withLayerList(BASE, 'act', ['relu', 'tanh']), BASE), 'activations ReLU, tanh');
  assert.equal(describeDifference(BASE, withLayerList(BASE, 'keep', [0.8])), 'no dropout');
  assert.equal(describeDifference(withLayerList(BASE, 'keep', [0.8, 1]), BASE), 'keep prob 0.8, 1');
  assert.equal(describeDifference(BASE, withLayerList(BASE, 'norm', ['batch'])), 'no norm');
});

test('several differences: the first three, then how many more; epochs only when alone', () => {
  const next = changed({ optimizer: 'adam', lr: 0.01, l2: 1, seed: 5 });
  assert.equal(describeDifference(BASE, next), 'no L2, Gradient descent, learning rate 0.1 and 1 more');
  assert.equal(describeDifference(BASE, changed({ epochs: 20 })), '300 epochs');
  assert.equal(describeDifference(BASE, changed({ epochs: 20, lr: 0.5 })), 'learning rate 0.1');
  assert.equal(describeDifference(BASE, structuredClone(BASE)), 'same settings');
});

// A value of the row other than `current`, one the row allows.
function otherValue(row, current) {
  switch (row.kind) {
    case 'bool': return !current;
    case 'choice': return row.options.find((o) => o !== current);
    case 'split': return [0.5, 0.25, 0.25];
    case 'batch': return current === 0 ? 16 : 0;
    default: return [row.min, 1, 0.5, 2, row.max, 0.25].find((v) => v !== current && inRange(row, v));
  }
}

test('every control of the table is said in words: no field names, no true/false, no fallback', () => {
  for (const row of ROWS) {
    if (row.key === 'epochs') continue;
    const next = withValue(row, BASE, otherValue(row, valueOf(row, BASE))).spec;
    for (const [a, b] of [[BASE, next], [next, BASE]]) {
      const name = describeDifference(a, b);
      assert.ok(name && !/_|\btrue\b|\bfalse\b|other settings|same settings/.test(name), `${row.key}: "${name}"`);
    }
  }
});

test('runs are numbered after the highest number on the chart', () => {
  assert.equal(runName([], 'Adam'), 'Run 1 · Adam');
  assert.equal(runName(['Run 1 · Gradient descent', 'Run 3 · no L2'], 'Adam'), 'Run 4 · Adam');
  assert.equal(runName(['run of 12:00:01'], 'seed 1'), 'Run 2 · seed 1');  // saved as the page was left
});

test('each kept run takes a colour no other kept run has, none of the current run\'s', () => {
  const used = [];
  for (let i = 0; i < RUN_COLORS.length; i++) used.push(nextRunColor(used));
  assert.equal(new Set(used).size, RUN_COLORS.length);
  for (const current of ['#0072B2', '#D55E00', '#009E73']) assert.ok(!used.includes(current), current);
  assert.equal(nextRunColor([RUN_COLORS[1]]), RUN_COLORS[0]);  // a colour freed is taken again
  assert.ok(RUN_COLORS.includes(nextRunColor(used)));          // after the eighth, they come round
});
