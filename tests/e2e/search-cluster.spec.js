// The search card and a cluster (issue 21), driven through roles and labels: Export for a
// cluster downloads the plan of the form's settings; the plan, run by the real native runner
// (`descent search PLAN --jobs 2 --dir DIR`), gives results.json and results.csv, which Import
// results loads into the card (the table, the ranking, the status, Apply best) the same way
// from either file; a bad file is refused and the rows stay.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const CLI = fileURLToPath(new URL('../../build/native/engine/descent', import.meta.url));
const TRIALS = 12;
const EPOCHS = 20;

const card = (page) => page.getByRole('region', { name: 'Hyperparameter search' });
const read = (page, name) => page.evaluate((n) => window.descent.search[n](), name);
const table = (c) => c.getByRole('region', { name: 'Search results' }).getByRole('table');
const mattered = (c) => c.getByRole('region', { name: 'Which hyperparameters mattered' });
// The trial numbers down the table, as shown.
const trialColumn = (c) => table(c).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.cells[1].textContent.replace(/[^\d]/g, '')));

// The card with its settings filled in; returns the card.
async function open(page, { trials = TRIALS, epochs = EPOCHS } = {}) {
  await page.goto('./');
  const c = card(page);
  await c.getByLabel('Trials', { exact: true }).fill(String(trials));
  await c.getByLabel('Epochs per trial').fill(String(epochs));
  return c;
}

// Clicks Export for a cluster and returns the downloaded plan (parsed) and its path.
async function exportPlan(page, c, dir) {
  const [download] = await Promise.all([page.waitForEvent('download'), c.getByRole('button', { name: 'Export for a cluster' }).click()]);
  expect(download.suggestedFilename()).toBe('descent-plan.json');
  const file = join(dir, 'descent-plan.json');
  await download.saveAs(file);
  return { plan: JSON.parse(readFileSync(file, 'utf8')), file };
}

// Chooses a file under Import results, as a person would: the button opens the file picker.
async function importFile(page, c, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), c.getByRole('button', { name: 'Import results' }).click()]);
  await chooser.setFiles(file);
}

// The collected results of a plan exported from the page: { dir, json (parsed), plan }.
let collected = null;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'descent-cluster-'));
  const page = await browser.newPage();
  const { plan, file } = await exportPlan(page, await open(page), dir);
  await page.close();
  // The real native runner, as a user with the downloaded plan would run it.
  const out = join(dir, 'run');
  execFileSync(CLI, ['search', file, '--jobs', '2', '--dir', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 200_000 });
  collected = { dir: out, json: JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')), plan };
});

test('Export for a cluster downloads the plan of the form\'s settings; invalid settings download nothing', async ({ page }) => {
  const c = await open(page, { trials: 12, epochs: 30 });
  await c.getByLabel('Early stopping').check();
  await c.getByLabel('k', { exact: true }).fill('4');
  const spec = await page.evaluate(() => window.descent.spec);
  const { plan } = await exportPlan(page, c, mkdtempSync(join(tmpdir(), 'descent-plan-')));
  expect(plan).toEqual({
    format: 'descent-search-plan',
    base: { ...spec, epochs: 30, early_stopping: { ...spec.early_stopping, enabled: true } },
    method: 'random', trials: 12, grid_points: 3, seed: 1,
    params: [{ name: 'learning_rate', min: 1e-4, max: 0.1, scale: 'log' }, { name: 'l2', min: 1e-5, max: 0.1, scale: 'log' }],
    rounds: 1, refine_best: 4,
  });
  expect(plan.base.epochs).toBe(Number(await c.getByLabel('Epochs per trial').inputValue()));
  await expect(c.getByRole('status')).toContainText('Saved descent-plan.json (12 trials). On a machine with Descent: descent search descent-plan.json --emit DIR');

  // Settings the search would refuse: the same errors as Run search, and no download.
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await c.getByLabel('Trials', { exact: true }).fill('0');
  await c.getByRole('button', { name: 'Export for a cluster' }).click();
  await expect(c.getByRole('alert').filter({ hasText: 'Trials is “0”; allowed: a whole number from 1 to 500' })).toBeVisible();
  await expect(c.getByRole('status')).toHaveText('Nothing was exported: fix the settings marked below.');
  await c.getByLabel('Trials', { exact: true }).fill('12');
  await c.getByLabel('k', { exact: true }).fill('0');
  await c.getByRole('button', { name: 'Export for a cluster' }).click();
  await expect(c.getByRole('alert').filter({ hasText: 'k is “0”' })).toBeVisible();
  await page.waitForTimeout(500);
  expect(downloads).toBe(0);
});

