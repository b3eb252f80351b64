// The walking skeleton, end to end: the real page, the real worker, the real engine.
import { expect, test } from '@playwright/test';

import { framesPerSecond, series, status, settings } from './page.js';

test('Train draws train and dev error per epoch, and dev error falls', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#speed=fast&epochs=60');
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of 60' })).toBeVisible();

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /Finished · epoch 60 of 60/ })).toBeVisible({ timeout: 30_000 });

  const dev = await series(page, 'Dev error');
  const train = await series(page, 'Train error');
  expect(dev.length).toBeGreaterThanOrEqual(5);
  expect(dev.length).toBe(61);  // epoch 0 and one point per epoch
  expect(train.length).toBe(61);
  expect(dev[dev.length - 1].y).toBeLessThan(dev[0].y);
  expect(dev[dev.length - 1].y).toBeLessThan(0.15);
  // The legend names both curves.
  const labels = await page.evaluate(() =>
    window.descent.chart.chart.data.datasets.map((d) => d.label));
  expect(labels).toEqual(['Train error', 'Dev error']);
  expect(errors).toEqual([]);
});

test('Pause stops the run and Reset returns to epoch 0 with the same weights', async ({ page }) => {
  await page.goto('./#speed=slow&epochs=500');
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of 500' })).toBeVisible();
  const first = (await series(page, 'Dev error'))[0];

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled();
  await expect.poll(async () => (await series(page, 'Dev error')).length).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status(page)).toContainText('Paused');
  const paused = (await series(page, 'Dev error')).length;
  await page.waitForTimeout(500);
  expect((await series(page, 'Dev error')).length).toBe(paused);

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(status(page)).toContainText('Ready · epoch 0 of 500');
  const after = await series(page, 'Dev error');
  expect(after).toEqual([first]);  // same initial weights: the same epoch-0 error

  // Step trains exactly one epoch.
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect.poll(async () => (await series(page, 'Dev error')).length).toBe(2);
});

test('The main thread stays responsive while the worker trains flat out @timing', async ({ page }) => {
  await page.goto('./#speed=max&epochs=1000000&hidden=32,32');
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of 1000000' })).toBeVisible();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('steps/s');

  const fps = await framesPerSecond(page, 2000);
  const epochs = (await series(page, 'Dev error')).length;
  await page.getByRole('button', { name: 'Pause' }).click();
  console.log(`main thread: ${fps.toFixed(1)} frames/s over 2 s while the worker trained ${epochs} epochs`);
  expect(epochs).toBeGreaterThan(50);       // it really was training all along
  expect(fps).toBeGreaterThanOrEqual(30);  // frames per second on the main thread
});

test('A value that is not allowed is refused beside its control, and the run is kept', async ({ page }) => {
  await page.goto('./#epochs=40&speed=fast');
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of 40' })).toBeVisible();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Finished' })).toBeVisible();
  const before = (await series(page, 'Dev error')).length;

  const epochs = settings(page).getByLabel('Epochs', { exact: true });
  await epochs.fill('-1');
  await epochs.press('Enter');
  await expect(page.getByText('Epochs "-1" is not allowed: use a whole number from 1 to 1000000.')).toBeVisible();
  await expect(epochs).toHaveAttribute('aria-invalid', 'true');
  expect((await series(page, 'Dev error')).length).toBe(before);

  // The engine's own validation reaches the page too: a mini-batch larger than the training set.
  const samples = settings(page).getByLabel('Samples', { exact: true });
  await samples.fill('10');
  await samples.press('Enter');
  await expect(page.locator('#field-batch-error')).toHaveText('batch_size is 32; allowed: 1 to the training-set size, 7');
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot train this experiment: batch_size is 32' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  expect((await series(page, 'Dev error')).length).toBe(before);
});

test('A hostile or invalid link falls back to defaults with a notice', async ({ page }) => {
  await page.goto('./#lr=<img src=x onerror=alert(1)>&seed=7');
  await expect(page.getByText('Some settings in the link were not valid and were reset to defaults: lr.')).toBeVisible();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('-1');  // the slider is log10(alpha)
  await expect(settings(page).getByLabel('Learning rate α', { exact: true })).toHaveValue('0.1');
  await expect(settings(page).getByLabel('Seed', { exact: true })).toHaveValue('7');
  expect(await page.locator('img').count()).toBe(0);
});
