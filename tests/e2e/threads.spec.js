// Threads: served cross-origin isolated (web/serve.mjs's default, as .ci/serve does), the
// playground's worker runs the threaded engine on one thread per core and says so; served
// without COOP/COEP it runs the single-threaded engine. Both train a network whose products
// are split across threads to the same numbers, bit for bit (each column of a product is
// computed by one thread, in the one-thread order: engine/core/gemm.h).
import { expect } from '@playwright/test';

import { test } from './serve-fixture.js';
import { series, status } from './page.js';

// Digits through 256 and 128 units at batch 64: the first layer's products are 256 x 64 x 64
// multiply-adds and more, above the kernel's threshold for splitting (2^19).
const EPOCHS = 4;
const LINK = `#speed=max&dataset=digits&normalize=true&hidden=256,128&output=softmax&optimizer=adam&lr=0.001&batch=64&epochs=${EPOCHS}&seed=3`;

// Trains the link's experiment to its end; returns the four curves, every epoch.
async function trainLink(page, url) {
  await page.goto(`${url}${LINK}`);
  await expect(status(page)).toContainText(`epoch 0 of ${EPOCHS}`, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toContainText(`Finished · epoch ${EPOCHS} of ${EPOCHS}`, { timeout: 30_000 });
  const curves = {};
  for (const label of ['Train loss', 'Dev loss', 'Train error', 'Dev error']) curves[label] = (await series(page, label)).map((p) => p.y);
  return curves;
}

test('isolated, the playground trains threaded, one thread per core, and says so', async ({ page, serve }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const isolated = await serve({});  // COOP + COEP: the default
  const threadedRun = await trainLink(page, isolated.url);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const expected = Math.min(cores, 8);
  expect(await page.evaluate(() => window.descent.threads)).toMatchObject({ threaded: cores > 1, threads: expected });
  await expect(page.getByText(/^Threads: /)).toHaveText(cores > 1
    ? `Threads: ${expected} · large products are split across them; a small network trains on one`
    : /^Threads: 1 · /);
  // The worker that trains fetched the threaded build.
  const trainer = page.workers().find((w) => new URL(w.url()).pathname === '/worker.js');
  const fetched = await trainer.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  expect(fetched).toContain(cores > 1 ? '/engine-mt.wasm' : '/engine.wasm');
  console.log(`isolated: ${expected} threads on ${cores} cores; dev error ${threadedRun['Dev error'].at(-1)}`);

  // The same experiment on a page without isolation: the single-threaded engine, the same numbers.
  const plain = await serve({ isolate: false });
  const single = await page.context().newPage();
  const singleRun = await trainLink(single, plain.url);
  expect(await single.evaluate(() => window.descent.threads)).toMatchObject({ threaded: false, threads: 1 });
  for (const label of Object.keys(threadedRun)) {
    expect(threadedRun[label].length, label).toBe(EPOCHS + 1);
    expect(threadedRun[label], `${label}: threaded and single-threaded differ`).toEqual(singleRun[label]);
  }
  expect(threadedRun['Dev error'].at(-1)).toBeLessThan(0.2);  // it learnt: digits, 4 epochs
  expect(errors).toEqual([]);
});
