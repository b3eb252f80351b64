// The training-recipe assistant, end to end on the page's default experiment (circles, a
// 8-8 ReLU network with a sigmoid output, gradient descent at 0.1): the real page, trial
// workers and engine, driven through the card's button, then Apply.
import { expect, test } from '@playwright/test';

const recipe = (page) => page.locator('#recipe');
const step = (page, title) => recipe(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
// A figure of a step, read off its table row.
const figure = (page, title, label) => step(page, title).getByRole('row', { name: label }).getByRole('cell');
const number = (text) => Number(String(text).replace(/[^0-9.e+-]/g, ''));

test('Run the recipe walks the six steps with numbers, and Apply loads the best trial', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of 300' })).toBeVisible();

  const started = Date.now();
  await page.getByRole('button', { name: 'Run the recipe' }).click();
  await expect(recipe(page).getByRole('button', { name: 'Cancel' })).toBeEnabled();
  await expect(recipe(page).getByRole('status')).toContainText(/Done in [\d.]+ s/, { timeout: 60_000 });
  console.log(`recipe: ${((Date.now() - started) / 1000).toFixed(1)} s on the default experiment`);

  // Every step has a verdict, none failed.
  const results = await page.evaluate(() => window.descent.recipe.results());
  expect(results.map((r) => r.id)).toEqual(['initial', 'overfit', 'lr-range', 'search', 'refine', 'diagnosis']);
  for (const r of results) expect(['pass', 'warn', 'info']).toContain(r.status);
  console.log(results.map((r) => `${r.id}: ${r.status}: ${r.headline}`).join('\n'));

  // (1) The initial loss is near ln 2, read off the page.
  const initial = number(await figure(page, '1. Initial loss', 'Initial loss').textContent());
  expect(Math.abs(initial - Math.LN2)).toBeLessThan(0.07);
  await expect(figure(page, '1. Initial loss', /Expected, ln 2/)).toHaveText('0.693');

  // (2) It overfits 64 examples to <= 2% training error.
  const overfit = results[1].data;
  expect(overfit.samples).toBe(64);
  expect(overfit.error).toBeLessThanOrEqual(0.02);
  expect(number(await figure(page, '2. Overfit a small sample', 'Training error').textContent()) / 100).toBeLessThanOrEqual(0.02);

  // (3) A suggested rate within reason, drawn on a log axis.
  const suggested = number(await figure(page, '3. Learning-rate range test', /Suggested α/).textContent());
  expect(suggested).toBeGreaterThanOrEqual(1e-4);
  expect(suggested).toBeLessThanOrEqual(10);
  expect(results[2].data.suggested).toBeCloseTo(suggested, 2);
  await expect(step(page, '3. Learning-rate range test').getByRole('img')).toBeVisible();
  // Its advice follows step 2's numbers: α = 0.1 fitted the sample, so it is not said to crawl.
  await expect(step(page, '3. Learning-rate range test')).not.toContainText('crawl');

  // (4) The search's trials all finished; (5) the best were refined.
  expect(results[3].data.done).toBe(10);
  expect(results[3].data.total).toBe(10);
  expect(results[4].data.done).toBe(3);
  await expect(figure(page, '4. Coarse random search', 'Trials done')).toContainText('10 of 10');

  // (6) A diagnosis line with its numbers.
  const diagnosis = step(page, '6. Read the curves');
  await expect(diagnosis).toContainText(/Diagnosis: (low bias and low variance|high bias|high variance)/);
  const dev = number(await figure(page, '6. Read the curves', 'Dev error').textContent()) / 100;
  expect(dev).toBeLessThan(0.2);

  // Apply: the playground's Learning rate becomes the best trial's.
  const best = await page.evaluate(() => window.descent.recipe.best());
  const rate = page.getByLabel('Learning rate', { exact: true });
  await expect(rate).toHaveAttribute('aria-valuetext', '0.1');
  await recipe(page).getByRole('button', { name: 'Apply' }).click();
  await expect(rate).toHaveAttribute('aria-valuetext', String(Number(best.learningRate.toPrecision(3))));
  expect(await page.evaluate(() => window.descent.state.lr)).toBe(best.learningRate);
  expect(await page.evaluate(() => window.descent.state.l2)).toBe(best.l2);
  expect(errors).toEqual([]);
  await recipe(page).screenshot({ path: '/tmp/recipe-card.png' });

  // On a phone nothing in the card overflows sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const card = page.locator('section.card').filter({ has: recipe(page) });
  await expect.poll(() => card.evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);
  await step(page, '3. Learning-rate range test').screenshot({ path: '/tmp/recipe-step3-phone.png' });
});

test('Cancel stops the walk and keeps the steps done so far', async ({ page }) => {
  // Long runs: the search's trials are sized to about 1.5 s each, time enough to cancel one.
  await page.goto('./#epochs=30000');
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of 30000' })).toBeVisible();
  await page.getByRole('button', { name: 'Run the recipe' }).click();
  await expect(recipe(page).getByRole('status')).toContainText('Step 4 of 6', { timeout: 20_000 });
  await recipe(page).getByRole('button', { name: 'Cancel' }).click();
  // Step 4 may just have ended before the click landed (a busy machine): the walk is then
  // cancelled during step 5, and step 4's verdict is kept with the others done.
  const cancelled = recipe(page).getByRole('status');
  await expect(cancelled).toContainText(/Cancelled during step [45];/);
  const during = Number((await cancelled.textContent()).match(/Cancelled during step (\d)/)[1]);
  await expect(page.getByRole('button', { name: 'Run the recipe' })).toBeEnabled();
  const results = await page.evaluate(() => window.descent.recipe.results());
  expect(results.slice(0, 3).map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
  if (during === 5) expect(['pass', 'warn', 'info']).toContain(results[3].status);
  expect(results.slice(during - 1)).toEqual(Array(7 - during).fill(null));
  const stepTitles = ['4. Coarse random search', '5. Refine the best'];
  await expect(step(page, stepTitles[during - 4])).toContainText('Cancelled');
  await expect(step(page, '6. Read the curves')).toContainText('Not run');
  // The figures of the steps done stay.
  await expect(figure(page, '1. Initial loss', 'Initial loss')).toHaveText('0.695');
});
