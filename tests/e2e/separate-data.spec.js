// Separate data files: a training CSV and a dev CSV chosen in the data box train, and the dev
// error the page shows is the native runner's on the same files and seed; a dev file with a
// class the training set lacks is refused beside its input with the engine's message, and
// the sets loaded before still train; the sizes line and the boundary's caption name the sets.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

import { settings, status } from './page.js';

const RUNNER = fileURLToPath(new URL('../../build/native/engine/descent', import.meta.url));

// Two interleaved half-moons, with noise from a fixed LCG: rows "x1,x2,kind".
function moonsCsv(n, seed, classes = ['upper', 'lower']) {
  let state = seed >>> 0;
  const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const rows = ['x1,x2,kind'];
  for (let i = 0; i < n; i += 1) {
    const k = i % 2, t = Math.PI * rand();
    const x = k ? 1 - Math.cos(t) : Math.cos(t), y = k ? 0.5 - Math.sin(t) : Math.sin(t);
    rows.push(`${(x + 0.15 * (rand() - 0.5)).toFixed(4)},${(y + 0.15 * (rand() - 0.5)).toFixed(4)},${classes[k]}`);
  }
  return `${rows.join('\n')}\n`;
}
const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

// The runner's epoch records for a spec (one JSON line per epoch, then the summary).
function runnerEpochs(spec) {
  const file = join(mkdtempSync(join(tmpdir(), 'descent-separate-')), 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  return execFileSync(RUNNER, ['run', file], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .trim().split('\n').map((line) => JSON.parse(line)).filter((r) => !r.summary);
}

async function trainToEnd(page) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('Finished', { timeout: 60_000 });
}

const shownDevError = async (page) => Number(/dev error ([\d.]+)%/.exec(await status(page).textContent())[1]);

test('separate files: a train and a dev CSV train to the runner\'s dev error; a dev CSV with an unseen class is refused beside its input', async ({ page }) => {
  const train = moonsCsv(300, 11), dev = moonsCsv(100, 12);
  await page.goto('./#speed=max&epochs=25&seed=5');
  await expect(status(page)).toContainText('Ready · epoch 0 of 25');

  // Data set: CSV file, then separate files; Train waits for the training set's file.
  await settings(page).getByLabel('Data set', { exact: true }).selectOption('csv');
  const data = page.getByRole('group', { name: 'Data', exact: true });
  await data.getByRole('radio', { name: 'Separate files' }).check();
  await expect(page.getByLabel('Training set CSV')).toHaveAccessibleDescription(/None yet: choose a file \(required\)/);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await expect(page.getByText('No train/dev/test split: the sets are separate files')).toBeAttached();
  await expect(settings(page).getByLabel('Train/dev/test %')).toBeHidden();

  await page.getByLabel('Training set CSV').setInputFiles(csvFile('moons-train.csv', train));
  await expect(status(page)).toContainText('Ready · epoch 0 of 25');
  await page.getByLabel('Dev set CSV').setInputFiles(csvFile('moons-dev.csv', dev));
  await expect(page.getByLabel('Dev set CSV')).toHaveAccessibleDescription(/moons-dev\.csv: 100 rows/);
  await page.getByLabel('Train-dev examples').fill('60');
  await page.getByLabel('Train-dev examples').press('Enter');
  await expect(page.getByText('Examples: Train 240 · Train-dev 60 · Dev 100')).toBeVisible();
  await expect(status(page)).toContainText('Ready · epoch 0 of 25');

  const spec = await page.evaluate(() => window.descent.spec);
  expect(spec.split).toBeUndefined();
  expect(spec.data.train.csv).toBe(train);
  expect(spec.data.dev.csv).toBe(dev);
  expect(spec.data.train_dev).toEqual({ from: 'train', take: 60 });

  await trainToEnd(page);
  const epochs = await page.evaluate(() => window.descent.epochs);
  const reference = runnerEpochs(spec);
  expect(epochs).toHaveLength(26);
  expect(reference).toHaveLength(26);
  const last = epochs.at(-1), expected = reference.at(-1);
  for (const key of ['dev_error', 'train_error', 'train_dev_error', 'dev_loss']) {
    expect(Math.abs(last[key] - expected[key])).toBeLessThanOrEqual(1e-4 * Math.max(1e-12, Math.abs(expected[key])));
  }
  expect(await shownDevError(page)).toBe(Number((expected.dev_error * 100).toFixed(1)));

  // The boundary draws each set and names them.
  await expect(page.locator('#boundary-caption')).toContainText(
    '240 training points (filled), 100 dev points (ringed), 60 train-dev points (squares).');
  expect((await page.evaluate(() => window.descent.boundary.lastSummary())).points).toEqual({ train: 240, dev: 100, train_dev: 60 });

  // A dev file with a class the training set lacks: the engine's message beside the dev input;
  // the sets loaded before stay, and so does the finished run; reset, they train to the same numbers.
  const fishy = dev.replace(/\n([^\n]*),upper\n/, '\n$1,fish\n');
  await page.getByLabel('Dev set CSV').setInputFiles(csvFile('fishy-dev.csv', fishy));
  await expect(page.getByLabel('Dev set CSV')).toHaveAccessibleDescription(
    /fishy-dev\.csv was not used \(the sets loaded before are kept\): data\.dev\.csv is class "fish" in column "kind" \(example \d+\); allowed: the training set's classes: lower, upper/);
  await expect(page.getByLabel('Dev set CSV')).toHaveAccessibleDescription(/moons-dev\.csv: 100 rows/);
  await expect(status(page)).toContainText('Finished');
  expect(await page.evaluate(() => window.descent.epochs)).toHaveLength(26);
  expect((await page.evaluate(() => window.descent.spec)).data.dev.csv).toBe(dev);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(status(page)).toContainText('Ready · epoch 0 of 25');
  await trainToEnd(page);
  expect((await page.evaluate(() => window.descent.epochs)).at(-1).dev_error).toBe(last.dev_error);

  // Back to one file: the training file, split again.
  await data.getByRole('radio', { name: 'One file, split' }).check();
  await expect(status(page)).toContainText('Ready · epoch 0 of 25');
  const single = await page.evaluate(() => window.descent.spec);
  expect(single.data.csv).toBe(train);
  expect(single.split.train).toBe(0.7);
  await expect(page.getByText('Examples: Train 210 · Dev 90')).toBeVisible();
});

test('a spec with separate sets shows them in the data box, loaded from the spec', async ({ page }) => {
  await page.goto('./#speed=max&epochs=5&seed=2');
  await expect(status(page)).toContainText('Ready · epoch 0 of 5');
  const spec = {
    seed: 2, epochs: 5,
    data: {
      train: { source: 'csv', csv: moonsCsv(120, 1), label: 'kind' },
      dev: { source: 'csv', csv: moonsCsv(40, 2), label: 'kind' },
      test: { source: 'csv', csv: moonsCsv(30, 3), label: 'kind' },
    },
  };
  await page.getByLabel('Load spec').setInputFiles({ name: 'sets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(spec)) });
  await expect(status(page)).toContainText('Ready · epoch 0 of 5');
  await expect(page.getByRole('radio', { name: 'Separate files' })).toBeChecked();
  await expect(page.getByLabel('Training set CSV')).toHaveAccessibleDescription(/Loaded from the spec \(120 rows\)/);
  await expect(page.getByLabel('Test set CSV')).toHaveAccessibleDescription(/Loaded from the spec \(30 rows\)/);
  await expect(page.getByLabel('Label column')).toHaveValue('kind');
  await expect(page.getByText('Examples: Train 120 · Dev 40 · Test 30')).toBeVisible();
  await trainToEnd(page);
  await expect(page.locator('#boundary-caption')).toContainText('120 training points (filled), 40 dev points (ringed), 30 test points (crosses).');
});
