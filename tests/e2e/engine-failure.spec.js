// The page never hangs: when the engine cannot load (engine.wasm missing or damaged, the
// worker script missing, a browser without WebAssembly or its SIMD), the playground and the
// embedded lesson say within seconds what went wrong and what to do, Train stays disabled
// with that reason, and nothing else on the page errors.
import { expect, test } from '@playwright/test';

// The playground's worker runs the threaded engine (the test server is cross-origin isolated);
// an embedded lesson's the single-threaded one: each failure names the file that failed.
const PAGES = [
  { name: 'the playground', path: './', wasm: 'engine-mt.wasm' },
  { name: 'the embedded lesson', path: './embed.html?lesson=optimization', wasm: 'engine.wasm' },
];

const escape = (text) => text.replace(/[.?]/g, '\\$&');

// How each failure is made, and what the message must say about it, for the page's .wasm.
const BREAKS = [
  (wasm, w = escape(wasm)) => ({
    name: `${wasm} answers 404`,
    url: new RegExp(`/${w}$`),
    route: (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }),
    status: new RegExp(`Engine unavailable · ${w} could not be loaded \\(status 404`),
    message: new RegExp(`Reload the page to try again\\. If you run this site: ${w} is missing at http://127\\.0\\.0\\.1:\\d+/${w} \\(served with status 404`),
  }),
  (wasm, w = escape(wasm)) => ({
    name: `${wasm} is garbage`,
    url: new RegExp(`/${w}$`),
    route: (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('this is not WebAssembly, only words') }),
    status: new RegExp(`Engine unavailable · ${w} is damaged`),
    message: new RegExp(`${w} is not a valid engine \\(CompileError: .*\\)\\. Reload the page to try again\\. If you run this site: ${w} is damaged at http://127\\.0\\.0\\.1:\\d+/${w} \\(served with status 200\\)`),
  }),
  () => ({
    name: 'worker.js answers 404',
    url: /\/worker\.js(\?threads=1)?$/,
    route: (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }),
    status: /Engine unavailable · the training worker could not start/,
    message: /the training worker could not start\. Reload the page to try again\. If you run this site: worker\.js at http:\/\/127\.0\.0\.1:\d+\/worker\.js(\?threads=1)? is missing/,
  }),
];

// Page errors, and console errors other than the failed request itself.
function watchErrors(page, failedUrl) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const failedRequest = /Failed to load resource/.test(m.text()) && failedUrl?.test(m.location().url);
    if (!failedRequest) errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  return errors;
}

// The embed's descent:error and descent:state events, as a course page would hear them.
async function recordEvents(page) {
  await page.addInitScript(() => {
    window.seen = [];
    for (const type of ['error', 'state']) document.addEventListener(`descent:${type}`, (e) => window.seen.push({ type, detail: e.detail }));
  });
}

const train = (page) => page.getByRole('button', { name: 'Train', exact: true });
const message = (page) => page.getByRole('alert').filter({ hasText: 'Descent’s engine' });

async function expectUnavailable(page, { status, message: words }) {
  await expect(message(page)).toBeVisible({ timeout: 5000 });
  await expect(message(page)).toHaveText(words);
  await expect(page.getByRole('status').filter({ hasText: 'Engine unavailable' })).toHaveText(status);
  await expect(train(page)).toBeDisabled();
  await expect(train(page)).toHaveAttribute('title', /^Engine unavailable: /);
  await expect(train(page)).toHaveAccessibleDescription(words);
  await expect(page.getByRole('button', { name: 'Reset', exact: true })).toBeDisabled();
}

for (const where of PAGES) {
  for (const broken of BREAKS.map((make) => make(where.wasm))) {
    test(`${where.name}: ${broken.name} is said within 5 s, Train disabled, no page error`, async ({ page }) => {
      const errors = watchErrors(page, broken.url);
      await recordEvents(page);
      let asked = 0;
      await page.route(broken.url, (route) => { asked += 1; return broken.route(route); });
      await page.goto(where.path);
      await expectUnavailable(page, broken);
      if (where.path.includes('embed')) {
        const seen = await page.evaluate(() => window.seen);
        const error = seen.find((e) => e.type === 'error' && e.detail.field === 'engine');
        expect(error?.detail.message).toMatch(broken.message);
        expect(seen.filter((e) => e.type === 'state').at(-1)?.detail).toEqual({ state: 'unavailable' });
      } else {
        // The rest of the page still works: a control can be changed, and the message stays.
        await page.getByLabel('Learning rate', { exact: true }).first().fill('0.05');
        await expect(message(page)).toHaveText(broken.message);
        await expect(train(page)).toBeDisabled();
        await expect(page.getByText('Start here:')).toBeHidden();  // "press Train" would not be true
      }
      await page.waitForTimeout(500);  // a late error or a restart would show by now
      expect(asked).toBe(1);             // asked once: not fetched again, not restarted
      expect(errors).toEqual([]);
    });
  }
}

