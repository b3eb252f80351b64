// Embedded lessons: three <descent-lesson> elements on the course page, each with its own
// worker, and embed.html framed by a page on another origin that drives it by postMessage.
import http from 'node:http';

import { expect, test } from '@playwright/test';

const epochOf = async (status) => Number((await status.textContent()).match(/epoch (\d+) of/)[1]);
const lessonStatus = (region) => region.getByRole('status').filter({ hasText: /epoch \d+ of/ });

// Every descent:* event the page's lessons dispatch, by the lesson attribute of their element.
async function recordEvents(page) {
  await page.addInitScript(() => {
    window.seen = [];
    for (const type of ['loaded', 'epoch', 'finished', 'state', 'error']) {
      document.addEventListener(`descent:${type}`, (e) => window.seen.push(
        { type, lesson: e.target.getAttribute('lesson'), at: performance.now(), detail: e.detail }));
    }
  });
}
const seen = (page, lesson, type) => page.evaluate(([l, t]) => window.seen.filter((e) => e.lesson === l && e.type === t), [lesson, type]);

test('the course page’s three lessons train independently, each with its own numbers', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await recordEvents(page);
  await page.goto('./course.html');
  const init = page.getByRole('region', { name: 'Circles, a [2, 10, 5, 1] ReLU network' });
  const reg = page.getByRole('region', { name: 'The flower, two layers of 64 units' });
  const opt = page.getByRole('region', { name: 'The moons at learning rate 0.0007' });
  await expect(lessonStatus(init)).toContainText('Ready · epoch 0 of 15000');
  await expect(lessonStatus(reg)).toContainText('Ready · epoch 0 of 400');
  await expect(lessonStatus(opt)).toContainText('Ready · epoch 0 of 5000');

  // Three lessons, one page: no id is used twice.
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  expect(new Set(ids).size).toBe(ids.length);

  // Locked controls are shown, disabled and say so.
  await expect(reg.getByLabel('Epochs')).toBeDisabled();
  await expect(reg.getByText('locked', { exact: true })).toBeVisible();
  await expect(opt.getByLabel('Mini-batch size')).toBeDisabled();
  await expect(opt.getByLabel('Optimizer')).toBeEnabled();

  // Train the regularisation lesson: only it advances.
  await reg.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => epochOf(lessonStatus(reg))).toBeGreaterThan(20);
  await reg.getByRole('button', { name: 'Pause' }).click();
  await expect(lessonStatus(reg)).toContainText('Paused');
  const regEpochs = (await seen(page, 'regularization/0', 'epoch')).flatMap((e) => e.detail.epochs.map((r) => r.epoch));
  const paused = await epochOf(lessonStatus(reg));
  expect(regEpochs.at(-1)).toBe(paused);  // the events carry every epoch, in order, up to the status line's
  expect(regEpochs).toEqual(Array.from({ length: paused }, (_, i) => i + 1));
  expect(await epochOf(lessonStatus(init))).toBe(0);
  expect(await epochOf(lessonStatus(opt))).toBe(0);
  expect(await seen(page, 'optimization/0', 'epoch')).toEqual([]);

  // Then the optimisation lesson: it advances, the paused one stays where it was.
  await opt.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => epochOf(lessonStatus(opt)), { timeout: 20_000 }).toBeGreaterThan(600);
  expect(await epochOf(lessonStatus(reg))).toBe(paused);
  expect(await epochOf(lessonStatus(init))).toBe(0);
  expect(await seen(page, 'initialization/2', 'epoch')).toEqual([]);

  // Epoch events come batched, at most about ten a second, each with the latest record on top.
  const events = await seen(page, 'optimization/0', 'epoch');
  for (const e of events) {
    expect(e.detail.epoch).toBe(e.detail.epochs.at(-1).epoch);
    expect(typeof e.detail.train_loss).toBe('number');
  }
  const busiest = Math.max(...events.map((e) => events.filter((f) => f.at >= e.at && f.at < e.at + 1000).length));
  const rate = ((events.length - 1) * 1000) / (events.at(-1).at - events[0].at);
  const records = events.reduce((n, e) => n + e.detail.epochs.length, 0);
  console.log(`optimisation lesson: ${records} epochs in ${events.length} events, ${rate.toFixed(1)}/s, at most ${busiest} in one second`);
  expect(rate).toBeLessThanOrEqual(10.5);
  expect(busiest).toBeLessThanOrEqual(11);  // the batcher spaces them 100 ms apart; 1 for jitter
  expect(records).toBeGreaterThan(events.length * 5);

  // Its states: loading, idle, running, in that order.
  const states = (await seen(page, 'optimization/0', 'state')).map((e) => e.detail.state);
  expect(states.slice(-2)).toEqual(['idle', 'running']);
  expect(errors).toEqual([]);
});

