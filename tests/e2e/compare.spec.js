// Compared runs on the train/dev chart: each earlier run keeps a colour of its own, is named
// in plain words from what the next run changed, and is shown or hidden from the legend.
// The real page, worker and engine.
import { expect, test } from '@playwright/test';

import { settings, status } from './page.js';

async function trainToEnd(page) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('Finished', { timeout: 30_000 });
}

async function type(page, label, value) {
  const field = settings(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
  await expect(status(page)).toContainText('Ready · epoch 0 of 20');
}

const runs = (page) => page.evaluate(() => window.descent.metrics.runs());

// The drawn lines, by run: { 'Run 1 · ...': { colors: [...], hidden: [...] }, current: ... }.
const lines = (page) => page.evaluate(() => {
  const chart = window.descent.metrics.chart;
  const byRun = {};
  chart.data.datasets.forEach((d, i) => {
    const run = d.label.includes(' · ') ? d.label.slice(0, d.label.lastIndexOf(' · ')) : 'current';
    byRun[run] ??= { colors: [], hidden: [] };
    byRun[run].colors.push(d.borderColor);
    byRun[run].hidden.push(!chart.isDatasetVisible(i));
  });
  return byRun;
});

// Clicks a legend entry where a person would: at its place on the canvas.
async function clickLegend(page, text) {
  const at = await page.evaluate((t) => {
    const chart = window.descent.metrics.chart;
    const i = chart.legend.legendItems.findIndex((item) => item.text === t);
    const box = chart.legend.legendHitBoxes[i];
    const canvas = chart.canvas.getBoundingClientRect();
    return box && { x: canvas.left + box.left + box.width / 2, y: canvas.top + box.top + box.height / 2 };
  }, text);
  expect(at, `legend entry "${text}"`).toBeTruthy();
  await page.mouse.click(at.x, at.y);
}

test('three compared runs have three distinct colours and plain names; the legend shows or hides each', async ({ page }, info) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#speed=max&epochs=20');
  await trainToEnd(page);
  await settings(page).getByLabel('Optimizer', { exact: true }).selectOption('adam');
  await expect(status(page)).toContainText('Ready · epoch 0 of 20');
  await trainToEnd(page);
  await type(page, 'L2 lambda', '1');
  await trainToEnd(page);
  await type(page, 'Mini-batch size', '16');

  // Each named by its own value of what the next run changed, numbered in order.
  const names = ['Run 1 · Gradient descent', 'Run 2 · no L2', 'Run 3 · mini-batch size 32'];
  await expect.poll(() => runs(page)).toEqual(names);
  const drawn = await lines(page);
  expect(Object.keys(drawn).sort()).toEqual([...names, 'current'].sort());
  const colorOf = (run) => {
    expect(new Set(drawn[run].colors).size, `${run}: train and dev in one colour`).toBe(1);
    return drawn[run].colors[0];
  };
  const kept = names.map(colorOf);
  expect(new Set(kept).size).toBe(3);
  for (const c of drawn.current.colors) expect(kept).not.toContain(c);

  // Every kept run has one legend entry, after the current run's lines.
  const legend = await page.evaluate(() => window.descent.metrics.chart.legend.legendItems.map((i) => i.text));
  expect(legend).toEqual(['Train error', 'Dev error', ...names]);
  await page.locator('.metrics-card').screenshot({ path: info.outputPath('compared-runs.png') });

  // A legend click hides all of a run's lines, another shows them again; the others stay.
  await clickLegend(page, names[1]);
  await expect.poll(async () => (await lines(page))[names[1]].hidden).toEqual([true, true]);
  expect((await lines(page))[names[0]].hidden).toEqual([false, false]);
  expect(await page.evaluate((n) => window.descent.metrics.isRunShown(n), names[1])).toBe(false);
  await page.locator('.metrics-card').screenshot({ path: info.outputPath('compared-runs-one-hidden.png') });
  await clickLegend(page, names[1]);
  await expect.poll(async () => (await lines(page))[names[1]].hidden).toEqual([false, false]);

  // A fourth run keeps the colours of the three before it.
  await trainToEnd(page);
  await settings(page).getByLabel('Optimizer', { exact: true }).selectOption('momentum');
  await expect.poll(() => runs(page)).toEqual([...names, 'Run 4 · Adam']);
  const after = await lines(page);
  expect(names.map((n) => after[n].colors[0])).toEqual(kept);
  expect(kept).not.toContain(after['Run 4 · Adam'].colors[0]);
  expect(errors).toEqual([]);
});