// A browser without what the engine needs is found before any worker starts.
const BROWSERS = [
  {
    name: 'without WebAssembly SIMD',
    // validate() refuses any module with a SIMD (0xfd-prefixed) instruction, as such a browser does.
    init: () => {
      const validate = WebAssembly.validate.bind(WebAssembly);
      WebAssembly.validate = (bytes) => {
        const b = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
        return b.includes(0xfd) ? false : validate(bytes);
      };
    },
    names: /^This browser does not run WebAssembly SIMD, which Descent’s engine needs\. Use a current Chrome or Edge \(95 or later\), Firefox \(100 or later\) or Safari \(16\.4 or later\)\.$/,
  },
  {
    name: 'without WebAssembly',
    init: () => { delete globalThis.WebAssembly; },
    names: /^This browser does not run WebAssembly, which Descent’s engine needs\. Use a current Chrome or Edge/,
  },
];

for (const where of PAGES) {
  for (const browser of BROWSERS) {
    test(`${where.name} ${browser.name}: says so and advises another browser`, async ({ page }) => {
      const errors = watchErrors(page, null);
      const workers = [];
      page.on('worker', (w) => workers.push(w.url()));
      await recordEvents(page);
      await page.addInitScript(browser.init);
      await page.goto(where.path);
      const alert = page.getByRole('alert').filter({ hasText: 'This browser does not run' });
      await expect(alert).toBeVisible({ timeout: 5000 });
      await expect(alert).toHaveText(browser.names);
      await expect(page.getByRole('status').filter({ hasText: 'Engine unavailable' })).toContainText('This browser does not run WebAssembly');
      await expect(train(page)).toBeDisabled();
      await expect(train(page)).toHaveAccessibleDescription(browser.names);
      if (where.path.includes('embed')) {
        const seen = await page.evaluate(() => window.seen);
        expect(seen.find((e) => e.type === 'error')?.detail).toMatchObject({ field: 'engine', message: expect.stringMatching(browser.names) });
        expect(seen.filter((e) => e.type === 'state').at(-1)?.detail).toEqual({ state: 'unavailable' });
      }
      expect(workers.filter((url) => url.includes('/worker.js'))).toEqual([]);  // no worker was started for nothing
      expect(errors).toEqual([]);
    });
  }
}

test('the course page: every <descent-lesson> says engine.wasm is missing', async ({ page }) => {
  const missing = BREAKS[0]('engine.wasm');  // lessons run the single-threaded engine
  const errors = watchErrors(page, missing.url);
  await page.route(missing.url, missing.route);
  await page.goto('./course.html');
  const lessons = page.locator('descent-lesson');
  await expect(lessons.first()).toBeVisible();
  const n = await lessons.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i += 1) {
    await expect(lessons.nth(i).getByRole('alert').filter({ hasText: 'Descent’s engine' })).toHaveText(missing.message, { timeout: 5000 });
    await expect(lessons.nth(i).getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  }
  expect(errors).toEqual([]);
});

test('the playground’s search: with engine.wasm missing, it says why it did not start, and does not hang', async ({ page }) => {
  // Both flavours missing: the playground's worker (threaded) and the pool's (single-threaded).
  const wasm = /\/engine(-mt)?\.wasm$/;
  const errors = watchErrors(page, wasm);
  await page.route(wasm, BREAKS[0]('engine.wasm').route);
  await page.goto('./');
  await expect(message(page)).toBeVisible({ timeout: 5000 });
  const card = page.getByRole('region', { name: 'Hyperparameter search' });
  await card.getByLabel('Trials', { exact: true }).fill('6');
  await card.getByLabel('Workers', { exact: true }).fill('2');
  await card.getByRole('button', { name: 'Run search' }).click();
  await expect(card.getByRole('status')).toHaveText('The search did not start.', { timeout: 5000 });
  await expect(card.getByText(/^The search could not be planned: Descent’s engine could not be loaded/)).toBeVisible();
  expect(await page.evaluate(() => window.descent.search.lastError())).toMatch(/engine\.wasm is missing at .*engine\.wasm \(served with status 404/);
  expect(errors).toEqual([]);
});
