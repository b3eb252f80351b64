// The loss landscape of the learner's own run: train the default experiment, open the
// landscape, and the path drawn is that run's (its final loss is the run's last train_loss),
// every marker the caption promises is on the plot, and a second optimizer's path does not
// hide the first. The real page, worker and engine; numbers read back from window.descent.
import { expect, test } from '@playwright/test';

import { status } from './page.js';

const view = (page) => page.getByRole('region', { name: 'Optimizer trajectories' });
const call = (page, name, ...args) => page.evaluate(([n, a]) => window.descent.trajectories[n](...a), [name, args]);
const TAB = 'This network’s loss landscape';

async function trainToEnd(page) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('Finished', { timeout: 60_000 });
}

test('the landscape is of the run just trained: its final loss is the run’s last train_loss', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#speed=max&epochs=100');
  await trainToEnd(page);
  const last = await page.evaluate(() => window.descent.epochs.at(-1));
  expect(last.epoch).toBe(100);

  // Opening the tab draws the landscape of that run, with nothing else to press.
  await view(page).getByRole('tab', { name: TAB }).click();
  const panel = view(page).getByRole('tabpanel', { name: TAB });
  await expect.poll(() => call(page, 'landscapeGrid'), { timeout: 60_000 }).not.toBeNull();
  expect(await call(page, 'lastError')).toBeNull();
  const [run] = await call(page, 'landscapeRuns');
  console.log(`last train_loss ${last.train_loss}, landscape's final loss ${run.lastLoss}, ${run.points} points`);
  expect(Math.abs(run.lastLoss - last.train_loss) / last.train_loss).toBeLessThan(0.05);
  expect(Math.abs(run.finalLoss - last.train_loss) / last.train_loss).toBeLessThan(0.05);
  expect(run.label).toMatch(/^Your run/);
  const grid = await call(page, 'landscapeGrid');
  expect(grid.epoch).toBe(100);
  expect(run.lastStep).toBe(grid.steps);
  expect(run.points).toBeGreaterThan(50);
  await expect(panel.getByRole('status')).toContainText(/Your run: \d+ recorded points over [\d,]+ steps \(epoch 100\)/);

  // The caption's markers are on the plot: the start (○) and the end of the run.
  await expect.poll(async () => (await call(page, 'landscapeMarkers')).map((m) => `${m.kind} ${m.inside}`).sort(), { timeout: 5_000 })
    .toEqual(['end true', 'start true']);
  await expect(panel.getByRole('img', { name: /Contour plot of the training loss/ }))
    .toHaveAccessibleDescription(/○ marks the initial weights; the filled marker, where your run ends at \(0, 0\)/);
  await panel.screenshot({ path: '/tmp/landscape-own-run.png' });
  expect(errors).toEqual([]);
});

test('before any training the landscape says to train first', async ({ page }) => {
  await page.goto('./');
  await view(page).getByRole('tab', { name: TAB }).click();
  const panel = view(page).getByRole('tabpanel', { name: TAB });
  await expect(panel.getByRole('status')).toHaveText('Nothing trained yet.', { timeout: 20_000 });
  expect(await call(page, 'landscapeGrid')).toBeNull();
  expect(await call(page, 'lastError')).toBeNull();
});

test('on a phone the landscape fits its card', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./#speed=max&epochs=10');
  await trainToEnd(page);
  await view(page).getByRole('tab', { name: TAB }).click();
  await view(page).getByRole('tabpanel', { name: TAB }).getByRole('checkbox', { name: 'Adam' }).check();
  await view(page).getByRole('tabpanel', { name: TAB }).getByRole('button', { name: 'Compute landscape' }).click();
  await expect.poll(async () => (await call(page, 'landscapeRuns')).length, { timeout: 60_000 }).toBe(2);
  const card = view(page);  // the card is the region
  expect(await card.evaluate((e) => [e.tagName, e.classList.contains('card')])).toEqual(['SECTION', true]);
  expect(await card.evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);
  await page.waitForTimeout(1300);  // the paths' animation
  await view(page).getByRole('tabpanel', { name: TAB }).screenshot({ path: '/tmp/landscape-phone.png' });
});