test('results collected by descent search load from JSON and CSV alike: table, ranking, status, best, Apply best; a bad file changes nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  const { dir, json } = collected;
  const c = await open(page);
  const names = json.params.map((p) => p.name);
  const count = (status) => json.trials.filter((t) => t.status === status).length;

  // results.json: one row per trial, the file's counts, its best trial marked.
  await importFile(page, c, join(dir, 'results.json'));
  const status = c.getByRole('status');
  await expect(status).toContainText(`Imported ${json.trials.length} trials from results.json: ${count('done')} done, ${count('failed')} failed, ${count('missing')} missing. Best: dev error`);
  await expect(table(c).getByRole('row')).toHaveCount(json.trials.length + 1);
  const best = await read(page, 'best');
  expect(best.trial).toBe(json.best);
  await expect(status).toContainText(`(trial ${json.best})`);
  await expect(table(c).getByRole('row', { name: /★/ })).toHaveCount(1);
  await expect(table(c).getByRole('row', { name: /★/ }).getByRole('rowheader')).toContainText(String(json.best));
  expect((await read(page, 'results')).map((r) => [r.trial, r.status, r.values])).toEqual(json.trials.map((t) => [t.trial, t.status, t.values]));
  expect(await read(page, 'imported')).toEqual({ name: 'results.json', kind: 'json', trials: json.trials.length });
  // Which hyperparameters mattered: every searched one, ranked by the engine.
  await expect.poll(async () => (await read(page, 'sensitivity')).length, { timeout: 15_000 }).toBe(names.length);
  for (const name of ['Learning rate α', 'L2 λ']) await expect(mattered(c).getByRole('meter', { name: new RegExp(name) })).toBeVisible();
  const rankingJson = await read(page, 'sensitivity');
  expect(rankingJson.map((r) => r.name).sort()).toEqual([...names].sort());
  expect(rankingJson.map((r) => r.name)).toEqual(json.sensitivity.ranking.map((r) => r.name));  // as collect ranked them
  expect(await read(page, 'chartPoints')).toEqual(names.map((name) => expect.objectContaining({ name, points: count('done') })));
  // Sorted by dev error: the order to compare the CSV's with.
  await table(c).getByRole('columnheader', { name: /Dev error/ }).getByRole('button').click();
  const orderJson = await trialColumn(c);

  // Apply best: the trial's own spec, as the file gives it.
  await c.getByRole('button', { name: 'Apply best' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Applied the best imported trial (trial ${json.best} of results.json` })).toBeVisible();
  const bestTrial = json.trials.find((t) => t.trial === json.best);
  await expect.poll(() => page.evaluate(() => window.descent.spec)).toEqual(bestTrial.spec);

  // A bad file: said in the error box, what is allowed with it; the rows stay.
  const before = await read(page, 'results');
  await importFile(page, c, { name: 'results.csv', mimeType: 'text/csv',
    buffer: Buffer.from(`round,trial,${names.join(',')},train_error,dev_error,dev_loss,epochs,seconds,status,error\n1,1,${names.map(() => '0.01').join(',')},0.1,abc,0.3,20,1,done,\n`) });
  await expect(c.getByRole('alert').filter({ hasText: 'Nothing was imported (the card is as it was): results.csv line 2: dev_error is "abc"; allowed: a number, inf, nan or empty.' })).toBeVisible();
  expect(await read(page, 'results')).toEqual(before);
  await expect(table(c).getByRole('row')).toHaveCount(json.trials.length + 1);
  await importFile(page, c, { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"trials": []}') });
  await expect(c.getByRole('alert').filter({ hasText: 'notes.json: not a Descent search results file (no "format": "descent-search-results")' })).toBeVisible();
  expect(await read(page, 'results')).toEqual(before);

  // results.csv: the same rows, the same order and the same ranking (asked of the engine again).
  await importFile(page, c, join(dir, 'results.csv'));
  await expect(status).toContainText(`Imported ${json.trials.length} trials from results.csv: ${count('done')} done`);
  await expect(c.getByRole('alert').filter({ hasText: 'Nothing was imported' })).toBeHidden();
  await expect.poll(async () => (await read(page, 'sensitivity')).length, { timeout: 15_000 }).toBe(names.length);
  expect(await read(page, 'sensitivity')).toEqual(rankingJson);
  expect(await trialColumn(c)).toEqual(orderJson);
  expect((await read(page, 'results')).map((r) => [r.trial, r.status, r.values, r.dev_error])).toEqual(before.map((r) => [r.trial, r.status, r.values, r.dev_error]));
  expect((await read(page, 'best')).trial).toBe(json.best);

  // Apply best from the CSV: the engine writes the best trial's values into the playground's spec.
  await c.getByRole('button', { name: 'Apply best' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Applied the best imported trial (trial ${json.best} of results.csv` })).toBeVisible();
  const applied = await page.evaluate(() => window.descent.spec);
  expect(applied.optimizer.learning_rate).toBe(bestTrial.values.learning_rate);
  expect(applied.regularization.l2).toBe(bestTrial.values.l2);
  expect(errors).toEqual([]);
});

test('on a phone the imported card fits its width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const c = await open(page);
  await importFile(page, c, join(collected.dir, 'results.csv'));
  await expect(c.getByRole('status')).toContainText('Imported');
  await expect.poll(async () => (await read(page, 'sensitivity')).length, { timeout: 15_000 }).toBe(collected.json.params.length);
  const widths = await c.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(widths.scroll).toBe(widths.client);
});
