// The page's ranges are the engine's: each control of web/spec/table.js (ROWS, and LAYER_ROWS
// at layers[0]) allows exactly what the engine accepts at the control's path. The engine is
// the reference: its bounds are accepted (unless open), a value just outside each bound is
// refused naming the row's path, and the page's own check (kinds.js) agrees on every value.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fillSpec } from '../../web/spec/fill.js';
import { formatText, isAllowed, parseText } from '../../web/spec/kinds.js';
import { getAt, setAt } from '../../web/spec/path.js';
import { LAYER_ROWS, ROWS, rowOf, rowOfField, withValue } from '../../web/spec/table.js';
import { answer, loadEngine } from './engine.mjs';

const engine = await loadEngine();
const session = new engine.Session();

// { ok, field, steps } of the engine's answer.
function load(spec) {
  const a = answer(session.load(JSON.stringify(spec)));
  return { ok: a.ok, field: a.error?.field, message: a.error?.message, steps: a.steps_per_epoch, spec: a.spec };
}

const BASE = fillSpec({ epochs: 1 });
const dataset = (source, spec = BASE) => withValue(rowOf('dataset'), spec, source).spec;
const DIGITS = dataset('digits');
const SMALL_CSV = 'a,b,label\n0,1,x\n1,0,y\n0.5,0.5,x\n1,1,y\n0,0,x\n';
// A spec around each row that lets its whole range be valid (the batch fits the training
// set, flip and shift have images, the class count a data set that has classes).
const AROUND = {
  samples: { ...BASE, batch_size: 0 },
  batch: fillSpec({ epochs: 1, data: { samples: 100000 }, split: { train: 1, dev: 0, test: 0 } }),
  classes: dataset('blobs'),
  flip: DIGITS,
  shift: DIGITS,
};
const around = (row) => AROUND[row.key] ?? BASE;

// The engine's answer to value at row, and the page's: they must agree.
function verdict(row, value, spec) {
  const engine = load(spec);
  return { engine, page: isAllowed(row, value) };
}

// Runs the checks, gathering every disagreement, then fails once naming them all.
function gather(run) {
  const failures = [];
  run((ok, what) => { if (!ok) failures.push(what); });
  assert.deepEqual(failures, []);
}

// Values at and just beyond a numeric row's bounds: [value, whether the engine takes it].
// (Below the batch size's 1 is its 0, "full", checked on its own: -1 is beyond.)
function edges(row) {
  const step = (x) => (row.whole ? 1 : Math.max(1, Math.abs(x)) * 1e-6);
  const below = row.kind === 'batch' ? -1 : row.min - step(row.min);
  const out = [[row.min, !row.minOpen], [row.max, !row.maxOpen], [below, false], [row.max + step(row.max), false]];
  if (row.whole) out.push([row.min + 0.5, false]);
  return out;
}

function checkNumber(expect, row, path, set) {
  for (const [value, accepted] of edges(row)) {
    const spec = set(value);
    const { engine, page } = verdict(row, value, spec);
    const what = `${path} = ${value}`;
    expect(engine.ok === accepted, `${what}: the engine ${engine.ok ? 'accepts' : `refuses (${engine.message})`}; expected ${accepted ? 'accepted' : 'refused'}`);
    expect(page === accepted, `${what}: the page ${page ? 'allows' : 'refuses'} it; the engine ${accepted ? 'accepts' : 'refuses'} it`);
    if (!accepted && !engine.ok) expect(engine.field === path, `${what}: the engine names ${engine.field}, not ${path}`);
    if (accepted && engine.ok) expect(getAt(engine.spec, path) === value, `${what}: the engine keeps ${getAt(engine.spec, path)}`);
    if (accepted) expect(parseText(row, formatText(row, value)) === value, `${what}: the control's text ${formatText(row, value)} reads back as ${parseText(row, formatText(row, value))}`);
  }
}

const OPTION_EXTRAS = {
  'data.source': {
    csv: (spec) => ({ ...spec, data: { ...spec.data, csv: SMALL_CSV, label: 'label' }, batch_size: 0 }),
    inline: (spec) => ({ ...spec, data: { ...spec.data, x: [[0], [1], [2], [3]], y: [0, 1, 0, 1] }, batch_size: 0 }),
  },
  'init.scheme': {
    explicit: (spec) => ({ ...spec, init: { ...spec.init, weights: [{ W: Array(8).fill([1, 1]) }, { W: Array(8).fill(Array(8).fill(0.1)) }, { W: [Array(8).fill(1)] }] } }),
  },
};

function checkChoice(expect, row, path, set) {
  for (const option of row.options) {
    const spec = (OPTION_EXTRAS[path]?.[option] ?? ((s) => s))(set(option));
    const { engine, page } = verdict(row, option, spec);
    expect(engine.ok, `${path} = ${option}: the engine refuses (${engine.message})`);
    expect(page, `${path} = ${option}: the page does not allow it`);
  }
  const bogus = load(set('made_up'));
  expect(!bogus.ok && bogus.field === path, `${path} = made_up: ${bogus.ok ? 'accepted' : `refused naming ${bogus.field}`}`);
  expect(!isAllowed(row, 'made_up'), `${path} = made_up: the page allows it`);
}

