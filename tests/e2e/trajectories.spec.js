// Optimizer trajectories: paths on the classic surfaces and the network's own loss
// landscape, driven through roles and labels, asserting on what the view drew (read back
// from window.descent.trajectories).
import { expect, test } from '@playwright/test';

const view = (page) => page.getByRole('region', { name: 'Optimizer trajectories' });
const call = (page, name, ...args) => page.evaluate(([n, a]) => window.descent.trajectories[n](...a), [name, args]);

async function openTab(page, name) {
  await page.goto('./');
  const tab = view(page).getByRole('tab', { name });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  return view(page).getByRole('tabpanel', { name });
}

test('classic surfaces: choosing a surface and two methods draws two paths and a row each', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const panel = await openTab(page, 'Classic surfaces');
  await panel.getByLabel('Surface', { exact: true }).selectOption({ label: 'Rosenbrock' });
  await panel.getByRole('checkbox', { name: 'GD' }).uncheck();
  await panel.getByRole('checkbox', { name: 'Adam' }).check();
  await panel.getByLabel('Steps', { exact: true }).fill('150');
  await expect(panel.getByLabel('Steps', { exact: true })).toHaveAttribute('aria-valuetext', '150');

  // Two paths, each the start and at most 150 steps (once the last change is drawn).
  const drawn = async () => (await call(page, 'surfacePaths')).map((p) => `${p.name} ${p.points <= 151}`);
  await expect.poll(drawn, { timeout: 15_000 }).toEqual(['momentum true', 'adam true']);
  for (const path of await call(page, 'surfacePaths')) expect(path.points).toBeGreaterThan(1);
  const table = panel.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(3);  // the header and one row per method
  await expect(table.getByRole('rowheader', { name: 'Momentum' })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'Adam' })).toBeVisible();
  await expect(panel.getByRole('img', { name: /Contour plot of the surface/ })).toBeVisible();
  expect(await call(page, 'lastError')).toBeNull();
  expect(errors).toEqual([]);
});

test('classic surfaces: a larger beta1 changes the momentum path', async ({ page }) => {
  const panel = await openTab(page, 'Classic surfaces');
  await panel.getByLabel('Surface', { exact: true }).selectOption({ label: 'Elongated bowl' });
  await expect.poll(async () => (await call(page, 'surfacePaths')).map((p) => p.name), { timeout: 15_000 })
    .toContain('momentum');
  const before = await call(page, 'surfacePoints', 'momentum');

  // The slider runs over -log10(1 - beta1): 2 is beta1 = 0.99, averaging about 100 steps.
  const beta1 = panel.getByLabel('β₁ (momentum, Adam)');
  await beta1.fill('2');
  await expect(beta1).toHaveAttribute('aria-valuetext', '0.99 (≈ 100 steps)');
  await expect.poll(async () => JSON.stringify(await call(page, 'surfacePoints', 'momentum')), { timeout: 15_000 })
    .not.toBe(JSON.stringify(before));
  const after = await call(page, 'surfacePoints', 'momentum');
  expect(after[0]).toEqual(before[0]);  // the same start
  const moved = Math.hypot(after[5][0] - before[5][0], after[5][1] - before[5][1]);
  expect(moved).toBeGreaterThan(1e-6);

  // Clicking the plot moves the start there.
  const plot = panel.getByRole('img', { name: /Contour plot of the surface/ });
  const box = await plot.boundingBox();
  await plot.click({ position: { x: box.width * 0.75, y: box.height * 0.3 } });
  await expect.poll(async () => (await call(page, 'surfacePoints', 'momentum'))[0][0], { timeout: 15_000 })
    .not.toBe(before[0][0]);
});

test('the network’s landscape: a contour grid and a path whose loss falls', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  // The tabs work from the keyboard: the right arrow moves to the landscape.
  await view(page).getByRole('tab', { name: 'Classic surfaces' }).focus();
  await page.keyboard.press('ArrowRight');
  const tab = view(page).getByRole('tab', { name: 'This network’s loss landscape' });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(tab).toBeFocused();
  const panel = view(page).getByRole('tabpanel', { name: 'This network’s loss landscape' });

  await panel.getByRole('checkbox', { name: 'Momentum' }).check();
  await panel.getByLabel('Epoch count').fill('10');
  // Every text the status line shows, so the short busy message is not missed.
  await page.evaluate(() => {
    window.seenStatus = [];
    const status = [...document.querySelectorAll('[role="tabpanel"] [role="status"]')];
    const observer = new MutationObserver(() => status.forEach((s) => window.seenStatus.push(s.textContent)));
    status.forEach((s) => observer.observe(s, { childList: true, characterData: true, subtree: true }));
  });
  await panel.getByRole('button', { name: 'Compute landscape' }).click();

  await expect.poll(() => call(page, 'landscapeGrid'), { timeout: 90_000 }).not.toBeNull();
  expect(await call(page, 'lastError')).toBeNull();
  const seen = await page.evaluate(() => window.seenStatus);
  expect(seen).toContain('Training 2 runs and evaluating a 41 x 41 grid…');
  await expect(panel.getByRole('status')).toContainText('2 runs trained for 10 epochs');

  const grid = await call(page, 'landscapeGrid');
  expect(grid.resolution).toBe(41);
  expect(grid.finite).toBeGreaterThan(41 * 41 * 0.5);
  const runs = await call(page, 'landscapeRuns');
  expect(runs).toHaveLength(2);
  for (const run of runs) {
    expect(run.points).toBeGreaterThan(1);
    expect(run.lastLoss).toBeLessThan(run.firstLoss);
  }
  expect((await call(page, 'landscapeLine')).length).toBeGreaterThan(2);
  await expect(panel.getByRole('img', { name: /Contour plot of the training loss/ })).toBeVisible();
  await expect(panel.getByRole('img', { name: /Line chart of the loss/ })).toBeVisible();
  await expect(panel.getByRole('img', { name: /Contour plot of the training loss/ }))
    .toHaveAccessibleDescription(/direction|directions/);
});
