// The Per layer card by depth: a statistic against the layer index at one epoch, on a log
// axis. The vanishing/exploding lesson opens on it and shows 1.5^l and 0.5^l; a view with
// nothing to draw says why instead of showing an empty chart. The real page, worker and engine.
import { expect, test } from '@playwright/test';

import { status } from './page.js';

const card = (page) => page.getByRole('region', { name: 'Per layer' });
const byDepth = (page) => page.evaluate(() => window.descent.layersChart.byDepth());

test('the vanishing/exploding lesson: activation std by depth grows as 1.5^l and shrinks as 0.5^l, on a log axis', async ({ page }, info) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#speed=max');
  await expect(status(page)).toContainText('Ready');
  for (const [run, r] of [['W = 1.5 I', 1.5], ['W = 0.5 I', 0.5]]) {
    await page.getByLabel('Lesson preset').selectOption({ label: `Vanishing and exploding gradients: ${run}` });
    await expect(status(page)).toContainText('Ready · epoch 0 of 1');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status(page)).toContainText('Finished · epoch 1 of 1', { timeout: 30_000 });

    // The lesson's one-epoch run opens by depth, on the activations' spread, at the latest epoch.
    await expect(card(page).getByRole('radio', { name: 'By depth' })).toBeChecked();
    await expect(card(page).getByLabel('Statistic', { exact: true })).toHaveValue('act_std');
    await expect(card(page).locator('#layer-epoch-value')).toHaveValue('1 (latest)');
    await expect.poll(async () => (await byDepth(page)).epoch).toBe(1);
    await expect.poll(async () => (await byDepth(page)).points.length).toBe(16);  // 15 hidden layers and the output
    const shown = await byDepth(page);
    expect(shown.scale).toBe('logarithmic');
    expect(shown.stat).toBe('act_std');
    expect(shown.points.map((p) => p.x)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));

    // What is drawn is the engine's record, and each hidden layer is r times the one before.
    const record = await page.evaluate(() => window.descent.epochs.at(-1).layers.map((l) => l.act_std));
    expect(shown.points.map((p) => p.y)).toEqual(record);
    const ratios = shown.points.slice(1, 15).map((p, i) => p.y / shown.points[i].y);
    console.log(`${run}: ratios ${ratios.map((x) => x.toFixed(3)).join(' ')}`);
    for (const ratio of ratios) expect(Math.abs(ratio / r - 1)).toBeLessThan(0.1);
    await expect(card(page).locator('#layers-caption')).toContainText(`multiplied by about ${r} per layer`);
    await card(page).screenshot({ path: info.outputPath(`by-depth-${r}.png`) });
  }
  expect(errors).toEqual([]);
});

test('a longer run: over the epochs by default, by depth at a chosen epoch, and a reason wherever there is nothing to draw', async ({ page }, info) => {
  await page.goto('./#speed=max&epochs=30');
  await expect(status(page)).toContainText('Ready · epoch 0 of 30');
  const empty = card(page).locator('#layers-empty');
  // Before training there is one record: no lines over the epochs, and the card says why.
  await expect(card(page).getByRole('radio', { name: 'Over epochs' })).toBeChecked();
  await expect(card(page).getByLabel('Statistic', { exact: true })).toHaveValue('grad_norm');
  await expect(empty).toBeVisible();
  await expect(empty).toContainText('By depth');
  await card(page).screenshot({ path: info.outputPath('over-epochs-before-training.png') });

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('Finished · epoch 30 of 30', { timeout: 30_000 });
  await expect(empty).toBeHidden();
  await expect.poll(() => page.evaluate(() => window.descent.layersChart.overEpochs.chart.data.datasets.length)).toBe(3);

  // By depth: the latest epoch, then epoch 0 picked on the slider (no gradient yet: said so).
  await card(page).getByRole('radio', { name: 'By depth' }).check();
  await expect(card(page).locator('#layer-epoch-value')).toHaveValue('30 (latest)');
  await expect.poll(async () => (await byDepth(page)).points.length).toBe(3);
  expect((await byDepth(page)).scale).toBe('logarithmic');
  await card(page).getByLabel('Epoch', { exact: true }).fill('0');
  await expect(card(page).locator('#layer-epoch-value')).toHaveValue('0');
  await expect(empty).toContainText('No gradient yet at epoch 0');
  await card(page).getByLabel('Statistic', { exact: true }).selectOption('weight_norm');
  await expect(empty).toBeHidden();
  await expect.poll(async () => (await byDepth(page)).epoch).toBe(0);
  const weights = await page.evaluate(() => window.descent.epochs[0].layers.map((l) => l.weight_norm));
  await expect.poll(async () => (await byDepth(page)).points.map((p) => p.y)).toEqual(weights);
  await card(page).screenshot({ path: info.outputPath('by-depth-epoch-0.png') });

  // The learner's choices hold for the next run.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(status(page)).toContainText('Ready · epoch 0 of 30');
  await expect(card(page).getByRole('radio', { name: 'By depth' })).toBeChecked();
  await expect(card(page).getByLabel('Statistic', { exact: true })).toHaveValue('weight_norm');
});
