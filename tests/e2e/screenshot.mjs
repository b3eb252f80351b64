// Takes the README's screenshots into a folder: the playground after a three-arm spiral
// trained with Adam (screenshot.png), the optimizer paths on the default bowl
// (trajectories.png), a lesson's guide after its runs (lesson.png) and the network diagram
// beside the decision boundary after the default circles (network.png).
//   node tests/e2e/screenshot.mjs http://127.0.0.1:8080/ public
import { chromium } from '@playwright/test';

const [url = 'http://127.0.0.1:8080/', out = 'public', width = '1280', height = '800'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
const finished = () => page.getByRole('status').filter({ hasText: /^Finished/ }).waitFor({ timeout: 120_000 });

await page.goto(`${url}#speed=fast&dataset=spiral&classes=3&samples=600&noise=0.2&hidden=32,32&optimizer=adam&lr=0.01`);
await page.getByRole('button', { name: 'Train', exact: true }).click();
await finished();
await page.waitForTimeout(500);  // the last boundary
await page.evaluate(() => { window.scrollTo(0, 0); document.querySelector('.side')?.scrollTo(0, 0); });
await page.screenshot({ path: `${out}/screenshot.png` });

const trajectories = page.getByRole('region', { name: 'Optimizer trajectories' });
await trajectories.scrollIntoViewIfNeeded();
await page.waitForTimeout(2500);  // the paths' animation
await trajectories.screenshot({ path: `${out}/trajectories.png` });

await page.goto(url);
await page.getByLabel('Speed').selectOption('max');
await page.getByLabel('Lesson preset').selectOption({ label: 'Regularisation: L2' });
await page.getByRole('button', { name: 'Run all' }).click();
await page.getByRole('status').filter({ hasText: 'Gap between dev and train error:' }).waitFor({ timeout: 120_000 });
await page.evaluate(() => window.scrollTo(0, 0));
await page.waitForTimeout(500);
await page.screenshot({ path: `${out}/lesson.png` });

// A fresh page (no stored settings): the default circles, 200 epochs.
const fresh = await (await browser.newContext({ viewport: { width: Number(width), height: Number(height) } })).newPage();
await fresh.goto(`${url}#speed=fast&epochs=200`);
await fresh.getByRole('button', { name: 'Train', exact: true }).click();
await fresh.getByRole('status').filter({ hasText: /^Finished/ }).waitFor({ timeout: 120_000 });
const boundary = fresh.getByRole('region', { name: 'Decision boundary' });
const network = fresh.getByRole('region', { name: 'Network' });
await network.scrollIntoViewIfNeeded();
await fresh.waitForTimeout(800);  // the last snapshot
await fresh.getByRole('button', { name: /^Layer 1, unit 3:/ }).click();  // a unit selected: its details and history
await fresh.waitForTimeout(800);
const [a, b] = [await boundary.boundingBox(), await network.boundingBox()];
const top = Math.min(a.y, b.y);
const clip = { x: a.x, y: top, width: b.x + b.width - a.x, height: Math.max(a.y + a.height, b.y + b.height) - top };
await fresh.screenshot({ path: `${out}/network.png`, clip });
await browser.close();
console.log(`wrote ${out}/screenshot.png, trajectories.png, lesson.png and network.png`);
