// Using the model on the page (the "Export and import" card): predictions on a CSV file, the
// model document, and a model file loaded into a fresh page.
import { expect, test } from '@playwright/test';

import { status } from './page.js';

async function trainToEnd(page) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('Finished', { timeout: 30_000 });
}

// The text of the download a click (or a file chosen) starts.
async function downloaded(page, action) {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  let text = '';
  for await (const chunk of await download.createReadStream()) text += chunk;
  return { name: download.suggestedFilename(), text };
}

const cardStatus = (page) => page.locator('#link-status');
const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test('Predict on a file downloads one row per input row; a bad CSV is refused with the engine\'s message', async ({ page }) => {
  await page.goto('./#speed=max&epochs=5&seed=3');
  await trainToEnd(page);
  const rows = ['x2,x1'];  // the default experiment's features, in any order
  for (let i = 0; i < 17; i += 1) rows.push(`${(i % 5) / 2 - 1},${Math.floor(i / 5) / 2 - 0.7}`);
  const predictions = await downloaded(page, () => page.getByLabel('Predict on a file').setInputFiles(csvFile('points.csv', rows.join('\n'))));
  expect(predictions.name).toBe('predictions.csv');
  const lines = predictions.text.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^predicted,p_/);
  expect(lines).toHaveLength(1 + 17);
  for (const line of lines.slice(1)) {
    const [, p0, p1] = line.split(',').map(Number);
    expect(Math.abs(p0 + p1 - 1)).toBeLessThan(1e-6);
  }
  await expect(cardStatus(page)).toContainText('Predicted 17 rows of points.csv');

  await page.getByLabel('Predict on a file').setInputFiles(csvFile('bad.csv', 'x1,x2\n0,1\n0.5,zz\n'));
  await expect(cardStatus(page)).toContainText('bad.csv was not predicted:');
  await expect(cardStatus(page)).toContainText('row 3, column "x2": "zz" is not a number');
  await expect(status(page)).toContainText('Finished');  // the run is still there
});

test('Model JSON carries the Weights JSON export; Load model brings spec, weights and batch norm to a fresh page', async ({ page, browser }) => {
  await page.goto('./#speed=max&epochs=6&seed=5&lr=0.2&hidden=8&act=relu&norm=batch');
  await trainToEnd(page);
  const model = await downloaded(page, () => page.getByRole('button', { name: 'Model JSON' }).click());
  expect(model.name).toBe('descent-model.json');
  const doc = JSON.parse(model.text);
  expect(doc.format).toBe('descent-model');
  const weights = JSON.parse((await downloaded(page, () => page.getByRole('button', { name: 'Weights JSON' }).click())).text);
  expect(doc.weights).toEqual(weights);
  expect(doc.batch_norm).toHaveLength(1);  // the hidden layer's running averages
  const spec = await page.evaluate(() => window.descent.loadedSpec);

  const fresh = await browser.newPage();
  await fresh.goto('./#speed=max&epochs=3&seed=9');
  await expect(status(fresh)).toContainText('Ready · epoch 0 of 3');
  // A file that is not a model is refused, nothing changes.
  await fresh.getByLabel('Load model').setInputFiles({ name: 'spec.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(spec)) });
  await expect(fresh.locator('#link-status')).toContainText('spec.json is not a model');
  await fresh.getByLabel('Load model').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(model.text) });
  await expect(fresh.locator('#link-status')).toContainText('Loaded the model from model.json: its spec and its weights.');
  await expect(status(fresh)).toContainText('epoch 0 of 6');
  expect(await fresh.evaluate(() => window.descent.loadedSpec)).toEqual(spec);
  const loaded = JSON.parse((await downloaded(fresh, () => fresh.getByRole('button', { name: 'Weights JSON' }).click())).text);
  expect(loaded).toEqual(weights);
  const restored = JSON.parse((await downloaded(fresh, () => fresh.getByRole('button', { name: 'Model JSON' }).click())).text);
  expect(restored.batch_norm).toEqual(doc.batch_norm);
  await fresh.close();
});