test('a lesson runs to its end and says so; set() goes through the controls’ validation', async ({ page }) => {
  await recordEvents(page);
  await page.goto('./course.html');
  const reg = page.getByRole('region', { name: 'The flower, two layers of 64 units' });
  await expect(lessonStatus(reg)).toContainText('Ready · epoch 0 of 400');

  // A bad value through the API: refused beside its control, and reported with what is allowed.
  await page.evaluate(() => document.querySelector('descent-lesson[lesson="regularization/0"]').lesson.set('l2', -1));
  await expect(reg.getByText('L2 lambda "-1" is not allowed: use a number >= 0 and <= 1000000.')).toBeVisible();
  const [error] = await seen(page, 'regularization/0', 'error');
  expect(error.detail).toEqual({ field: 'l2', given: '-1', allowed: 'a number >= 0 and <= 1000000',
    message: 'L2 lambda "-1" is not allowed: use a number >= 0 and <= 1000000.' });
  await page.evaluate(() => document.querySelector('descent-lesson[lesson="regularization/0"]').lesson.set('speed', 'max'));
  await page.evaluate(() => document.querySelector('descent-lesson[lesson="regularization/0"]').lesson.set('l2', 1));
  await expect(reg.getByLabel('L2 lambda')).toHaveValue('1');

  await reg.getByRole('button', { name: 'Train' }).click();
  await expect(lessonStatus(reg)).toContainText('Finished · epoch 400 of 400', { timeout: 30_000 });
  const finished = await seen(page, 'regularization/0', 'finished');
  expect(finished).toHaveLength(1);
  expect(finished[0].detail.epochs_run).toBe(400);
  const epochs = (await seen(page, 'regularization/0', 'epoch')).flatMap((e) => e.detail.epochs);
  expect(epochs.at(-1).epoch).toBe(400);
  expect(1 - finished[0].detail.train_accuracy).toBeCloseTo(epochs.at(-1).train_error, 6);
  // The order a listener hears: the last epochs, then finished, then the state.
  const order = await page.evaluate(() => window.seen.filter((e) => e.lesson === 'regularization/0').map((e) => e.type).slice(-3));
  expect(order).toEqual(['epoch', 'finished', 'state']);
});

test('bad options in the frame’s URL are shown there and fall back to defaults', async ({ page }) => {
  await page.goto('./embed.html?lesson=nope&controls=lr,fly&charts=pie&origins=ftp://x');
  const notice = page.getByRole('status').filter({ hasText: 'not valid' });
  await expect(notice).toContainText('controls "fly" is not allowed; allowed: dataset, samples');
  await expect(notice).toContainText('charts "pie" is not allowed; allowed: metrics, boundary.');
  await expect(notice).toContainText('origins "ftp://x" is not allowed');
  await expect(notice).toContainText('lesson "nope" is not allowed; allowed: a lesson id: initialization, regularization, optimization');
  await expect(page.getByRole('status').filter({ hasText: /epoch \d+ of/ })).toContainText('Ready · epoch 0 of 300');
  await expect(page.getByLabel('Learning rate', { exact: true })).toBeVisible();
});

// A page on another origin (another port of 127.0.0.1) that frames the embed and drives it.
const PARENT_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A course elsewhere</title>
<script type="module" src="parent.js"></script></head><body><h1>A course on another site</h1>
<button id="train" type="button">Send train</button> <button id="pause" type="button">Send pause</button>
<button id="bad" type="button">Send a bad command</button> <button id="old" type="button">Send version 2</button>
<button id="lr" type="button">Send learning rate -1</button>
<iframe title="Embedded lesson" width="900" height="520"></iframe></body></html>`;
const PARENT_JS = `const frame = document.querySelector('iframe');
frame.src = new URLSearchParams(location.search).get('embed');
const target = new URL(frame.src).origin;
window.received = [];
addEventListener('message', (e) => {
  if (e.source === frame.contentWindow) window.received.push({ origin: e.origin, at: performance.now(), data: e.data });
});
const send = (m) => frame.contentWindow.postMessage(m, target);
const on = (id, m) => document.getElementById(id).addEventListener('click', () => send(m));
on('train', { descent: 1, type: 'train' });
on('pause', { descent: 1, type: 'pause', id: 'p1' });
on('bad', { descent: 1, type: 'fly', id: 42 });
on('old', { descent: 2, type: 'train' });
on('lr', { descent: 1, type: 'set', name: 'lr', value: -1, id: 'lr' });`;

let parent;
test.beforeAll(async () => {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const body = { '/parent.html': [PARENT_HTML, 'text/html'], '/parent.js': [PARENT_JS, 'text/javascript'] }[path];
    res.writeHead(body ? 200 : 404, { 'Content-Type': `${body ? body[1] : 'text/plain'}; charset=utf-8` });
    res.end(body ? body[0] : 'Not found');
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  parent = { server, origin: `http://127.0.0.1:${server.address().port}` };
});
test.afterAll(() => new Promise((closed) => parent.server.close(closed)));

const received = (page, type) => page.evaluate((t) => window.received.filter((m) => !t || m.data.type === t), type);

