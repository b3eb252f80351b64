// The built site as a static host serves it: under the strict Content-Security-Policy, under a
// sub-path, with no request to another origin, cross-origin isolated (threads) and not (one
// thread). Each test starts its own servers (web/serve.mjs's startServer, on free ports).
import { existsSync, readFileSync } from 'node:fs';

import { expect } from '@playwright/test';

import { CSP } from '../../web/serve.mjs';
import { test } from './serve-fixture.js';
import { series } from './page.js';

const PUBLIC = new URL('../../public/', import.meta.url);
const SUB_PATH = '/courses/dl/descent/';

// Collects what the page reports of the policy: its securitypolicyviolation events (an init
// script injected by the test, not inline script of the page) and console messages about the
// policy, the workers' included. Violations inside a worker reach the server's report-uri.
async function watchPolicy(page) {
  const messages = [];
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`), true);
  });
  const keep = (m) => { if (/Content.Security.Policy/i.test(m.text())) messages.push(m.text()); };
  page.on('console', keep);
  page.on('worker', (worker) => worker.on('console', keep));
  return async () => {  // from every frame: the course page frames a lesson
    const events = await Promise.all(page.frames().map((f) => f.evaluate(() => window.cspViolations ?? [])));
    return [...messages, ...events.flat()];
  };
}

// Trains the default experiment for `epochs` epochs with the Train button; returns dev error per epoch.
async function trainDefault(page, epochs) {
  await expect(page.getByRole('status').filter({ hasText: `epoch 0 of ${epochs}` })).toBeVisible();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Finished · epoch ${epochs} of ${epochs}` }))
    .toBeVisible({ timeout: 30_000 });
  const dev = (await series(page, 'Dev error')).map((p) => p.y);
  expect(dev.length).toBe(epochs + 1);  // epoch 0 and one point per epoch
  expect(dev.at(-1)).toBeLessThan(dev[0]);
  return dev;
}

