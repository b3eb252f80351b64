// What survives a reload (web/persist.js): bounded, validated, never trusted; and the
// restart brake of web/supervisor.js.
//   node --test tests/web/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KEYS, LIMITS, SavedRuns, decodeRuns, decodeSettings, encodeRuns, readSaved, remember, slimRun,
} from '../../web/persist.js';
import { RestartBudget } from '../../web/supervisor.js';

// A run of n epochs as the engine reports them (with fields the chart does not draw).
const epochs = (n, offset = 0) => Array.from({ length: n }, (_, i) => ({
  epoch: i, step: i * 10, train_error: 0.5 / (i + 1) + offset, dev_error: 0.6 / (i + 1), test_error: null,
  train_loss: 1 / (i + 1), dev_loss: i === 3 ? 'inf' : 1.1 / (i + 1), test_loss: null, layers: [{ w_norm: 1 }],
}));

// localStorage's interface over a Map.
class MapStorage {
  constructor(entries = {}) { this.map = new Map(Object.entries(entries)); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
}

test('a run round-trips: the chart fields, the same numbers, "inf" kept', () => {
  const run = slimRun('lr 0.1', epochs(50));
  const { runs, problem } = decodeRuns(encodeRuns([run]).text);
  assert.equal(problem, '');
  assert.equal(runs.length, 1);
  assert.equal(runs[0].label, 'lr 0.1');
  assert.equal(runs[0].epochs.length, 50);
  assert.deepEqual(runs[0].epochs[3], { epoch: 3, train_error: 0.125, dev_error: 0.15, train_loss: 0.25, dev_loss: 'inf' });
  assert.equal(runs[0].epochs[49].train_error, 0.5 / 50);
});

test('a long run is thinned evenly to at most 1000 epochs, first and last kept', () => {
  const run = slimRun('long', epochs(20001));
  assert.ok(run.epochs.length <= LIMITS.points, `${run.epochs.length} epochs`);
  assert.equal(run.epochs[0].epoch, 0);
  assert.equal(run.epochs.at(-1).epoch, 20000);
  const gaps = new Set(run.epochs.slice(1, -1).map((e, i) => e.epoch - run.epochs[i].epoch));
  assert.deepEqual([...gaps], [21]);
});

test('the newest 10 runs are kept; a label used again replaces its run', () => {
  let runs = [];
  for (let i = 0; i < 14; i += 1) runs = remember(runs, slimRun(`run ${i}`, epochs(5)));
  assert.deepEqual(runs.map((r) => r.label), ['run 4', 'run 5', 'run 6', 'run 7', 'run 8', 'run 9', 'run 10', 'run 11', 'run 12', 'run 13']);
  runs = remember(runs, slimRun('run 6', epochs(7)));
  assert.equal(runs.length, 10);
  assert.equal(runs.at(-1).label, 'run 6');
  assert.equal(runs.at(-1).epochs.length, 7);
});

test('over the size bound the oldest runs are dropped until it fits', () => {
  const runs = Array.from({ length: 10 }, (_, i) => slimRun(`run ${i}`, epochs(1000, i)));
  const whole = encodeRuns(runs, Infinity).text.length;
  const { text, dropped } = encodeRuns(runs, whole * 0.55);
  console.log(`10 runs of 1000 epochs: ${(whole / 1e6).toFixed(2)} MB; bound ${(whole * 0.55 / 1e6).toFixed(2)} MB keeps ${10 - dropped}`);
  assert.ok(text.length <= whole * 0.55);
  assert.ok(whole <= LIMITS.chars, 'ten full runs fit the default bound');
  assert.equal(dropped, 5);
  assert.deepEqual(decodeRuns(text).runs.map((r) => r.label), ['run 5', 'run 6', 'run 7', 'run 8', 'run 9']);
});

test('corrupt, oversized or hostile stored runs are ignored with a reason', () => {
  const cases = [
    ['{not json', 'not valid JSON'],
    [JSON.stringify({ version: 99, runs: [] }), "not in this page's format"],
    [JSON.stringify({ version: 1, runs: 'x' }), "not in this page's format"],
    ['x'.repeat(LIMITS.chars + 1), 'allowed: at most 2.0 MB'],
    [JSON.stringify({ version: 1, runs: Array(11).fill(null) }), 'there are 11; allowed: at most 10'],
  ];
  for (const [text, reason] of cases) {
    const { runs, problem } = decodeRuns(text);
    assert.deepEqual(runs, []);
    assert.match(problem, new RegExp(reason.replace(/[.()]/g, '\\$&')), text.slice(0, 40));
  }
  // One bad run among good ones: the bad one goes, the others stay.
  const good = JSON.parse(encodeRuns([slimRun('a', epochs(3)), slimRun('b', epochs(3))]).text);
  const bad = [
    { ...good.runs[0], label: '<img src=x onerror=alert(1)>'.repeat(10) },  // too long a label
    { ...good.runs[0], epoch: [0, 2, 1] },                                   // not increasing
    { ...good.runs[0], dev_error: [0.1, '1e3', 0.2] },                      // a string not the engine's
    { ...good.runs[0], train_loss: [0.1] },                                  // not as long
    { ...good.runs[0], __proto__: null, epoch: { length: 3 } },              // not an array
  ];
  const { runs, problem } = decodeRuns(JSON.stringify({ version: 1, runs: [...bad, good.runs[1]] }));
  assert.deepEqual(runs.map((r) => r.label), ['b']);
  assert.equal(problem, '5 of the 6 runs saved from your last visit were not valid and were ignored.');
});

test('saved settings are hash text of bounded length, else ignored', () => {
  assert.deepEqual(decodeSettings('#lr=0.01'), { hash: '#lr=0.01', problem: '' });
  assert.deepEqual(decodeSettings(null), { hash: '', problem: '' });
  assert.match(decodeSettings('lr=0.01').problem, /ignored/);
  assert.deepEqual(decodeSettings(`#spec=${'a'.repeat(5000)}`).problem, '');  // a compressed spec: decodeLink checks it
  assert.match(decodeSettings(`#${'a'.repeat(120_000)}`).problem, /at most 110000 characters/);
});

test('SavedRuns writes the kept runs and the current one; storage that throws is reported', () => {
  const storage = new MapStorage();
  const saved = new SavedRuns(storage);
  saved.add('gd', epochs(4));
  assert.equal(saved.save({ label: 'run of 10:00:00', epochs: epochs(6) }), '');
  assert.deepEqual(readSaved(storage).runs.map((r) => [r.label, r.epochs.length]), [['gd', 4], ['run of 10:00:00', 6]]);
  assert.equal(saved.save({ label: 'untrained', epochs: epochs(1) }), '');  // epoch 0 only: not a run yet
  assert.deepEqual(readSaved(storage).runs.map((r) => r.label), ['gd']);

  const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
  assert.match(new SavedRuns(full).save(null), /could not be saved for the next visit: QuotaExceededError/);
  const blocked = { getItem: () => { throw new Error('SecurityError'); } };
  assert.deepEqual(readSaved(blocked), { hash: '', runs: [], problems: ['Nothing could be read from your last visit: SecurityError.'] });
  const hostile = new MapStorage({ [KEYS.settings]: '#hidden=8&lr=9999', [KEYS.runs]: '[]' });
  assert.deepEqual(readSaved(hostile).problems, ["The runs saved from your last visit were ignored: they are not in this page's format (version 1)."]);
});

test('RestartBudget allows 3 restarts in any minute, then refuses until one ages out', () => {
  const budget = new RestartBudget(3, 60_000);
  assert.deepEqual([0, 1000, 2000, 3000].map((t) => budget.allow(t)), [true, true, true, false]);
  assert.equal(budget.allow(59_999), false);
  assert.equal(budget.allow(60_000), true);   // the restart at 0 is a minute old
  assert.throws(() => new RestartBudget(0), /max must be a whole number >= 1; got 0/);
});
