// Every control family, driven through roles and labels, asserting on what the page shows.
import { expect, test } from '@playwright/test';

import { series, status, settings } from './page.js';

async function trainToEnd(page) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('Finished', { timeout: 30_000 });
}

test('data: another data set reloads the run and redraws the boundary', async ({ page }) => {
  await page.goto('./#speed=fast&epochs=20');
  await expect(status(page)).toContainText('Ready · epoch 0 of 20');
  await settings(page).getByLabel('Data set', { exact: true }).selectOption({ label: 'Moons' });
  await expect(page).toHaveURL(/dataset=moons/);
  await expect(page.locator('#boundary-caption')).toContainText('training points');
  await trainToEnd(page);
  const boundary = await page.evaluate(() => window.descent.boundary.lastSummary());
  expect(boundary.resolution).toBeGreaterThan(10);

  // Real data with 64 features: no boundary, and the page says why.
  await settings(page).getByLabel('Data set', { exact: true }).selectOption('digits');
  await expect(page.locator('#boundary-caption')).toContainText('this data set has 64 features');
  await expect(status(page)).toContainText('Ready · epoch 0 of 20');
  await expect(settings(page).getByLabel('Samples', { exact: true })).toBeHidden();  // only for generated data
});

test('network: layers are added, changed and removed', async ({ page }) => {
  await page.goto('./#speed=fast&epochs=5');
  await expect(page.getByRole('list', { name: 'Hidden layers' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Add layer' }).click();
  await expect(page.getByRole('list', { name: 'Hidden layers' }).getByRole('listitem')).toHaveCount(3);
  await page.getByLabel('Activation, layer 1').selectOption('tanh');
  await page.getByLabel('Keep prob, layer 2').fill('0.8');
  await page.getByLabel('Keep prob, layer 2').press('Enter');
  await page.getByLabel('Norm, layer 3').selectOption('batch');
  await expect(page).toHaveURL(/hidden=8,8,8&act=tanh,relu,relu&norm=none,none,batch&keep=1,0.8,1/);
  await page.getByRole('button', { name: 'Remove layer 3' }).click();
  await expect(page.getByRole('list', { name: 'Hidden layers' }).getByRole('listitem')).toHaveCount(2);
  await trainToEnd(page);
  const layers = await page.evaluate(() => window.descent.epochs.at(-1).layers.length);
  expect(layers).toBe(3);  // two hidden layers and the output layer
  await page.getByLabel('Units, layer 1').fill('0');
  await page.getByLabel('Units, layer 1').press('Enter');
  await expect(page.getByText('Units of layer 1 "0" is not allowed: use a whole number from 1 to 4096.')).toBeVisible();
});

test('initialisation: zeros never break the symmetry', async ({ page }) => {
  await page.goto('./#speed=max&epochs=50');
  await settings(page).getByLabel('Initialisation', { exact: true }).selectOption('zeros');
  await expect(status(page)).toContainText('Ready · epoch 0 of 50');
  await trainToEnd(page);
  const train = await page.evaluate(() => window.descent.epochs.map((e) => e.train_loss));
  for (const loss of train) expect(Math.abs(loss - Math.log(2))).toBeLessThan(1e-3);
});

test('optimisation: the learning rate and L2 change live, without restarting the run', async ({ page }) => {
  await page.goto('./#speed=slow&epochs=400');
  await page.getByLabel('Optimizer', { exact: true }).selectOption('adam');
  await expect(settings(page).getByLabel('beta2', { exact: true })).toBeVisible();
  await expect(settings(page).getByLabel('Decay rate', { exact: true })).toBeHidden();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(async () => (await series(page, 'Dev error')).length).toBeGreaterThan(5);
  await page.getByLabel('Learning rate', { exact: true }).fill('-3');  // log10: alpha = 0.001
  await settings(page).getByLabel('L2 lambda', { exact: true }).fill('0.5');
  await settings(page).getByLabel('L2 lambda', { exact: true }).press('Enter');
  await expect(settings(page).getByLabel('Learning rate α', { exact: true })).toHaveValue('0.001');
  await expect.poll(async () => page.evaluate(() => window.descent.epochs.at(-1).learning_rate)).toBe(0.001);
  const epochs = await page.evaluate(() => window.descent.epochs.map((e) => e.epoch));
  expect(epochs[0]).toBe(0);  // the same run went on
  expect(epochs.length).toBeGreaterThan(5);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page).toHaveURL(/optimizer=adam/);
  await expect(page).toHaveURL(/lr=0.001/);
});

test('the URL reproduces the run: the same link gives identical metrics', async ({ page, context }) => {
  await page.goto('./#speed=max&epochs=15&seed=7&optimizer=momentum&lr=0.05&batch=16&hidden=6,4');
  await trainToEnd(page);
  const first = await page.evaluate(() => window.descent.epochs);
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await other.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(other)).toContainText('Finished');
  expect(await other.evaluate(() => window.descent.epochs)).toEqual(first);
});

test('runs are compared: the previous run stays, named by what differed', async ({ page }) => {
  await page.goto('./#speed=max&epochs=20');
  await trainToEnd(page);
  await page.getByLabel('Optimizer', { exact: true }).selectOption('adam');
  await expect(status(page)).toContainText('Ready · epoch 0 of 20');
  await expect.poll(() => page.evaluate(() => window.descent.metrics.runs())).toEqual(['Run 1 · Gradient descent']);
  const legend = await page.evaluate(() => window.descent.metrics.chart.data.datasets.map((d) => d.label));
  expect(legend.some((l) => l.startsWith('Run 1 · Gradient descent · '))).toBe(true);
  await page.getByRole('button', { name: 'Clear compared runs' }).click();
  expect(await page.evaluate(() => window.descent.metrics.runs())).toEqual([]);
});

test('diagnosis, gradient check and the early-stopping mark', async ({ page }) => {
  await page.goto('./#speed=max&epochs=300&samples=80&noise=0.3&hidden=64,64&optimizer=adam&lr=0.01&batch=8&early=true&patience=15&split=50/50/0');
  await trainToEnd(page);
  await expect(status(page)).toContainText('stopped at epoch');
  await expect(page.locator('#diagnosis')).toContainText(/high variance|high bias|low bias and low variance/);
  await expect(page.locator('#diagnosis')).toContainText('Avoidable bias');
  const best = await page.evaluate(() => window.descent.metrics.earlyStop);
  const epochs = await page.evaluate(() => window.descent.epochs.length - 1);
  expect(best).toBe(epochs - 15);  // the best epoch: patience epochs before the stop

  await page.getByRole('button', { name: 'Run gradient check' }).click();
  const table = page.getByRole('region', { name: 'Gradient check' }).getByRole('table');
  await expect(table).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'dW1' })).toBeVisible();
  await expect(page.locator('#gradcheck')).toContainText('great');
});

