// Embedding as course authors expect: a frame on another origin that sizes itself from the
// embed's 'resize' messages (no inner scrollbar), a lesson file served by the course's own
// site (lesson=<URL>), and the playground's descent:* events on document.
import http from 'node:http';
import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

const statusOf = (frame) => frame.getByRole('status').filter({ hasText: /epoch \d+ of/ });

// The course's own lesson: two short runs of the moons lesson.
const moons = JSON.parse(readFileSync(new URL('../../public/lessons/optimization.json', import.meta.url), 'utf8'));
const OWN_LESSON = {
  title: 'Our own moons', text: 'Two short runs, served by the course.',
  runs: [{ label: 'Plain, 40 epochs', spec: { ...moons.runs[0].spec, epochs: 40 } }, { label: 'Adam, 60 epochs', spec: { ...moons.runs[2].spec, epochs: 60 } }],
};

// The course page: frames the embed named in its query and sizes it with the five lines an
// author copies from the README.
const PARENT_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A course elsewhere</title>
<script type="module" src="parent.js"></script></head><body><h1>A course on another site</h1>
<iframe title="Embedded lesson" style="width: 100%; height: 300px"></iframe><p>After the lesson.</p></body></html>`;
const PARENT_JS = `const frame = document.querySelector('iframe');
frame.src = new URLSearchParams(location.search).get('embed');
const DESCENT = new URL(frame.src).origin;
window.received = [];
window.addEventListener('message', (e) => {
  if (e.origin !== DESCENT || e.data?.descent !== 1) return;
  window.received.push(e.data);
  if (e.data.type === 'resize') frame.style.height = \`\${e.data.height}px\`;
});`;

let course;
test.beforeAll(async () => {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const cors = { 'Access-Control-Allow-Origin': '*' };
    const routes = {
      '/parent.html': [PARENT_HTML, 'text/html'],
      '/parent.js': [PARENT_JS, 'text/javascript'],
      '/lessons/mine.json': [JSON.stringify(OWN_LESSON), 'application/json', cors],
      '/lessons/nocors.json': [JSON.stringify(OWN_LESSON), 'application/json'],
      '/lessons/notes.json': ['<p>not a lesson</p>', 'text/html', cors],
    };
    const hit = routes[path];
    res.writeHead(hit ? 200 : 404, { 'Content-Type': `${hit ? hit[1] : 'text/plain'}; charset=utf-8`, ...(hit ? hit[2] : cors) });
    res.end(hit ? hit[0] : 'Not found');
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  course = { server, origin: `http://127.0.0.1:${server.address().port}` };
});
test.afterAll(() => new Promise((closed) => course.server.close(closed)));

const received = (page, type) => page.evaluate((t) => window.received.filter((m) => m.type === t), type);
const embedFrame = (page) => page.frames().find((f) => f.url().includes('/embed.html'));
const openCourse = (page, baseURL, query) =>
  page.goto(`${course.origin}/parent.html?embed=${encodeURIComponent(`${baseURL}embed.html?${query}&origins=${course.origin}`)}`);

// The frame's box against the embed document: its height, the document's scrollHeight, and
// whether the document overflows its frame (a vertical scrollbar).
async function frameFit(page) {
  const box = await page.evaluate(() => document.querySelector('iframe').clientHeight);
  const doc = await embedFrame(page).evaluate(() => ({
    scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight,
    content: document.documentElement.getBoundingClientRect().height,
  }));
  return { box, ...doc, fits: Math.abs(box - doc.scroll) <= 1 && doc.scroll <= doc.client };
}

test('a course page on another origin sizes the frame from its resize messages: no inner scrollbar', async ({ page, baseURL }) => {
  await openCourse(page, baseURL, `settings=${encodeURIComponent('epochs=80')}&speed=fast&charts=metrics,boundary`);
  const frame = page.frameLocator('iframe');
  await expect(statusOf(frame)).toContainText('Ready · epoch 0 of 80');

  // resize comes right after ready, with an integer height, and the frame fits its content.
  await expect.poll(async () => (await frameFit(page)).fits).toBe(true);
  const types = await page.evaluate(() => window.received.map((m) => m.type));
  expect(types.slice(0, 2)).toEqual(['ready', 'resize']);
  const first = await frameFit(page);
  const heights = (await received(page, 'resize')).map((m) => m.height);
  expect(heights.every(Number.isInteger)).toBe(true);
  expect(heights.at(-1)).toBe(first.box);
  expect(first.box).toBeGreaterThan(300);  // it grew from the page's 300px to the lesson's height

  // A taller frame does not make the content taller (no 100vh loop): no resize is posted.
  const count = heights.length;
  await page.evaluate(() => { document.querySelector('iframe').style.height = '2000px'; });
  await page.waitForTimeout(400);
  expect((await frameFit(page)).content).toBeCloseTo(first.content, 0);
  expect((await received(page, 'resize')).length).toBe(count);
  await page.evaluate((h) => { document.querySelector('iframe').style.height = `${h}px`; }, first.box);

  // Training to the end: the frame still fits.
  await frame.getByRole('button', { name: 'Train' }).click();
  await expect(statusOf(frame)).toContainText('Finished · epoch 80 of 80', { timeout: 30_000 });
  await expect.poll(async () => (await frameFit(page)).fits).toBe(true);

  // A narrower page reflows the lesson: a new height is posted and the frame follows it.
  await page.setViewportSize({ width: 560, height: 800 });
  await expect.poll(async () => (await received(page, 'resize')).length).toBeGreaterThan(count);
  await expect.poll(async () => (await frameFit(page)).fits).toBe(true);
  const narrow = await frameFit(page);
  console.log(`frame height: ${first.box}px at 1280px wide, ${narrow.box}px at 560px`);
  expect(narrow.box).not.toBe(first.box);
});

test('lesson= takes the URL of a lesson file on the course’s site; a missing one is named with its status', async ({ page, baseURL }) => {
  const url = `${course.origin}/lessons/mine.json`;
  await openCourse(page, baseURL, `lesson=${encodeURIComponent(`${url}?run=1`)}&charts=metrics`);
  const frame = page.frameLocator('iframe');
  await expect(statusOf(frame)).toContainText('Ready · epoch 0 of 60');
  await expect(frame.getByRole('heading', { name: 'Our own moons' })).toBeVisible();
  await expect(frame.getByLabel('Experiment')).toHaveValue('1');
  await expect(frame.getByLabel('Experiment').getByRole('option')).toHaveText(['Plain, 40 epochs', 'Adam, 60 epochs']);
  await expect.poll(async () => (await received(page, 'loaded')).length).toBe(1);
  expect((await received(page, 'loaded'))[0].lesson).toEqual({ id: null, url, run: 1, label: 'Adam, 60 epochs' });
  await frame.getByLabel('Experiment').selectOption('0');
  await expect(statusOf(frame)).toContainText('Ready · epoch 0 of 40');

  // A 404: the URL and the status, in the frame and to the parent; the default experiment loads.
  const missing = `${course.origin}/lessons/none.json`;
  await openCourse(page, baseURL, `lesson=${encodeURIComponent(missing)}`);
  const message = `The lesson at ${missing} could not be loaded: HTTP 404 Not Found.`;
  await expect(page.frameLocator('iframe').getByText(message)).toBeVisible();
  await expect.poll(async () => (await received(page, 'error')).map((m) => m.message)).toEqual([message]);
  await expect(statusOf(page.frameLocator('iframe'))).toContainText('Ready · epoch 0 of');

  // Not JSON, and a site that does not allow the embed's origin (no CORS header).
  await openCourse(page, baseURL, `lesson=${encodeURIComponent(`${course.origin}/lessons/notes.json`)}`);
  await expect(page.frameLocator('iframe').getByText('could not be loaded: it is not JSON.')).toBeVisible();
  await openCourse(page, baseURL, `lesson=${encodeURIComponent(`${course.origin}/lessons/nocors.json`)}`);
  await expect(page.frameLocator('iframe').getByText(/Access-Control-Allow-Origin.*Content-Security-Policy connect-src/)).toBeVisible();
});

test('the playground fires descent:epoch and descent:finished on document', async ({ page }) => {
  await page.goto('./#speed=fast&epochs=300');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await page.evaluate(() => {
    window.seen = [];
    for (const type of ['loaded', 'epoch', 'finished', 'state', 'error']) {
      document.addEventListener(`descent:${type}`, (e) => window.seen.push({ type, detail: e.detail }));
    }
    window.finished = new Promise((done) => document.addEventListener('descent:finished', (e) => done(e.detail), { once: true }));
  });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const summary = await page.evaluate(() => window.finished);
  expect(summary.epochs_run).toBe(300);
  const seen = await page.evaluate(() => window.seen);
  const epochs = seen.filter((e) => e.type === 'epoch');
  expect(epochs.length).toBeGreaterThan(1);
  for (const e of epochs) expect(e.detail.epoch).toBe(e.detail.epochs.at(-1).epoch);
  const records = epochs.flatMap((e) => e.detail.epochs.map((r) => r.epoch));
  expect(records).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  expect(seen.map((e) => e.type).filter((t) => t !== 'epoch').slice(-2)).toEqual(['finished', 'state']);
  expect(seen.findLast((e) => e.type === 'state').detail).toEqual({ state: 'finished' });
  expect(seen.findIndex((e) => e.type === 'state' && e.detail.state === 'running')).toBeLessThan(seen.findIndex((e) => e.type === 'epoch'));
});
