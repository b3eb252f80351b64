// The page runs exactly the experiment it shows: every lesson preset reaches the worker as
// the lesson wrote it and ends with the native engine's figures; an invalid combination
// blocks Train beside Train and beside its control; a field without a control survives a
// copied link and a reload. The references are the engine itself: its filled spec from the
// native runner (build/native/engine/descent spec) and its figures from the same WASM build in
// Node (float32 sums in another order natively drift apart over a long run).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

import { loadEngine } from '../wasm/engine.mjs';
import { openMoreSettings, settings, status } from './page.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runner = join(root, 'build/native/engine/descent');
const scratch = mkdtempSync(join(tmpdir(), 'descent-e2e-'));
const lessons = JSON.parse(readFileSync(join(root, 'public/lessons/index.json'), 'utf8'))
  .map(({ id }) => JSON.parse(readFileSync(join(root, `public/lessons/${id}.json`), 'utf8')));

// The spec as the engine fills it in: `descent spec`.
function engineSpec(spec) {
  const file = join(scratch, `spec-${readdirSync(scratch).length}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return JSON.parse(execFileSync(runner, ['spec', file], { encoding: 'utf8', maxBuffer: 1 << 30 }));
}

// The last epoch of the spec's run, trained by the WASM engine in Node.
async function lastEpoch(spec) {
  const session = new (await loadEngine()).Session();
  const parse = (text) => JSON.parse(text);
  if (!parse(session.load(JSON.stringify(spec))).ok) throw new Error('the engine refused the lesson');
  let last;
  for (;;) {
    const step = parse(session.step(1 << 20));
    last = step.epochs.at(-1) ?? last;
    if (step.finished) break;
  }
  session.delete();
  return last;
}

const FIGURES = ['train_loss', 'train_error', 'dev_loss', 'dev_error', 'test_loss', 'test_error'];

test.describe.configure({ timeout: 240_000 });

test('every lesson preset trains the lesson’s own spec, to the engine’s figures', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Speed').selectOption('max');
  for (const lesson of lessons) {
    for (const run of lesson.runs) {
      const name = `${lesson.title.split(':')[0]}: ${run.label}`;
      await page.getByLabel('Lesson preset').selectOption({ label: name });
      const filled = engineSpec(run.spec);
      await expect.poll(() => page.evaluate(() => window.descent.loadedSpec), { message: name }).toEqual(filled);
      expect(await page.evaluate(() => window.descent.spec), name).toEqual(filled);
      await expect(settings(page).getByLabel('Mini-batch size', { exact: true })).toHaveValue(filled.batch_size === 0 ? 'full' : String(filled.batch_size));
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await expect(status(page)).toContainText('Finished', { timeout: 120_000 });
      const last = await page.evaluate(() => window.descent.epochs.at(-1));
      const reference = await lastEpoch(run.spec);
      expect(last.epoch, name).toBe(reference.epoch);
      for (const key of FIGURES) {
        const [a, b] = [last[key] ?? null, reference[key]];
        if (Number.isFinite(a) && Number.isFinite(b)) expect(Math.abs(a - b), `${name}: ${key}`).toBeLessThan(1e-4);
        else expect(String(a), `${name}: ${key}`).toBe(String(b));  // null, or the engine's "inf"/"nan"
      }
    }
  }
  // The regularisation lesson's L2 run: mini-batches of 50, as the lesson says.
  await page.getByLabel('Lesson preset').selectOption({ label: 'Regularisation: L2' });
  await expect.poll(() => page.evaluate(() => window.descent.loadedSpec?.batch_size)).toBe(50);
});

test('an invalid combination blocks Train beside Train and beside its control', async ({ page }) => {
  await page.goto('./');
  await expect(status(page)).toContainText('Ready · epoch 0 of 300');
  await page.getByLabel('Speed').selectOption('max');
  await openMoreSettings(page);
  const samples = settings(page).getByLabel('Samples', { exact: true });
  await samples.fill('40');
  await samples.press('Enter');
  const train = page.getByRole('button', { name: 'Train', exact: true });
  const alert = page.getByRole('alert').filter({ hasText: 'Cannot train this experiment' });
  await expect(alert).toContainText('batch_size is 32; allowed: 1 to the training-set size, 28');
  await expect(train).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Step epoch' })).toBeDisabled();
  await expect(page.locator('#status')).toContainText('Not ready');
  await expect(page.locator('#field-batch-error')).toContainText('batch_size is 32');
  await expect(samples).toHaveValue('40');  // the controls still show what was asked for

  // Reset and another data set say the same until the batch size is fixed.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(alert).toContainText('training-set size, 28');
  await settings(page).getByLabel('Data set', { exact: true }).selectOption('moons');
  await expect(alert).toContainText('training-set size, 28');
  await expect(train).toBeDisabled();

  const batch = settings(page).getByLabel('Mini-batch size', { exact: true });
  await batch.fill('16');
  await batch.press('Enter');
  await expect(alert).toBeHidden();
  await expect(train).toBeEnabled();
  await train.click();
  await expect(status(page)).toContainText('Finished · epoch 300 of 300');
  const loaded = await page.evaluate(() => window.descent.loadedSpec);
  expect([loaded.data.source, loaded.data.samples, loaded.batch_size]).toEqual(['moons', 40, 16]);
  const { points } = await page.evaluate(() => window.descent.boundary.lastSummary());
  expect(points).toEqual({ train: 28, dev: 12 });
});

test('a field without a control survives a copied link and a reload, listed under “Also set by this spec”', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const spec = {
    seed: 4, data: { source: 'moons', samples: 200, noise: 0.15 },
    layers: [{ units: 6, activation: 'leaky_relu', slope: 0.1 }, { units: 1, activation: 'sigmoid' }],
    optimizer: { name: 'momentum', learning_rate: 0.05 },
    schedule: { name: 'step_drops', drops: [{ epoch: 20, factor: 0.5 }] },
    overfit_samples: 30, batch_size: 10, epochs: 40,
  };
  const filled = engineSpec(spec);
  await page.goto('./');
  await page.getByLabel('Load spec').setInputFiles({ name: 'drops.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(spec)) });
  const box = page.getByRole('region', { name: 'Also set by this spec' });
  await expect(box).toContainText('schedule.drops');
  await expect(box).toContainText('×0.5 at epoch 20');
  await expect(box).toContainText('overfit_samples');
  await expect(box).toContainText('layers[0].slope');
  await expect(settings(page).getByLabel('Learning-rate decay', { exact: true })).toHaveValue('step_drops');
  await expect.poll(() => page.evaluate(() => window.descent.loadedSpec)).toEqual(filled);

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied: it holds the whole experiment')).toBeVisible();
  const url = await page.getByLabel('Link to this experiment').inputValue();
  expect(url).toContain('#spec=');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  const fresh = await context.newPage();
  await fresh.goto(url);
  await expect.poll(() => fresh.evaluate(() => window.descent?.loadedSpec)).toEqual(filled);
  await expect(fresh.getByRole('region', { name: 'Also set by this spec' })).toContainText('schedule.drops');
  await fresh.reload();
  await expect.poll(() => fresh.evaluate(() => window.descent?.loadedSpec)).toEqual(filled);
  expect(await fresh.evaluate(() => window.descent.extras)).toEqual(['layers[0].slope', 'schedule.drops', 'overfit_samples']);

  // Clearing one goes back to the engine's default for it, visibly.
  await fresh.getByRole('button', { name: 'Clear overfit_samples' }).click();
  await expect.poll(() => fresh.evaluate(() => window.descent.loadedSpec?.overfit_samples)).toBe(0);
  expect(await fresh.evaluate(() => window.descent.extras)).toEqual(['layers[0].slope', 'schedule.drops']);

  // The exported spec is the loaded one, field by field.
  const [download] = await Promise.all([fresh.waitForEvent('download'), fresh.getByRole('button', { name: 'Spec JSON' }).click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(exported).toEqual({ ...filled, overfit_samples: 0 });
});

test('a link too long for its data says so when copied', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const rows = ['a,b,c,label'];
  let seed = 7;
  const rand = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  for (let i = 0; i < 12000; i += 1) rows.push(`${rand().toFixed(6)},${rand().toFixed(6)},${rand().toFixed(6)},${i % 2}`);
  await page.goto('./');
  await settings(page).getByLabel('Data set', { exact: true }).selectOption('csv');
  await page.getByLabel('CSV file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await expect(status(page)).toContainText('Ready · epoch 0 of 300');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/Link copied, without the data: the CSV file \(0\.\d MB\) is too large for a link/)).toBeVisible();
  const url = await page.getByLabel('Link to this experiment').inputValue();
  expect(url.length).toBeLessThan(110_000);
  const fresh = await context.newPage();
  await fresh.goto(url);
  await expect(fresh.getByText('Choose a CSV file below: the data set "CSV file" needs one.').first()).toBeVisible();
  await expect(fresh.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
});