test('a frame on another origin takes the parent’s commands and reports epochs to it', async ({ page, baseURL }) => {
  const embedOrigin = new URL(baseURL).origin;
  const embed = `${baseURL}embed.html?lesson=optimization/2&controls=optimizer,lr&charts=metrics&speed=fast&origins=${parent.origin}`;
  await page.goto(`${parent.origin}/parent.html?embed=${encodeURIComponent(embed)}`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('status').filter({ hasText: /epoch \d+ of/ })).toContainText('Ready · epoch 0 of 5000');
  await expect.poll(async () => (await received(page, 'loaded')).length).toBe(1);
  const [ready] = await received(page, 'ready');
  expect(ready.data).toEqual({ descent: 1, type: 'ready', version: 1, commands: ['load', 'train', 'pause', 'reset', 'set'],
    events: ['ready', 'loaded', 'epoch', 'finished', 'state', 'error', 'rejected', 'resize'] });
  const [loaded] = await received(page, 'loaded');
  expect(loaded.data.lesson).toEqual({ id: 'optimization', run: 2, label: 'Adam' });
  expect(loaded.data.spec.optimizer.name).toBe('adam');

  // The frame needs no cross-origin isolation, and it is cross-origin to its parent.
  const embedFrame = page.frames().find((f) => f.url().includes('/embed.html'));
  expect(await embedFrame.evaluate(() => self.crossOriginIsolated)).toBe(false);
  expect(await page.evaluate(() => { try { return Boolean(document.querySelector('iframe').contentDocument); } catch { return false; } })).toBe(false);

  await page.getByRole('button', { name: 'Send train' }).click();
  await expect.poll(async () => (await received(page, 'epoch')).length).toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Send pause' }).click();
  await expect(frame.getByRole('status').filter({ hasText: /epoch \d+ of/ })).toContainText('Paused');
  const frameEpoch = await epochOf(frame.getByRole('status').filter({ hasText: /epoch \d+ of/ }));
  await expect.poll(async () => (await received(page, 'state')).at(-1).data.state).toBe('paused');

  const epochs = await received(page, 'epoch');
  const records = epochs.flatMap((m) => m.data.epochs);
  expect(records.map((r) => r.epoch)).toEqual(Array.from({ length: frameEpoch }, (_, i) => i + 1));
  expect(records.at(-1).train_loss).toBeLessThan(records[0].train_loss);
  const busiest = Math.max(...epochs.map((m) => epochs.filter((n) => n.at >= m.at && n.at < m.at + 1000).length));
  const rate = ((epochs.length - 2) * 1000) / (epochs.at(-2).at - epochs[0].at);  // the last one: flushed by the pause
  console.log(`frame: ${records.length} epochs in ${epochs.length} messages, ${rate.toFixed(1)}/s, at most ${busiest} in one second`);
  expect(rate).toBeLessThanOrEqual(10.5);
  expect(busiest).toBeLessThanOrEqual(11);
  expect((await received(page)).every((m) => m.origin === embedOrigin)).toBe(true);

  // Bad commands are answered with what was wrong and what is allowed.
  await page.getByRole('button', { name: 'Send a bad command' }).click();
  await page.getByRole('button', { name: 'Send version 2' }).click();
  await page.getByRole('button', { name: 'Send learning rate -1' }).click();
  await expect.poll(async () => (await received(page, 'rejected')).length).toBe(2);
  const [fly, old] = (await received(page, 'rejected')).map((m) => m.data);
  expect(fly).toMatchObject({ descent: 1, type: 'rejected', id: 42, field: 'type', given: 'fly', allowed: 'load, train, pause, reset, set' });
  expect(old).toMatchObject({ field: 'descent', given: '2', allowed: 'the protocol version 1' });
  await expect.poll(async () => (await received(page, 'error')).length).toBe(1);
  expect((await received(page, 'error'))[0].data).toMatchObject({ id: 'lr', field: 'lr', given: '-1', allowed: 'a number > 0 and <= 100' });
  await expect(frame.getByText('Learning rate "-1" is not allowed')).toBeVisible();
});

test('a frame ignores a parent whose origin it was not given: no state change, no answer', async ({ page, baseURL }) => {
  const embed = `${baseURL}embed.html?lesson=optimization/2&charts=metrics&origins=http://127.0.0.1:9`;
  await page.goto(`${parent.origin}/parent.html?embed=${encodeURIComponent(embed)}`);
  const status = page.frameLocator('iframe').getByRole('status').filter({ hasText: /epoch \d+ of/ });
  await expect(status).toContainText('Ready · epoch 0 of 5000');
  await page.getByRole('button', { name: 'Send train' }).click();
  await page.getByRole('button', { name: 'Send a bad command' }).click();
  await page.waitForTimeout(1500);
  await expect(status).toContainText('Ready · epoch 0 of 5000');
  expect(await received(page)).toEqual([]);  // not even 'ready' or 'rejected'

  // The frame's own Train button still works: it was only the stranger that was ignored.
  await page.frameLocator('iframe').getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => epochOf(status)).toBeGreaterThan(5);
  expect(await received(page)).toEqual([]);
});
