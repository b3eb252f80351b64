// Zoom and pan on the metric charts (web/charts/zoom.js): the wheel zooms the epoch axis, a
// drag pans it, Reset zoom (or a double click) shows every epoch again, a running run keeps
// the zoom, and "Log epochs" puts the epochs on a log axis from epoch 1.
// The real page, worker and engine.
import { expect, test } from '@playwright/test';

import { series, status } from './page.js';

// The x range a chart shows: { min, max, type }. which: 'metrics' | 'rateChart' | 'layers'.
const range = (page, which = 'metrics') => page.evaluate((w) => {
  const live = w === 'layers' ? window.descent.layersChart.overEpochs : window.descent[w];
  const { min, max, type } = live.chart.scales.x;
  return { min, max, type };
}, which);

// Turns the wheel over the middle of a canvas (negative: zoom in), as a person would.
async function wheel(page, canvas, deltaY, times = 5) {
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < times; i++) await page.mouse.wheel(0, deltaY);
}

async function trainToEnd(page) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('Finished', { timeout: 30_000 });
}

test('the wheel zooms the train/dev epoch axis, a drag pans it, Reset zoom and a double click restore it', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#speed=max&epochs=400');
  await trainToEnd(page);
  const canvas = page.locator('#metrics-chart');
  const reset = page.getByRole('button', { name: 'Reset zoom of the train and dev chart' });
  await expect(reset).toBeHidden();
  await expect.poll(() => range(page)).toEqual({ min: 0, max: 400, type: 'linear' });

  await wheel(page, canvas, -100);
  await expect.poll(async () => { const r = await range(page); return r.max - r.min; }).toBeLessThan(300);
  const zoomed = await range(page);
  expect(zoomed.min).toBeGreaterThan(0);
  expect(zoomed.max).toBeLessThan(400);
  await expect(reset).toBeVisible();

  // A drag to the right shows earlier epochs, the width kept.
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let dx = 10; dx <= 100; dx += 10) await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2);
  await page.mouse.up();
  const panned = await range(page);
  expect(panned.min).toBeLessThan(zoomed.min);
  expect(panned.max - panned.min).toBeCloseTo(zoomed.max - zoomed.min, 3);

  await reset.click();
  await expect.poll(() => range(page)).toEqual({ min: 0, max: 400, type: 'linear' });
  await expect(reset).toBeHidden();

  await wheel(page, canvas, -100);
  await expect(reset).toBeVisible();
  await canvas.dblclick();
  await expect.poll(() => range(page)).toEqual({ min: 0, max: 400, type: 'linear' });
  await expect(reset).toBeHidden();
  expect(errors).toEqual([]);
});

test('a running run adds epochs and the zoom stays where it was put', async ({ page }) => {
  await page.goto('./#speed=fast&epochs=100000');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(async () => (await series(page, 'Dev error')).length, { timeout: 30_000 }).toBeGreaterThan(30);
  await wheel(page, page.locator('#metrics-chart'), -100);
  await expect(page.getByRole('button', { name: 'Reset zoom of the train and dev chart' })).toBeVisible();
  const zoomed = await range(page);
  const epochs = (await series(page, 'Dev error')).length;
  await expect.poll(async () => (await series(page, 'Dev error')).length, { timeout: 30_000 }).toBeGreaterThan(epochs + 50);
  await page.waitForTimeout(200);  // a few more redraws
  expect(await range(page)).toEqual(zoomed);

  // Reset: the axis follows the run again.
  await page.getByRole('button', { name: 'Reset zoom of the train and dev chart' }).click();
  const before = (await range(page)).max;
  await expect.poll(async () => (await range(page)).max, { timeout: 30_000 }).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Pause' }).click();
});

test('Log epochs puts the train/dev epochs on a log axis from epoch 1', async ({ page }) => {
  await page.goto('./#speed=max&epochs=300');
  await trainToEnd(page);
  const logEpochs = page.getByRole('checkbox', { name: 'Log epochs' });
  await logEpochs.check();
  await expect.poll(() => range(page)).toEqual({ min: 1, max: 300, type: 'logarithmic' });
  const drawn = await page.evaluate(() => window.descent.metrics.chart.data.datasets[0].data.map((p) => p.x));
  expect(drawn[0]).toBe(1);  // epoch 0 (before training) is not on a log axis
  expect(drawn.at(-1)).toBe(300);
  // The wheel zooms the log axis too.
  await wheel(page, page.locator('#metrics-chart'), -100);
  await expect.poll(async () => (await range(page)).max).toBeLessThan(300);
  await logEpochs.uncheck();
  await expect.poll(() => range(page)).toEqual({ min: 0, max: 300, type: 'linear' });
  await expect(page.getByRole('button', { name: 'Reset zoom of the train and dev chart' })).toBeHidden();
});

test('the wheel zooms the learning-rate and per-layer charts too', async ({ page }) => {
  await page.goto('./#speed=max&epochs=200');
  await trainToEnd(page);
  for (const [which, id, name] of [['rateChart', '#rate-chart', 'learning-rate'], ['layers', '#layers-chart', 'per-layer']]) {
    await page.locator(id).scrollIntoViewIfNeeded();
    const reset = page.getByRole('button', { name: `Reset zoom of the ${name} chart` });
    await expect(reset).toBeHidden();
    await expect.poll(() => range(page, which)).toEqual({ min: 0, max: 200, type: 'linear' });
    await wheel(page, page.locator(id), -100);
    await expect.poll(async () => { const r = await range(page, which); return r.max - r.min; }).toBeLessThan(150);
    await expect(reset).toBeVisible();
    await reset.click();
    await expect.poll(() => range(page, which)).toEqual({ min: 0, max: 200, type: 'linear' });
  }
});