test('presets load the course\'s lessons into the controls', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Lesson preset').selectOption({ label: 'Optimisation: Adam' });
  await expect(page.getByLabel('Optimizer', { exact: true })).toHaveValue('adam');
  await expect(settings(page).getByLabel('Data set', { exact: true })).toHaveValue('moons');
  await expect(settings(page).getByLabel('Learning rate α', { exact: true })).toHaveValue('0.0007');
  await expect(settings(page).getByLabel('Mini-batch size', { exact: true })).toHaveValue('64');
  await expect(page.getByText('Lesson “Optimisation: mini-batch gradient descent, momentum and Adam”: Adam is loaded;')).toBeVisible();
});

test('exports download metrics, weights and the spec; a spec loads back', async ({ page }) => {
  await page.goto('./#speed=max&epochs=10&seed=3');
  await trainToEnd(page);
  const read = async (name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    const stream = await download.createReadStream();
    let text = '';
    for await (const chunk of stream) text += chunk;
    return { name: download.suggestedFilename(), text };
  };
  const csv = await read('Metrics CSV');
  expect(csv.name).toBe('descent-metrics.csv');
  const rows = csv.text.trim().split('\n');
  expect(rows[0]).toBe('epoch,step,train_loss,train_error,dev_loss,dev_error,test_loss,test_error,learning_rate,grad_norm');
  expect(rows).toHaveLength(12);
  const json = JSON.parse((await read('Metrics JSON')).text);
  expect(json.at(-1).epoch).toBe(10);
  const weights = JSON.parse((await read('Weights JSON')).text);
  expect(weights.blocks.map((b) => b.name)).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
  const png = await read('Chart PNG');
  expect(png.name).toBe('descent-chart.png');
  const spec = (await read('Spec JSON')).text;
  expect(JSON.parse(spec).seed).toBe(3);

  // Load a changed spec back through the file input.
  const changed = { ...JSON.parse(spec), seed: 11, optimizer: { name: 'rmsprop', learning_rate: 0.003 } };
  await page.getByLabel('Load spec').setInputFiles({ name: 'spec.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(changed)) });
  await expect(page.getByLabel('Optimizer', { exact: true })).toHaveValue('rmsprop');
  await expect(settings(page).getByLabel('Seed', { exact: true })).toHaveValue('11');
  // Import weights: a file for another network is refused with a message.
  await page.getByLabel('Import weights').setInputFiles({ name: 'w.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ blocks: [] })) });
  await expect(page.getByText('weights.blocks is 0 blocks; allowed: 6 blocks, as this network has')).toBeVisible();
});

test('data: a CSV file trains, and a malformed one is refused naming the row and column', async ({ page }) => {
  await page.goto('./#speed=max&epochs=30');
  await expect(status(page)).toContainText('Ready · epoch 0 of 30');
  const before = await page.evaluate(() => document.getElementById('boundary').toDataURL());
  await settings(page).getByLabel('Data set', { exact: true }).selectOption('csv');
  await expect(page.locator('#field-dataset-error')).toHaveText('Choose a CSV file below: the data set "CSV file" needs one.');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  const rows = ['x,y,label'];
  for (let i = 0; i < 60; i += 1) {
    const x = (i % 10) / 10, y = Math.floor(i / 10) / 6;
    rows.push(`${x},${y},${x + y > 0.9 ? 'right' : 'left'}`);
  }
  await page.getByLabel('CSV file').setInputFiles({ name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await expect(status(page)).toContainText('Ready · epoch 0 of 30');
  await page.getByLabel('Normalise inputs').check();
  await expect(status(page)).toContainText('Ready · epoch 0 of 30');
  await trainToEnd(page);
  expect((await series(page, 'Dev error')).length).toBe(31);
  const after = await page.evaluate(() => document.getElementById('boundary').toDataURL());
  expect(after).not.toBe(before);  // the boundary of the CSV's two features was drawn

  const bad = 'x,y,label\n0,1,a\n0.5,zz,b\n1,1,a\n';
  await page.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(page.locator('#field-dataset-error')).toContainText('row 3, column "y": "zz" is not a number');
  expect((await series(page, 'Dev error')).length).toBe(31);  // the trained run is still there
});
