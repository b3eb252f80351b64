// Takes the README's screenshot: a three-arm spiral trained with Adam.
//   node tests/e2e/screenshot.mjs http://127.0.0.1:8080/ docs/screenshot.png
import { chromium } from '@playwright/test';

const [url = 'http://127.0.0.1:8080/', out = 'docs/screenshot.png', width = '1280', height = '800'] =
  process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
await page.goto(`${url}#speed=fast&dataset=spiral&classes=3&samples=600&noise=0.2&hidden=32,32&optimizer=adam&lr=0.01`);
await page.getByRole('button', { name: 'Train' }).click();
await page.getByRole('status').filter({ hasText: 'Finished' }).waitFor({ timeout: 60_000 });
await page.waitForTimeout(500);  // the last boundary
await page.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
