// "Which hyperparameters mattered" and the edge hints, without the page: the explained values
// are not shares (they may add to more than 100%, and the card says so), chance has a level,
// a hyperparameter outside the course's list carries no course priority, and the best trial
// at the edge of a range gets a "widen the range" hint unless the range cannot go further.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { edgeHints, positionIn } from '../../web/search/edges.js';
import { chanceExplained, explainedRows, explainedText } from '../../web/search/explained.js';

const ENGINE = [  // the engine's answer for a search of 8 trials: eta^2 each, measured alone
  { name: 'learning_rate', explained: 0.83, course_priority: 1, course_note: 'The course\'s first priority: alpha matters most, tune it first.' },
  { name: 'l2', explained: 0.52, course_priority: null, course_note: 'Not in the course\'s list: regularisation is tuned once the dev error shows variance.' },
];

test('explained values are not shares: they add to more than 100% and the text says so', () => {
  const rows = explainedRows(ENGINE, 8);
  const total = rows.reduce((sum, r) => sum + r.explained, 0);
  assert.ok(total > 1, `the engine's values add to ${total}`);
  const text = explainedText(8);
  assert.match(text, /These are not shares/);
  assert.match(text, /can pass 100%/);
  assert.doesNotMatch(text, /share of the spread/);
});

test('chance: a hyperparameter that did nothing explains about (bins - 1) / (trials - 1)', () => {
  assert.equal(chanceExplained(8), 4 / 7);
  assert.equal(chanceExplained(3), 2 / 2);  // 3 trials: 3 bins, everything is explained
  assert.equal(chanceExplained(101), 4 / 100);
  assert.ok(Number.isNaN(chanceExplained(1)));
  const rows = explainedRows(ENGINE, 8);
  assert.deepEqual(rows.map((r) => r.aboveChance), [true, false]);  // 0.52 < 4/7
  assert.match(explainedText(8, rows), /about 57% by chance \(the tick on each bar\)/);
  // A grid of 3 x 3: each hyperparameter took 3 values, 3 bins: (3 - 1) / (9 - 1).
  assert.equal(chanceExplained(9, 3), 0.25);
  const grid = explainedRows(ENGINE, 9, { learning_rate: 3, l2: 3 });
  assert.deepEqual(grid.map((r) => r.chance), [0.25, 0.25]);
  assert.match(explainedText(9, grid), /about 25% by chance/);
  const mixed = explainedRows(ENGINE, 9, { learning_rate: 9, l2: 3 });
  assert.match(explainedText(9, mixed), /as much as the tick on its bar shows by chance\.$/);
});

test('the course priority is the engine\'s: null for a hyperparameter outside the course\'s list', () => {
  const rows = explainedRows(ENGINE, 8);
  assert.equal(rows[0].course_priority, 1);
  assert.equal(rows[1].course_priority, null);
  assert.match(rows[1].course_note, /^Not in the course's list/);
  assert.equal(explainedRows([{ name: 'x', explained: 0.1, course_priority: 'two' }], 8)[0].course_priority, null);
});

const row = (values) => ({ status: 'done', round: 1, values });
const LR = { name: 'learning_rate', min: 1e-4, max: 1e-2, scale: 'log' };

test('positionIn: on the scale each range was sampled on', () => {
  const half = (t) => Math.abs(t - 0.5) < 1e-12;
  assert.ok(half(positionIn(1e-3, LR)));
  assert.ok(half(positionIn(0.99, { name: 'beta1', min: 0.9, max: 0.999, scale: 'one_minus_log' })));
  assert.ok(half(positionIn(64, { name: 'batch_size', min: 16, max: 256, scale: 'pow2' })));
  assert.ok(half(positionIn(12, { name: 'hidden_units', min: 2, max: 22, scale: 'int' })));
  assert.ok(Number.isNaN(positionIn(1, { name: 'hidden_units', min: 4, max: 4, scale: 'int' })));
});

test('the best trial at the edge of a range gets a hint to widen it that way', () => {
  const top = edgeHints(row({ learning_rate: 0.01 }), [LR]);
  assert.equal(top.length, 1);
  assert.equal(top[0].side, 'high');
  assert.match(top[0].text, /Best trial: Learning rate α = 0\.01 is at the top of its range \(1e-4 to 0\.01\): widen the range upwards/);
  const bottom = edgeHints(row({ learning_rate: 1.2e-4 }), [LR]);
  assert.equal(bottom[0].side, 'low');
  assert.match(bottom[0].text, /widen the range downwards/);
  assert.deepEqual(edgeHints(row({ learning_rate: 1e-3 }), [LR]), []);  // inside: no hint
  assert.deepEqual(edgeHints(null, [LR]), []);
});

test('no hint where the range already reaches what is allowed (keep_prob 1)', () => {
  const keep = { name: 'keep_prob', min: 0.5, max: 1, scale: 'linear' };
  assert.deepEqual(edgeHints(row({ keep_prob: 1 }), [keep]), []);
  assert.equal(edgeHints(row({ keep_prob: 0.5 }), [keep])[0].side, 'low');
});
