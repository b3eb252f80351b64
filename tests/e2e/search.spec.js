// Hyperparameter search across a pool of workers, driven through roles and labels: a small
// random search fills the table, the scatter charts and the ranking; Apply best loads the
// best trial into the playground; Cancel stops a run and keeps what finished; a bad range
// is refused beside its box. Numbers are read back from window.descent.search.
import { expect, test } from '@playwright/test';

const card = (page) => page.getByRole('region', { name: 'Hyperparameter search' });
const read = (page, name) => page.evaluate((n) => window.descent.search[n](), name);

// The page with the search's settings filled in (the default experiment: circles, 8-8 ReLU).
async function open(page, { trials, workers, epochs }) {
  await page.goto('./');
  const c = card(page);
  await c.getByLabel('Trials', { exact: true }).fill(String(trials));
  await c.getByLabel('Workers', { exact: true }).fill(String(workers));
  await c.getByLabel('Epochs per trial').fill(String(epochs));
  return c;
}

test('a random search of 8 trials on 2 workers fills the table, the charts and the ranking; Apply best loads it', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const c = await open(page, { trials: 8, workers: 2, epochs: 30 });
  await c.getByRole('button', { name: 'Run search' }).click();

  const status = c.getByRole('status');
  await expect(status).toContainText('Trials: 8 done, 0 running, 0 queued, 0 failed.', { timeout: 90_000 });
  await expect(status).toContainText(/Best so far: dev error \d+\.\d%/);
  expect(await read(page, 'lastError')).toBeNull();

  // Every trial finished inside its ranges, trained for the 30 epochs asked.
  const results = await read(page, 'results');
  expect(results).toHaveLength(8);
  for (const r of results) {
    expect(r.status).toBe('done');
    expect(r.epochs).toBe(30);
    expect(r.dev_error).toBeGreaterThanOrEqual(0);
    expect(r.dev_error).toBeLessThanOrEqual(1);
    expect(r.values.learning_rate).toBeGreaterThanOrEqual(1e-4);
    expect(r.values.learning_rate).toBeLessThanOrEqual(0.1);
    expect(r.values.l2).toBeGreaterThanOrEqual(1e-5);
    expect(r.values.l2).toBeLessThanOrEqual(0.1);
  }
  const rounds = await read(page, 'rounds');
  expect(rounds.map((r) => [r.round, r.trials, r.workers])).toEqual([[1, 8, 2]]);
  const best = await read(page, 'best');
  expect(best.dev_error).toBe(Math.min(...results.map((r) => r.dev_error)));

  // The table: a header and 8 trial rows, each with numbers; the best row marked once.
  const table = c.getByRole('region', { name: 'Search results' }).getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(9);
  const devErrors = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.cells[5].textContent));
  expect(devErrors).toHaveLength(8);
  for (const text of devErrors) expect(text).toMatch(/^\d+\.\d%$/);
  await expect(table.getByRole('row', { name: /★/ })).toHaveCount(1);
  await expect(table.getByRole('row', { name: /★/ })).toContainText(`${(best.dev_error * 100).toFixed(1)}%`);

  // Sorting by dev error, then the other way; aria-sort says which.
  const header = table.getByRole('columnheader', { name: /Dev error/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const percents = async () => (await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.cells[5].textContent)))
    .map((t) => parseFloat(t));
  const up = await percents();
  expect(up).toEqual([...up].sort((a, b) => a - b));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const down = await percents();
  expect(down).toEqual([...down].sort((a, b) => b - a));

  // One scatter chart per searched hyperparameter, 8 points each, on log axes; the best
  // point where the best trial is.
  const charts = await read(page, 'chartPoints');
  expect(charts.map((ch) => [ch.name, ch.points, ch.log])).toEqual([['learning_rate', 8, true], ['l2', 8, true]]);
  expect(charts[0].best.x).toBe(best.values.learning_rate);
  expect(charts[0].best.y).toBe(best.dev_error);
  await expect(c.getByRole('img', { name: /Scatter chart of the dev error against Learning rate α: 8 trials/ })).toBeVisible();

  // Which hyperparameters mattered: both ranked, shares in [0, 1], the learning rate the
  // course's first priority.
  await expect.poll(async () => (await read(page, 'sensitivity')).length, { timeout: 15_000 }).toBe(2);
  const ranking = await read(page, 'sensitivity');
  for (const r of ranking) {
    expect(r.explained).toBeGreaterThanOrEqual(0);
    expect(r.explained).toBeLessThanOrEqual(1);
  }
  expect(ranking.find((r) => r.name === 'learning_rate').course_priority).toBe(1);
  await expect(c.getByRole('meter', { name: /Learning rate α/ })).toBeVisible();
  // Not shares (each is measured alone), and said so; L2 is not in the course's list, and
  // its badge says so too.
  const mattered = c.getByRole('region', { name: 'Which hyperparameters mattered' });
  await expect(mattered).toContainText('These are not shares');
  expect(ranking.find((r) => r.name === 'l2').course_priority).toBeNull();
  const l2 = mattered.getByRole('row', { name: /L2 λ/ });
  await expect(l2).toContainText('not in the list');
  await expect(l2).toContainText('Not in the course\'s list');
  await expect(l2).not.toContainText('2 · next');

  // Apply best: the page's learning rate becomes the best trial's.
  await c.getByRole('button', { name: 'Apply best' }).click();
  await expect.poll(() => page.evaluate(() => window.descent.state.lr)).toBe(best.values.learning_rate);
  const rate = page.getByLabel('Learning rate', { exact: true });
  const shown = Number(await rate.getAttribute('aria-valuetext'));
  expect(Math.abs(shown - best.values.learning_rate) / best.values.learning_rate).toBeLessThan(5e-3);
  expect(Math.abs(10 ** Number(await rate.inputValue()) - best.values.learning_rate) / best.values.learning_rate).toBeLessThan(1e-6);
  await expect(page.getByRole('status').filter({ hasText: 'Applied the best search trial' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('Cancel stops every worker at once and keeps the trials finished so far; the pool runs again', async ({ page }) => {
  test.setTimeout(120_000);
  const c = await open(page, { trials: 12, workers: 1, epochs: 3000 });
  await c.getByRole('button', { name: 'Run search' }).click();
  await expect.poll(async () => (await read(page, 'progress')).done, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await c.getByRole('button', { name: 'Cancel' }).click();
  await expect(c.getByRole('status')).toContainText('Cancelled.');
  expect(await read(page, 'running')).toBe(false);

  const results = await read(page, 'results');
  expect(results).toHaveLength(12);
  const done = results.filter((r) => r.status === 'done');
  expect(done.length).toBeGreaterThanOrEqual(1);
  expect(done.length).toBeLessThan(12);
  expect(results.filter((r) => r.status === 'cancelled').length).toBe(12 - done.length);
  for (const r of done) expect(r.dev_error).toBeGreaterThanOrEqual(0);
  await expect(c.getByRole('region', { name: 'Search results' }).getByRole('row')).toHaveCount(13);

  // Nothing trains on: the counts stay where they were.
  await page.waitForTimeout(1500);
  expect((await read(page, 'results')).filter((r) => r.status === 'done')).toHaveLength(done.length);

  // A new search after the cancel runs on fresh workers.
  await c.getByLabel('Trials', { exact: true }).fill('2');
  await c.getByLabel('Epochs per trial').fill('5');
  await c.getByRole('button', { name: 'Run search' }).click();
  await expect(c.getByRole('status')).toContainText('Trials: 2 done, 0 running, 0 queued, 0 failed.', { timeout: 60_000 });
  expect(await read(page, 'results')).toHaveLength(2);
});

test('a bad range or no hyperparameter is refused beside its control, and nothing starts', async ({ page }) => {
  const c = await open(page, { trials: 4, workers: 1, epochs: 5 });
  const min = c.getByLabel('Learning rate α min');
  await min.fill('0');
  await c.getByRole('button', { name: 'Run search' }).click();
  await expect(c.getByRole('alert').filter({ hasText: 'log scale, so its min must be > 0' })).toBeVisible();
  await expect(min).toHaveAttribute('aria-invalid', 'true');
  await expect(min).toHaveAccessibleDescription(/must be > 0 \(it is 0\)/);
  await expect(c.getByRole('status')).toContainText('did not start');

  await min.fill('1e-4');
  await c.getByLabel('L2 λ max').fill('1e-6');
  await c.getByRole('button', { name: 'Run search' }).click();
  await expect(c.getByRole('alert').filter({ hasText: 'The min of L2 λ (0.00001) is above its max (0.000001); allowed: min ≤ max.' })).toBeVisible();
  await expect(min).not.toHaveAttribute('aria-invalid', 'true');

  await c.getByRole('checkbox', { name: 'Learning rate α' }).uncheck();
  await c.getByRole('checkbox', { name: 'L2 λ' }).uncheck();
  await c.getByRole('button', { name: 'Run search' }).click();
  await expect(c.getByRole('alert').filter({ hasText: 'Choose at least one hyperparameter' })).toBeVisible();

  await c.getByRole('checkbox', { name: 'Hidden units' }).check();
  await c.getByLabel('Trials', { exact: true }).fill('0');
  await c.getByRole('button', { name: 'Run search' }).click();
  await expect(c.getByRole('alert').filter({ hasText: 'Trials is “0”; allowed: a whole number from 1 to 500' })).toBeVisible();
  expect(await read(page, 'results')).toEqual([]);
  expect(await read(page, 'running')).toBe(false);
});

test('on a phone the ranking fits the card, and the best trial at the edge of its range gets a hint', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const c = await open(page, { trials: 9, workers: 1, epochs: 20 });
  // A grid whose top learning rate is the best by far: 0.001, 0.0173 and 0.3, 20 epochs.
  await c.getByLabel('Method').selectOption('grid');
  await c.getByLabel('Grid points per parameter').fill('3');
  await c.getByLabel('Learning rate α min').fill('0.001');
  await c.getByLabel('Learning rate α max').fill('0.3');
  await c.getByRole('button', { name: 'Run search' }).click();
  await expect(c.getByRole('status')).toContainText('Trials: 9 done', { timeout: 90_000 });
  await expect.poll(async () => (await read(page, 'sensitivity')).length, { timeout: 15_000 }).toBe(2);

  const best = await read(page, 'best');
  expect(best.values.learning_rate).toBe(0.3);
  const hints = await read(page, 'hints');
  const lr = hints.find((h) => h.name === 'learning_rate');
  expect(lr.side).toBe('high');
  await expect(c.getByRole('list', { name: 'Ranges to widen' })).toContainText(/Best trial: Learning rate α = 0\.3 is at the top of its range \(0\.001 to 0\.3\): widen the range upwards/);

  // Nothing overflows the card sideways; no cell of the ranking is clipped.
  const mattered = c.getByRole('region', { name: 'Which hyperparameters mattered' });
  await mattered.scrollIntoViewIfNeeded();
  const widths = await c.evaluate((card) => ({ scroll: card.scrollWidth, client: card.clientWidth }));
  expect(widths.scroll).toBe(widths.client);
  const clipped = await mattered.evaluate((section) => {
    const right = section.getBoundingClientRect().right + 0.5;
    return [...section.querySelectorAll('th, td, span')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline' || e.getBoundingClientRect().right > right)
      .map((e) => e.textContent);
  });
  expect(clipped).toEqual([]);
  await mattered.screenshot({ path: '/tmp/search-ranking-phone.png' });
  await c.getByRole('list', { name: 'Ranges to widen' }).screenshot({ path: '/tmp/search-hints-phone.png' });
});
