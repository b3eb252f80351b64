// Reliability of the playground page: a dead training worker is replaced and nothing drawn is
// lost; a network too large for the engine's memory, hostile CSV files and stored data are
// refused with a message; settings and runs survive a reload; 200 train/reset/preset cycles
// leave the memory bounded and nothing errored. The real page, worker and engine throughout.
import { writeFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { framesPerSecond, series, settings, status } from './page.js';

// Page errors and console errors, collected for the whole test.
function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
}

const labels = (page) => page.evaluate(() => window.descent.metrics.runs());
// The points drawn for one series of a kept run, e.g. 'Run 1 · seed 1 · Dev error'.
const drawn = (page, label) => page.evaluate((l) =>
  window.descent.chart.chart.data.datasets.find((d) => d.label === l)?.data.map(({ x, y }) => ({ x, y })), label);

async function trainToEnd(page) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('Finished', { timeout: 30_000 });
}

test('a worker that dies mid-run is noticed within a second and replaced; runs and settings stay', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./#speed=max&epochs=30&lr=0.05');
  await trainToEnd(page);
  await page.getByRole('button', { name: 'Regenerate data' }).click();  // a compared run: "Run 1 · seed 1"
  await expect(status(page)).toContainText('Ready · epoch 0 of 30');
  await page.getByLabel('Speed').selectOption('slow');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(async () => (await series(page, 'Dev error')).length).toBeGreaterThan(5);
  const before = await series(page, 'Dev error');
  const url = page.url();

  // Ended from outside, as the browser ends a worker it kills: no message, no error event.
  const killedAt = await page.evaluate(() => {
    const t = performance.now();
    window.descent.worker.terminate();
    return t;
  });
  await expect(page.getByRole('status').filter({ hasText: 'The training worker stopped (it stopped). A new one was started' })).toBeVisible();
  const noticedAt = await page.evaluate(() => performance.getEntriesByName('descent:worker-restarted').at(-1).startTime);
  console.log(`dead worker noticed after ${(noticedAt - killedAt).toFixed(1)} ms, at epoch ${before.at(-1).x}`);
  expect(noticedAt - killedAt).toBeLessThan(1000);

  // The fresh worker has the same settings; what was drawn is on the chart, faded.
  await expect(status(page)).toContainText('Ready · epoch 0 of 30');
  expect(page.url()).toBe(url);
  const runs = await labels(page);
  expect(runs[0]).toBe('Run 1 · seed 1');
  expect(runs[1]).toMatch(/^Run 2 · stopped at epoch \d+$/);
  const stopped = await drawn(page, `${runs[1]} · Dev error`);
  expect(stopped.length).toBeGreaterThanOrEqual(before.length);
  expect(stopped.slice(0, before.length)).toEqual(before);
  // ...and it trains, at the speed chosen before (slow: 10 epochs a second).
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText('Finished · epoch 30 of 30', { timeout: 15_000 });
  expect((await series(page, 'Dev error'))[0]).toEqual(before[0]);  // same seed, same initial weights
  expect(errors).toEqual([]);
});

