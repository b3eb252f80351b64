// The page at desktop and phone sizes, by keyboard, and looked at.
import { expect, test } from '@playwright/test';

import { framesPerSecond, settings, status } from './page.js';

const noHorizontalOverflow = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

test('usable on a phone: nothing overflows sideways, and it trains', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./#speed=fast&epochs=30');
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of 30' })).toBeVisible();
  expect(await noHorizontalOverflow(page)).toBe(true);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Finished' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('phone.png'), fullPage: true });
});

test('keyboard operable: Tab reaches Train and Enter starts it', async ({ page }) => {
  await page.goto('./#speed=fast&epochs=10');
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of 10' })).toBeVisible();
  for (let i = 0; i < 10; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'train')) break;
  }
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('train');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Finished' })).toBeVisible();
});

test('every control has an accessible name', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of' })).toBeVisible();
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, button')]
    .filter((el) => el.offsetParent !== null)
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
    .map((el) => el.id || el.outerHTML.slice(0, 60)));
  expect(unnamed).toEqual([]);
});

test('the main thread keeps 50 frames a second while the default experiment trains @timing', async ({ page }) => {
  // 1000 epochs: still training at the end of the 6 s window (one pause of a busy machine
  // weighs less over 6 s than over 3).
  await page.goto('./#epochs=1000');
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of 1000' })).toBeVisible();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const fps = await framesPerSecond(page, 6000);
  const epochs = await page.evaluate(() => window.descent.epochs.length);
  console.log(`main thread: ${fps.toFixed(1)} frames/s over 6 s of the default experiment (${epochs} epochs drawn)`);
  expect(epochs).toBeGreaterThan(200);
  await expect(page.getByRole('status').filter({ hasText: /epoch \d+ of 1000/ })).toContainText('Training ·');  // still training
  expect(fps).toBeGreaterThanOrEqual(50);
});

test('a calm first screen: the essentials, then “More settings”, remembered and opened by a link that sets one', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByText('Start here:')).toBeVisible();
  for (const label of ['Data set', 'Optimizer', 'Learning rate', 'Mini-batch size', 'L2 lambda'])
    await expect(settings(page).getByLabel(label, { exact: true })).toBeVisible();
  await expect(page.getByLabel('Units, layer 1')).toBeVisible();
  await expect(settings(page).getByLabel('Seed', { exact: true })).toBeHidden();  // under "More settings"
  await page.getByText('More settings', { exact: true }).click();
  await expect(settings(page).getByLabel('Seed', { exact: true })).toBeVisible();
  await page.reload();
  await expect(settings(page).getByLabel('Seed', { exact: true })).toBeVisible();  // remembered
  await page.getByText('More settings', { exact: true }).click();
  await page.goto('./#seed=5&epochs=40');
  await page.reload();
  await expect(settings(page).getByLabel('Seed', { exact: true })).toHaveValue('5');  // a link that sets one opens them
  await expect(settings(page).getByLabel('Seed', { exact: true })).toBeVisible();
});

test('a finished run offers “Train again”: the same initial weights, trained again to the same figures', async ({ page }) => {
  await page.goto('./#speed=max&epochs=30');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('Finished · epoch 30 of 30');
  const first = await page.evaluate(() => window.descent.epochs.at(-1));
  await page.getByRole('button', { name: 'Train again' }).click();
  await expect(status(page)).toContainText('Finished · epoch 30 of 30');
  expect(await page.evaluate(() => window.descent.epochs.at(-1))).toEqual(first);
});

test('on a phone the train/dev chart comes right after Train, and no card is cut off sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./');
  await page.getByLabel('Lesson preset').selectOption({ label: 'Regularisation: L2' });
  await expect(status(page)).toContainText('epoch 0 of 400');
  const train = await page.getByRole('button', { name: 'Train', exact: true }).boundingBox();
  const chart = await page.getByRole('region', { name: 'Train and dev' }).boundingBox();
  expect(chart.y - train.y).toBeLessThan(844);
  const cut = await page.evaluate(() => [...document.querySelectorAll('.panel')]
    .filter((p) => p.scrollWidth > p.clientWidth).map((p) => `${p.getAttribute('aria-labelledby') ?? p.className}: ${p.scrollWidth} > ${p.clientWidth}`));
  expect(cut).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
});

test('a slider’s value can be typed: smoothing, and a value out of its range is refused in place', async ({ page }) => {
  await page.goto('./#speed=max&epochs=20');
  const beta = page.getByLabel('Smoothing, typed');
  await beta.fill('0.9');
  await beta.press('Enter');
  await expect(page.getByLabel('Smoothing', { exact: true })).toHaveValue('0.9');
  await beta.fill('2');
  await beta.press('Enter');
  await expect(beta).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Smoothing', { exact: true })).toHaveValue('0.9');
});