test('under the strict CSP the playground trains and nothing is refused', async ({ page, serve }) => {
  const server = await serve({ csp: true });
  const violations = await watchPolicy(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const response = await page.goto(`${server.url}#speed=fast&epochs=30`);
  expect(response.headers()['content-security-policy']).toContain(CSP);
  const dev = await trainDefault(page, 30);
  console.log(`under CSP: dev error ${dev[0].toFixed(3)} -> ${dev.at(-1).toFixed(3)} in 30 epochs`);
  await page.waitForTimeout(300);  // let a report POST from a worker arrive
  expect(await violations()).toEqual([]);
  expect(server.violations).toEqual([]);
  expect(errors).toEqual([]);
});

test('the policy watch is not blind: an inline style in the page and a foreign fetch in the worker are seen', async ({ page, serve }) => {
  const server = await serve({ csp: true });
  const violations = await watchPolicy(page);
  const worker = page.waitForEvent('worker');
  await page.goto(server.url);
  await expect(page.getByRole('status').filter({ hasText: 'epoch 0 of' })).toBeVisible();
  expect(await violations()).toEqual([]);
  // Playwright's evaluate is exempt from the eval check, not from the rest of the policy.
  await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
  await expect.poll(async () => (await violations()).join('\n')).toMatch(/style-src-attr blocked inline/);
  expect((await violations()).join('\n')).toMatch(/violates the following Content Security Policy directive/);
  const trainer = await worker;
  const fetched = await trainer.evaluate(() => fetch('http://127.0.0.2:9/').then(() => 'fetched', (e) => e.name));
  expect(fetched).toBe('TypeError');
  await expect.poll(() => server.violations.map((v) => v['effective-directive'])).toContain('connect-src');
  expect(server.violations.map((v) => v['document-uri'])).toContain(new URL('worker.js', server.url).href);
});

// A page of public/ and every script it loads exist.
function built(file) {
  const url = new URL(file, PUBLIC);
  if (!existsSync(url)) return false;
  const scripts = [...readFileSync(url, 'utf8').matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  return scripts.every((src) => existsSync(new URL(src, url)));
}

// Records each lesson's runs from its descent:loaded and descent:epoch events (they bubble);
// returns a function that reads the epochs of the lesson holding the first Train button.
async function watchLessons(page) {
  await page.addInitScript(() => {
    window.lessonRuns = new Map();  // lesson element -> epoch 0 from descent:loaded, then the rest
    document.addEventListener('descent:loaded', (e) => window.lessonRuns.set(e.target, [...e.detail.epochs]));
    document.addEventListener('descent:epoch', (e) => window.lessonRuns.get(e.target)?.push(...e.detail.epochs));
  });
  return () => page.evaluate(() => {
    const train = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Train');
    return [...window.lessonRuns].find(([root]) => root.contains(train))?.[1] ?? [];
  });
}

// The pages another part of the site adds (a lesson embed and a course of lessons), when built.
for (const [file, what] of [['embed.html', 'the lesson embed'], ['course.html', 'the course page']]) {
  test(`under the strict CSP ${what} trains and nothing is refused`, async ({ page, serve }) => {
    test.skip(!built(file), `public/${file} or a script of it is not built`);
    const server = await serve({ csp: true });
    const violations = await watchPolicy(page);
    const firstLesson = await watchLessons(page);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(new URL(file, server.url).href);
    await expect.poll(async () => (await firstLesson()).length).toBe(1);
    await page.getByRole('button', { name: 'Train', exact: true }).first().click();
    const lossRatio = async () => { const e = await firstLesson(); return e.at(-1).train_loss / e[0].train_loss; };
    await expect.poll(lossRatio, { timeout: 30_000 }).toBeLessThan(0.9);  // the cost falls by a tenth
    const epochs = await firstLesson();
    expect(epochs.map((e) => e.epoch)).toEqual([...epochs.keys()]);  // 0, 1, 2, ... none lost
    console.log(`${file} under CSP: train loss ${epochs[0].train_loss.toFixed(3)} -> ${epochs.at(-1).train_loss.toFixed(3)} by epoch ${epochs.at(-1).epoch}`);
    await page.waitForTimeout(300);
    expect(await violations()).toEqual([]);
    expect(server.violations).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('served under a sub-path the page loads its lessons and trains', async ({ page, serve }) => {
  const server = await serve({ base: SUB_PATH });
  expect(server.url).toMatch(new RegExp(`:\\d+${SUB_PATH}$`));
  // Nothing is served at the root, so a URL that assumes the site root fails loudly.
  expect((await page.request.get(new URL('/index.html', server.url).href)).status()).toBe(404);
  const missing = [];
  page.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${server.url}#speed=fast&epochs=20`);
  const index = JSON.parse(readFileSync(new URL('lessons/index.json', PUBLIC), 'utf8'));
  const runs = index.map(({ id }) => JSON.parse(readFileSync(new URL(`lessons/${id}.json`, PUBLIC), 'utf8')).runs.length)
    .reduce((a, b) => a + b, 0);
  expect(runs).toBeGreaterThan(5);
  await expect(page.getByLabel('Lesson preset').locator('option')).toHaveCount(runs + 1);  // and "Choose a lesson…"
  await trainDefault(page, 20);
  expect(missing).toEqual([]);
});

test('no request leaves the server: every URL is same-origin on 127.0.0.1', async ({ page, context, serve }) => {
  const server = await serve({ base: SUB_PATH });
  const requests = [];
  const failed = [];
  context.on('request', (r) => requests.push(r.url()));  // the workers' requests too
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await page.goto(`${server.url}#speed=fast&epochs=20`);
  await expect(page.getByLabel('Lesson preset').locator('option').nth(1)).toBeAttached();
  await trainDefault(page, 20);
  const origin = new URL(server.url).origin;
  const paths = requests.map((u) => new URL(u)).map((u) => {
    expect(u.hostname, u.href).toBe('127.0.0.1');
    expect(u.origin, u.href).toBe(origin);
    return u.pathname.slice(SUB_PATH.length);
  });
  // The list is the whole site: the page, its scripts, the worker, the engine and the lessons.
  // Isolated (the server's default), the playground's worker runs the threaded engine, whose
  // threads are workers of engine-mt.worker.js; the search's pool is not started here.
  for (const file of ['', 'app.js', 'style.css', 'worker.js', 'engine-mt.js', 'engine-mt.wasm', 'engine-mt.worker.js', 'lessons/index.json']) {
    expect(paths).toContain(file);
  }
  expect(requests.every((u) => u.startsWith(server.url))).toBe(true);
  expect(failed).toEqual([]);
});

test('under a sub-path the course page and its framed lesson fetch nothing from elsewhere', async ({ page, context, serve }) => {
  test.skip(!built('course.html'), 'public/course.html or a script of it is not built');
  const server = await serve({ base: SUB_PATH });
  const firstLesson = await watchLessons(page);
  const requests = [];
  const failed = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await page.goto(new URL('course.html', server.url).href);
  await expect.poll(async () => (await firstLesson()).length).toBe(1);
  await expect(page.frameLocator('iframe').first().getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  const paths = requests.map((u) => new URL(u)).filter((u) => u.origin === new URL(server.url).origin && u.pathname.startsWith(SUB_PATH))
    .map((u) => u.pathname.slice(SUB_PATH.length));
  for (const file of ['course.html', 'descent.js', 'embed.html', 'embed.js', 'worker.js', 'engine.wasm']) expect(paths).toContain(file);
  expect(paths.length).toBe(requests.length);
  expect(failed).toEqual([]);
});

test('without cross-origin isolation, under the strict CSP and a sub-path, it trains on one thread', async ({ page, serve }) => {
  const server = await serve({ base: SUB_PATH, csp: true, isolate: false });
  const violations = await watchPolicy(page);
  const response = await page.goto(`${server.url}#speed=fast&epochs=20`);
  expect(response.headers()['cross-origin-opener-policy']).toBeUndefined();
  expect(response.headers()['cross-origin-embedder-policy']).toBeUndefined();
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('undefined');  // not offered, not needed
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  for (const worker of page.workers()) expect(await worker.evaluate(() => self.crossOriginIsolated)).toBe(false);
  await expect(page.getByText(/^Threads: /)).toHaveText('Threads: 1 · the page is not cross-origin isolated (its server sends no COOP and COEP headers), so threads are not allowed');
  expect(await page.evaluate(() => window.descent.threads)).toMatchObject({ threaded: false, threads: 1 });
  await trainDefault(page, 20);
  expect(await violations()).toEqual([]);
  expect(server.violations).toEqual([]);
});