test('a network too large for the 1 GB engine memory is refused before allocation, with the size and the limit, and the run on the chart is kept', async ({ page }, info) => {
  const errors = watchErrors(page);
  await page.goto('./#speed=max&epochs=10');
  await trainToEnd(page);
  const before = await series(page, 'Dev error');
  // 20 hidden layers of 1024 units, full batch on 70,000 examples: each activation matrix alone
  // is 1024 x 70,000 numbers.
  const spec = { data: { source: 'circles', samples: 100000 }, split: { train: 0.7, dev: 0.3, test: 0 },
    layers: [...Array(20).fill({ units: 1024, activation: 'relu' }), { units: 1, activation: 'sigmoid' }], batch_size: 0, epochs: 10 };
  const file = info.outputPath('huge.json');
  writeFileSync(file, JSON.stringify(spec));
  const t0 = Date.now();
  await page.getByLabel('Load spec').setInputFiles(file);
  // Refused by the engine before it allocates, beside the network, with the size and the limit.
  const refusal = page.getByText(/^layers is about \d+ GB for 20 hidden layers of up to 1024 units \(\d+ parameters\) over 70000 examples; allowed: at most 928 MB for a run \(the engine's memory is 1\.0 GB\)/);
  await expect(refusal).toBeVisible({ timeout: 30_000 });
  const message = await refusal.textContent();
  console.log(`refused after ${Date.now() - t0} ms: "${message}"`);
  expect(await series(page, 'Dev error')).toEqual(before);  // the last run stays drawn
  expect(await framesPerSecond(page, 500)).toBeGreaterThan(20);
  expect(errors).toEqual([]);
});

test('settings and completed runs survive a reload; corrupt stored runs are ignored with a notice', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./#speed=max&epochs=25&optimizer=momentum');
  await trainToEnd(page);
  await page.getByRole('button', { name: 'Regenerate data' }).click();
  await expect(status(page)).toContainText('Ready · epoch 0 of 25');
  await trainToEnd(page);
  const kept = await drawn(page, 'Run 1 · seed 1 · Dev error');
  const current = await series(page, 'Dev error');
  expect(kept.length).toBe(26);

  // The bare address: no link settings, so the saved ones load, with the runs.
  await page.goto('./');
  await expect(status(page)).toContainText('Ready · epoch 0 of 25');
  expect(await page.evaluate(() => [window.descent.state.seed, window.descent.state.optimizer])).toEqual([2, 'momentum']);
  const runs = await labels(page);
  expect(runs[0]).toBe('Run 1 · seed 1');
  expect(runs[1]).toMatch(/^run of \d\d:\d\d:\d\d$/);
  expect(await drawn(page, 'Run 1 · seed 1 · Dev error')).toEqual(kept);
  expect(await drawn(page, `${runs[1]} · Dev error`)).toEqual(current);

  // A link wins over the saved settings.
  await page.goto('./#epochs=7');
  await page.reload();  // a new hash alone is not a new page
  await expect(status(page)).toContainText('Ready · epoch 0 of 7');
  expect(await page.evaluate(() => window.descent.state.optimizer)).toBe('gd');

  // Stored data is never trusted. It is written from a same-origin page that is not the
  // playground (the playground saves its own runs as it goes away).
  const stored = async (text) => {
    const seen = errors.length;
    await page.goto('./lessons/index.json');
    await page.evaluate((t) => localStorage.setItem('descent:runs', t), text);
    await page.goto('./');
    errors.splice(seen);  // a JSON file's page asks for a favicon the site does not have
  };
  await stored('{"version":1,"runs":[');
  await expect(page.getByText('The runs saved from your last visit were ignored: they are not valid JSON.')).toBeVisible();
  await stored(JSON.stringify({ version: 1, runs: [{ label: 'x', epoch: [0, 1], dev_error: ['<b>'] }] }));
  await expect(page.getByText('1 of the 1 runs saved from your last visit was not valid and was ignored.')).toBeVisible();
  expect(await labels(page)).toEqual([]);
  await stored('x'.repeat(3e6));
  await expect(page.getByText('The runs saved from your last visit were ignored: they are 3.0 MB; allowed: at most 2.0 MB.')).toBeVisible();
  await expect(status(page)).toContainText('Ready · epoch 0 of 7');  // the saved settings were fine
  expect(errors).toEqual([]);
});

test('CSV files that are too large, binary or too wide are refused with a message; the page stays responsive @timing', async ({ page }, info) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await page.goto('./#speed=max&epochs=10');
  await trainToEnd(page);
  const before = await series(page, 'Dev error');
  await settings(page).getByLabel('Data set', { exact: true }).selectOption('csv');
  const upload = page.getByLabel('CSV file', { exact: true });

  const files = {
    huge: info.outputPath('huge.csv'),      // 100 MB of valid rows
    binary: info.outputPath('binary.csv'),  // random bytes
    wide: info.outputPath('wide.csv'),      // 10,000 columns
  };
  const row = '0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1\n';
  writeFileSync(files.huge, `a,b,c,d,e,f,g,h,i,label\n${row.repeat(Math.ceil(100e6 / row.length))}`);
  const bytes = Buffer.alloc(1 << 20);
  for (let i = 0, x = 12345; i < bytes.length; i += 1) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  writeFileSync(files.binary, bytes);
  const names = Array.from({ length: 10000 }, (_, j) => `x${j}`).join(',');
  const values = Array.from({ length: 10000 }, (_, j) => j % 2).join(',');
  writeFileSync(files.wide, `${names}\n${values}\n${values}\n${values}\n`);

  const expected = {
    huge: 'huge.csv is 100.0 MB; allowed: at most 50 MB',
    binary: /not a text CSV file: byte \d+ is a NUL/,
    wide: /10000 columns.*at most 4096 columns/,
  };
  for (const [name, file] of Object.entries(files)) {
    const t0 = Date.now();
    await upload.setInputFiles(file);
    const fps = await framesPerSecond(page, 1000);  // while the file is read and checked
    await expect(settings(page).getByText(expected[name])).toBeVisible({ timeout: 20_000 });
    console.log(`${name}.csv: refused after ${Date.now() - t0} ms, ${fps.toFixed(0)} frames/s meanwhile`);
    expect(fps).toBeGreaterThan(20);
  }
  // Nothing was lost, and the run buttons still answer.
  expect(await series(page, 'Dev error')).toEqual(before);
  await settings(page).getByLabel('Data set', { exact: true }).selectOption('circles');
  await expect(status(page)).toContainText('Ready · epoch 0 of 10');
  await trainToEnd(page);
  expect(errors).toEqual([]);
});

test('soak: 200 cycles of preset, train and reset keep the memory bounded, with no errors', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('./#speed=max&epochs=20');
  await expect(status(page)).toContainText('Ready · epoch 0 of 20');
  const options = page.getByLabel('Lesson preset').locator('option:not([value=""])');
  await expect.poll(() => options.count()).toBeGreaterThan(5);  // the lessons load after the page
  const presets = await options.evaluateAll((os) => os.map((o) => o.value));
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const engine = () => page.evaluate(() => window.descent.heapBytes);

  const cycle = async (i) => {
    await page.getByLabel('Lesson preset').selectOption(presets[i % presets.length]);
    await expect(status(page)).toContainText('Ready · epoch 0 of');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => page.evaluate(() => window.descent.epochs.length)).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(status(page)).toContainText('Ready · epoch 0 of');
  };
  for (let i = 0; i < 10; i += 1) await cycle(i);  // warm up: every preset's data loaded once
  const start = { js: await heap(), engine: await engine(), time: Date.now() };
  const N = 200;
  for (let i = 0; i < N; i += 1) await cycle(i);
  const end = { js: await heap(), engine: await engine(), time: Date.now() };
  const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  console.log(`soak: ${N} cycles in ${((end.time - start.time) / 1000).toFixed(1)} s; page heap ${mib(start.js)} -> ${mib(end.js)}; `
    + `engine memory ${mib(start.engine)} -> ${mib(end.engine)}; compared runs ${(await labels(page)).length}`);
  expect(end.js).toBeLessThan(start.js * 1.5 + 10 * 2 ** 20);
  expect(end.engine).toBeLessThanOrEqual(start.engine * 1.25);
  expect(errors).toEqual([]);
});
