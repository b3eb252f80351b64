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
  const beta1 = panel.getByLabel('β₁ (momentum, Adam)', { exact: true });
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

// How often coordinate c (0: x, 1: y) of a path changed sign: a zig-zag across an axis.
const crossings = (points, c) => points.slice(1).filter((p, i) => p[c] * points[i][c] < 0).length;
const drawnOn = (page, surface) => expect.poll(async () => (await call(page, 'surfacePaths')).map((p) => `${p.surface} ${p.name}`),
  { timeout: 15_000 }).toEqual([`${surface} gd`, `${surface} momentum`]);

test('the bowl’s note is what the default settings show: momentum first at κ = 100, gradient descent at κ = 10', async ({ page }) => {
  const panel = await openTab(page, 'Classic surfaces');
  await drawnOn(page, 'bowl');
  const note = await call(page, 'surfaceNote');
  expect(note).toContain('κ (100 to start)');
  const [gd, momentum] = await call(page, 'surfacePaths');
  console.log(`bowl, κ = ${gd.condition}: GD ${gd.steps} steps, momentum ${momentum.steps}`);
  expect(gd.condition).toBe(100);
  // The table says it too.
  const table = panel.getByRole('table');
  await expect(table.getByRole('row', { name: /^GD/ })).toContainText(`${gd.steps}`);
  await expect(table.getByRole('row', { name: /^Momentum/ })).toContainText(`${momentum.steps}`);
  // "Momentum ... reaches the minimum in about half the steps."
  expect(note).toContain('reaches the minimum in about half the steps');
  expect(momentum.steps / gd.steps).toBeGreaterThan(0.4);
  expect(momentum.steps / gd.steps).toBeLessThan(0.6);
  // "gradient descent zig-zags across the valley at every step": y changes sign each step;
  // "Momentum averages the zig-zag into a slow swing": it changes sign a few times only.
  const gdPoints = (await call(page, 'surfacePoints', 'gd')).slice(0, gd.steps + 1);
  const momentumPoints = (await call(page, 'surfacePoints', 'momentum')).slice(0, momentum.steps + 1);
  expect(crossings(gdPoints, 1)).toBe(gd.steps);
  expect(crossings(momentumPoints, 1)).toBeLessThan(momentum.steps / 4);
  await page.waitForTimeout(1600);  // the paths' animation
  await panel.screenshot({ path: '/tmp/bowl-kappa-100.png' });
  // "Lower κ to 10 ...: gradient descent gets there first."
  expect(note).toContain('Lower κ to 10');
  const kappa = panel.getByLabel('Condition κ, typed');  // every slider's value can be typed
  await kappa.fill('10');
  await kappa.press('Enter');
  await expect.poll(async () => (await call(page, 'surfacePaths'))[0]?.condition, { timeout: 15_000 }).toBe(10);
  const [gd10, momentum10] = await call(page, 'surfacePaths');
  console.log(`bowl, κ = 10: GD ${gd10.steps} steps, momentum ${momentum10.steps}`);
  expect(gd10.steps).toBeLessThan(momentum10.steps);
});

test('the normalised bowl’s and Beale’s notes are what their defaults show', async ({ page }) => {
  const panel = await openTab(page, 'Classic surfaces');
  await panel.getByLabel('Surface', { exact: true }).selectOption({ label: 'Normalised bowl' });
  await drawnOn(page, 'normalized_bowl');
  expect(await call(page, 'surfaceNote')).toContain('goes straight there in a couple of steps; momentum runs along the same straight line but overshoots');
  const [gd, momentum] = await call(page, 'surfacePaths');
  expect(gd.steps).toBeLessThanOrEqual(3);
  expect(momentum.steps).toBeGreaterThan(gd.steps);
  // Both on the straight line through the start and the minimum (0, 0); momentum overshoots.
  const [x0, y0] = (await call(page, 'surfacePoints', 'gd'))[0];
  for (const name of ['gd', 'momentum']) {
    for (const [x, y] of await call(page, 'surfacePoints', name)) expect(Math.abs(x * y0 - y * x0)).toBeLessThan(1e-9);
  }
  expect(crossings(await call(page, 'surfacePoints', 'momentum'), 0)).toBeGreaterThan(0);

  await panel.getByLabel('Surface', { exact: true }).selectOption({ label: 'Beale' });
  await drawnOn(page, 'beale');
  expect(await call(page, 'surfaceNote')).toContain('in about half the steps gradient descent needs');
  const [gdBeale, momentumBeale] = await call(page, 'surfacePaths');
  console.log(`Beale: GD ${gdBeale.steps} steps, momentum ${momentumBeale.steps}`);
  expect(momentumBeale.steps / gdBeale.steps).toBeGreaterThan(0.4);
  expect(momentumBeale.steps / gdBeale.steps).toBeLessThan(0.6);
});