function checkBool(expect, row, path, set) {
  for (const value of [true, false]) expect(load(set(value)).ok, `${path} = ${value}: refused (${load(set(value)).message})`);
  const bad = load(set('yes'));
  expect(!bad.ok && bad.field === path, `${path} = "yes": ${bad.ok ? 'accepted' : bad.field}`);
  expect(!isAllowed(row, 'yes') && parseText(row, 'yes') === undefined, `${path} = "yes": the page allows it`);
}

const CHECKS = { number: checkNumber, choice: checkChoice, bool: checkBool };
const SPECIAL = new Set(['split', 'batch', 'output']);

test('every numeric, choice and on/off control allows exactly what the engine accepts at its path', () => {
  gather((expect) => {
    for (const row of ROWS.filter((r) => !SPECIAL.has(r.key))) {
      const check = CHECKS[row.kind];
      expect(check, `${row.key}: a kind (${row.kind}) this test does not know: add its check`);
      check?.(expect, row, row.path, (value) => withValue(row, around(row), value).spec);
    }
  });
});

test('every hidden-layer control (at layers[0]) allows exactly what the engine accepts', () => {
  gather((expect) => {
    for (const row of LAYER_ROWS) {
      const path = `layers[0].${row.field}`;
      CHECKS[row.kind](expect, row, path, (value) => setAt(BASE, path, value));
    }
  });
});

test('the batch size: 0 is the whole training set, 1 to 100000 within the training set, nothing else', () => {
  const row = rowOf('batch');
  gather((expect) => {
    checkNumber(expect, row, 'batch_size', (value) => ({ ...AROUND.batch, batch_size: value }));
    const full = load({ ...BASE, batch_size: 0 });
    expect(full.ok && full.steps === 1, `batch_size 0: ${full.message ?? `${full.steps} steps an epoch`}`);
    expect(isAllowed(row, 0) && parseText(row, 'full') === 0 && formatText(row, 0) === 'full', 'batch_size 0 reads and shows as "full"');
    // The default split trains on 280 of the 400 examples.
    expect(load({ ...BASE, batch_size: 280 }).ok, 'batch_size 280 = the training set is accepted');
    const over = load({ ...BASE, batch_size: 281 });
    expect(!over.ok && over.field === 'batch_size' && rowOfField(over.field, BASE) === row, `batch_size 281: ${over.message}`);
  });
});

test('the split: three percentages that sum to 100 with train above 0, as the engine takes ratios', () => {
  const row = rowOf('split');
  gather((expect) => {
    for (const text of ['70/30/0', '60/20/20', '98/1/1', '100/0/0', '33.3/33.3/33.4']) {
      const value = parseText(row, text);
      expect(value !== undefined, `${text}: the page refuses it`);
      const engine = load(withValue(row, BASE, value).spec);
      expect(engine.ok, `${text}: the engine refuses (${engine.message})`);
      expect(formatText(row, value) === text, `${text} shows as ${formatText(row, value)}`);
    }
    for (const [text, ratios] of [['0/50/50', [0, 0.5, 0.5]], ['60/20/30', [0.6, 0.2, 0.3]], ['-10/60/50', [-0.1, 0.6, 0.5]], ['60/50/-10', [0.6, 0.5, -0.1]], ['110/-10/0', [1.1, -0.1, 0]]]) {
      expect(parseText(row, text) === undefined, `${text}: the page takes it`);
      const engine = load(withValue(row, BASE, ratios).spec);
      expect(!engine.ok && rowOfField(engine.field, BASE) === row, `${text}: ${engine.ok ? 'accepted' : `the engine names ${engine.field}, not the split`}`);
    }
  });
});

test('the output layer: each option fits the data it is for; a misfit or made-up one is refused at the output', () => {
  const row = rowOf('output');
  gather((expect) => {
    for (const option of row.options) {
      for (const [source, data] of Object.entries({ circles: BASE, blobs: dataset('blobs'), sine: dataset('sine'), digits: DIGITS })) {
        const spec = withValue(row, data, option).spec;
        const engine = load(spec);
        // sigmoid: two classes; softmax: one unit per class, two or more; linear: a regression
        // (or, as the engine allows, mean squared error on class labels).
        const fits = { sigmoid: source === 'circles', softmax: source !== 'sine', linear: true }[option];
        if (fits) expect(engine.ok && engine.spec.layers.at(-1).activation === option, `${option} on ${source}: ${engine.message}`);
        else expect(!engine.ok && rowOfField(engine.field, spec) === row, `${option} on ${source}: ${engine.ok ? 'accepted' : `the engine names ${engine.field}`}`);
      }
    }
    const L = BASE.layers.length - 1;
    const bogus = load(setAt(BASE, `layers[${L}].activation`, 'made_up'));
    expect(!bogus.ok && rowOfField(bogus.field, BASE) === row, `made_up output: ${bogus.field}`);
  });
});
