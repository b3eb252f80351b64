// Every lesson's text says what its runs do: the values it names are the runs' own, every
// number in it is checked, and what it asks to watch is a measure the page computes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { checkClaims, claimValue } from '../../web/lessons/claims.js';
import { MEASURES, figures } from '../../web/lessons/measures.js';

const dir = new URL('../../public/lessons/', import.meta.url);
const lessons = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8'))
  .map(({ id }) => JSON.parse(readFileSync(new URL(`${id}.json`, dir), 'utf8')));

for (const lesson of lessons) {
  test(`${lesson.id}: the text's values are the runs' values, and it names what to watch`, () => {
    assert.deepEqual(checkClaims(lesson), []);
    assert.ok(lesson.claims.length > 0);
    assert.ok(MEASURES[lesson.measure], lesson.measure);
    assert.match(lesson.question, /^[A-Z].*[.?]$/);
  });
}

test('a claim that disagrees with a run, or a number no claim covers, is a problem', () => {
  const lesson = structuredClone(lessons.find((l) => l.id === 'regularization'));
  lesson.runs[1].spec.regularization.l2 = 0.7;
  assert.deepEqual(checkClaims(lesson), ['"lambda 1" is not what run 2 (L2) uses: its regularization.l2 is 0.7']);
  lesson.runs[1].spec.regularization.l2 = 1;
  lesson.text += ' It takes 3 minutes.';
  assert.deepEqual(checkClaims(lesson), ['the number 3 in the text is not a claim checked against the runs']);
});

test('claim values read fields, every layer, and the number of hidden layers', () => {
  const spec = { layers: [{ units: 10 }, { units: 5 }, { units: 1, activation: 'sigmoid' }], optimizer: { learning_rate: 1e-5 } };
  assert.equal(claimValue(spec, 'layers[*].units'), '10, 5, 1');
  assert.equal(claimValue(spec, 'hidden_layers'), '2');
  assert.equal(claimValue(spec, 'optimizer.learning_rate'), '0.00001');
  assert.equal(claimValue(spec, 'epochs'), '300');  // the engine's default fills in
});

test('measures are computed from the epochs', () => {
  const epochs = [{ epoch: 0, train_loss: 0.7, train_error: 0.5, dev_error: 0.5 },
    { epoch: 1, train_loss: 0.5, train_error: 0.1, dev_error: 0.25, layers: [{ act_std: 1 }, { act_std: 1.5 }, { act_std: 2.25 }, { act_std: 9 }] }];
  const f = figures('gap', epochs);
  assert.equal(f.first_loss, 0.7);
  assert.ok(Math.abs(f.measure - 0.15) < 1e-12);
  assert.ok(Math.abs(figures('act_std_growth', epochs).measure - 1.5) < 1e-12);  // the output layer is left out
  assert.equal(MEASURES.gap.format(0.15), '15.0%');
});

test('the data mismatch measure: dev error minus train-dev error at the last epoch', () => {
  const epochs = [{ epoch: 0, train_loss: 0.7, train_error: 0.5, train_dev_error: 0.5, dev_error: 0.5 },
    { epoch: 1, train_loss: 0.1, train_error: 0.0025, train_dev_error: 0.005, dev_error: 0.155, test_error: 0.155 }];
  const f = figures('data_mismatch', epochs);
  assert.ok(Math.abs(f.measure - 0.15) < 1e-12);
  assert.equal(f.train_dev_error, 0.005);
  assert.equal(MEASURES.data_mismatch.format(f.measure), '15.0%');
  assert.ok(Number.isNaN(figures('data_mismatch', [{ epoch: 0, dev_error: 0.2, train_dev_error: null }]).measure));  // no train-dev set
});