// Pixels of the landscape's canvas within 40 (per channel) of colour '#rrggbb'.
const pixelsOf = (page, colour) => page.evaluate((hex) => {
  const canvas = [...document.querySelectorAll('canvas')].find((c) => /Contour plot of the training loss/.test(c.getAttribute('aria-label')));
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) < 40 && Math.abs(data[i + 1] - g) < 40 && Math.abs(data[i + 2] - b) < 40) n += 1;
  }
  return n;
}, colour);

test('the network’s landscape: your run and momentum beside it, both paths and all their markers visible', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./#speed=max&epochs=30');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Finished' })).toBeVisible({ timeout: 60_000 });
  // The tabs work from the keyboard: the right arrow moves to the landscape.
  await view(page).getByRole('tab', { name: 'Classic surfaces' }).focus();
  await page.keyboard.press('ArrowRight');
  const tab = view(page).getByRole('tab', { name: 'This network’s loss landscape' });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(tab).toBeFocused();
  const panel = view(page).getByRole('tabpanel', { name: 'This network’s loss landscape' });
  await expect.poll(() => call(page, 'landscapeGrid'), { timeout: 60_000 }).not.toBeNull();  // your run alone, at once
  expect(await call(page, 'landscapeRuns')).toHaveLength(1);

  // Your run is gradient descent: its own method is not offered twice.
  await expect(panel.getByRole('checkbox', { name: 'GD' })).toBeDisabled();
  await panel.getByRole('checkbox', { name: 'Momentum' }).check();
  // Every text the status line shows, so the short busy message is not missed.
  await page.evaluate(() => {
    window.seenStatus = [];
    const status = [...document.querySelectorAll('[role="tabpanel"] [role="status"]')];
    const observer = new MutationObserver(() => status.forEach((s) => window.seenStatus.push(s.textContent)));
    status.forEach((s) => observer.observe(s, { childList: true, characterData: true, subtree: true }));
  });
  await panel.getByRole('button', { name: 'Compute landscape' }).click();
  await expect.poll(async () => (await call(page, 'landscapeRuns')).length, { timeout: 90_000 }).toBe(2);
  expect(await call(page, 'lastError')).toBeNull();
  const seen = await page.evaluate(() => window.seenStatus);
  expect(seen).toContain('Training 1 other run for as many steps as yours and evaluating a 41 x 41 grid…');
  await expect(panel.getByRole('status')).toContainText('1 other run trained for as many steps');

  const grid = await call(page, 'landscapeGrid');
  expect(grid.resolution).toBe(41);
  expect(grid.finite).toBeGreaterThan(41 * 41 * 0.5);
  const runs = await call(page, 'landscapeRuns');
  expect(runs.map((r) => r.label)).toEqual(['Your run (GD, α 0.1)', 'Momentum']);
  for (const run of runs) {
    expect(run.points).toBeGreaterThan(1);
    expect(run.lastLoss).toBeLessThan(run.firstLoss);
    expect(run.lastStep).toBe(grid.steps);  // as many steps as your run
  }

  // Every marker the caption promises: the shared start, and an end for each run, in the frame.
  await expect.poll(async () => (await call(page, 'landscapeMarkers')).filter((m) => m.inside).map((m) => `${m.kind} ${m.label}`).sort(), { timeout: 5_000 })
    .toEqual(['end Momentum', 'end Your run (GD, α 0.1)', 'start null']);
  await expect(panel.getByRole('img', { name: /Contour plot of the training loss/ }))
    .toHaveAccessibleDescription(/○ marks the initial weights, where every run starts; each run’s filled marker \(as in the legend\) marks where it ends/);
  // GD's path is not hidden under momentum's: both colours are on the plot.
  const blue = await pixelsOf(page, '#0072B2'), orange = await pixelsOf(page, '#D55E00');
  console.log(`plot pixels: GD ${blue}, momentum ${orange}`);
  expect(blue).toBeGreaterThan(150);
  expect(orange).toBeGreaterThan(150);
  expect((await call(page, 'landscapeLine')).length).toBeGreaterThan(2);
  await expect(panel.getByRole('img', { name: /Line chart of the loss/ })).toBeVisible();
  await panel.screenshot({ path: '/tmp/landscape-two-runs.png' });
});
