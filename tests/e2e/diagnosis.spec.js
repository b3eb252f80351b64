// The diagnosis panel as a learner reads it: no claim about a dev set that is not there, the
// test set only when asked (and said), and a learning rate too large named first, with numbers.
import { expect, test } from '@playwright/test';

import { status } from './page.js';

const panel = (page) => page.getByRole('region', { name: 'Diagnosis' });
const percentIn = (text) => Number(/(-?\d+(?:\.\d+)?)%/.exec(text)[1]);

async function trainToEnd(page, timeout = 90_000) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('Finished', { timeout });
}

test('"Initialisation: He" has no dev set: variance unknown, the test set only on request', async ({ page }, testInfo) => {
  await page.goto('./');
  await page.getByLabel('Lesson preset').selectOption({ label: 'Initialisation: He' });
  await page.getByLabel('Speed').selectOption('max');
  await trainToEnd(page);
  const dx = panel(page);
  await expect(dx.getByText('Diagnosis:')).toContainText('low bias; variance unknown (no dev set)');
  await expect(dx.getByRole('row', { name: /^Dev error/ })).toContainText('none (no dev set)');
  await expect(dx.getByRole('row', { name: /^Variance/ })).toContainText('unknown (no dev set)');
  await expect(dx).not.toContainText('generalises to');
  await expect(dx).not.toContainText('Test error');
  await expect(dx).toContainText('Learning rate α = 0.01: no sign of trouble');
  const train = percentIn(await dx.getByRole('row', { name: /^Train error/ }).textContent());
  expect(train).toBeLessThan(2);
  await dx.screenshot({ path: testInfo.outputPath('diagnosis-no-dev-set.png') });

  // Asked for, the test set stands in for the dev set, and the panel says so.
  const box = dx.getByLabel('Use the test set (it is not for tuning)');
  await expect(box).not.toBeChecked();
  await box.check();
  await expect(box).toBeChecked();
  await expect(dx.getByText('Diagnosis:')).toContainText('low bias and low variance (test set in place of a dev set)');
  await expect(dx).toContainText('Read with the test set in place of a dev set, as you asked');
  const testError = percentIn(await dx.getByRole('row', { name: /^Test error \(in place of a dev set\)/ }).textContent());
  const variance = percentIn(await dx.getByRole('row', { name: /^Variance \(test − train\)/ }).textContent());
  expect(Math.abs(variance - (testError - train))).toBeLessThanOrEqual(0.11);  // each rounded to 0.1 point
  expect([train, testError]).toEqual([1.3, 3.0]);  // the engine's figures, the same on every host
  await dx.screenshot({ path: testInfo.outputPath('diagnosis-test-set-asked.png') });
  await box.uncheck();
  await expect(dx.getByRole('row', { name: /^Variance/ })).toContainText('unknown (no dev set)');
});

test('GD with α = 10 on the circles: the learning rate is too large, said first, with its numbers', async ({ page }, testInfo) => {
  await page.goto('./#lr=10&optimizer=gd&speed=max');
  await trainToEnd(page);
  const dx = panel(page);
  await expect(dx.getByText('Diagnosis:')).toContainText('learning rate too large');
  await expect(dx).toContainText('Learning rate α = 10: too large');
  const dead = dx.getByRole('listitem').filter({ hasText: 'of the hidden ReLU activations are 0' });
  await expect(dead).toBeVisible();
  expect(percentIn(await dead.textContent())).toBeGreaterThan(90);
  const moves = dx.getByRole('list').last().getByRole('listitem');
  await expect(moves.first()).toHaveText('lower the learning rate 3 to 10 times: α = 10 → 3.33 to 1');
  await expect(dx).not.toContainText('bigger network');
  await dx.screenshot({ path: testInfo.outputPath('diagnosis-alpha-10.png') });
});

test('"Data mismatch: dev/test differ" has a train-dev set: four errors, three gaps, the mismatch named', async ({ page }, testInfo) => {
  await page.goto('./');
  await page.getByLabel('Lesson preset').selectOption({ label: 'Data mismatch: dev/test differ' });
  await page.getByLabel('Speed').selectOption('max');
  await trainToEnd(page);
  const dx = panel(page);
  await expect(dx.getByText('Diagnosis:')).toContainText('data mismatch');
  const value = async (name) => percentIn(await dx.getByRole('row', { name }).textContent());
  // The engine's figures (tests/wasm/data-mismatch-lesson.test.mjs), the same on every host.
  expect([await value(/^Bayes/), await value(/^Train error/), await value(/^Train-dev error/), await value(/^Dev error/)])
    .toEqual([0.6, 0.3, 0.5, 15.5]);  // the lesson's Bayes error of its training rings
  expect(await value(/^Avoidable bias \(train − Bayes\)/)).toBe(-0.4);
  expect(await value(/^Variance \(train-dev − train\)/)).toBe(0.3);
  expect(await value(/^Data mismatch \(dev − train-dev\)/)).toBe(15.0);
  await expect(dx.getByRole('row', { name: /^Data mismatch/ })).toContainText('high');
  await expect(dx.getByRole('row', { name: /^Variance/ })).toContainText('low');
  await expect(dx.getByRole('listitem').filter({ hasText: 'make the training data more like dev/test' })).toBeVisible();
  await expect(dx).not.toContainText('generalises to');
  await dx.screenshot({ path: testInfo.outputPath('diagnosis-data-mismatch.png') });
});
