// The page at desktop and phone sizes, by keyboard, and looked at.
import { expect, test } from '@playwright/test';

import { framesPerSecond } from './page.js';

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

test('the main thread keeps 50 frames a second while the default experiment trains', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of 300' })).toBeVisible();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const fps = await framesPerSecond(page, 3000);
  const epochs = await page.evaluate(() => window.descent.epochs.length);
  console.log(`main thread: ${fps.toFixed(1)} frames/s over 3 s of the default experiment (${epochs} epochs drawn)`);
  expect(epochs).toBeGreaterThan(100);
  expect(fps).toBeGreaterThanOrEqual(50);
});
