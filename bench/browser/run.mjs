// Runs the benchmark's browser sides in Debian's Chromium (headless, via Playwright):
// runBrowserSides({ workloads, sides, defaults, log }) -> { results, environment, firstStep }.
// Alone: node bench/browser/run.mjs [--sides tfjs-wasm,tfjs-cpu] [--workloads a,b]
//          [--seconds S] [--repeats N] [--warmup-seconds S] [--warmup-steps N]
//          [--variant fused|ops] [--no-first-step]      prints the JSON on stdout.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startServer } from './server.mjs';

export const ALL_SIDES = ['descent-wasm', 'descent-wasm-mt', 'tfjs-wasm', 'tfjs-wasm-threads', 'tfjs-wasm-idiomatic', 'tfjs-cpu'];
const WORKLOADS_FILE = new URL('../workloads.json', import.meta.url);
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const FIRST_STEP_TIMEOUT_MS = 30_000;

// Debian's Chromium, headless; never Playwright's own download.
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export function readWorkloads() {
  return JSON.parse(readFileSync(WORKLOADS_FILE, 'utf8'));
}

// The longest the page may take: its own watchdogs (60 s load per side, 30 s + 3x per workload).
function budgetMs(requests, sides) {
  const perSide = requests.reduce((sum, r) =>
    sum + 30 + 3 * ((r.warmup_seconds ?? 0) + (r.seconds ?? 0) * (r.repeats ?? 1)), 60);
  return (perSide * sides.length + 60) * 1000;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// The playground from a fresh page to its first training step. The app marks
// 'descent:first-step' when the first progress with steps > 0 arrives. It trains on Train,
// so Train is pressed as soon as it is enabled (unless the mark is already there); the time
// of the press is reported too. All times are ms from navigation start.
export async function measureFirstStep(browser, url, log) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const result = { first_step_ms: null, train_pressed_ms: null, errors: [] };
  page.on('pageerror', (err) => result.errors.push(String(err.message || err)));
  page.on('console', (msg) => { if (msg.type() === 'error') result.errors.push(msg.text()); });
  const markExists = () => performance.getEntriesByName('descent:first-step').length > 0;
  try {
    await page.goto(`${url}/public/index.html`, { waitUntil: 'load' });
    result.navigation = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { response_end_ms: nav.responseEnd, dom_content_loaded_ms: nav.domContentLoadedEventEnd, load_ms: nav.loadEventEnd };
    });
    if (!(await page.evaluate(markExists))) {
      await page.evaluate(() => document.addEventListener('click', (e) => { window.benchClickAt = e.timeStamp; }, { capture: true, once: true }));
      await page.getByRole('button', { name: 'Train', exact: true }).click({ timeout: FIRST_STEP_TIMEOUT_MS });
      result.train_pressed_ms = await page.evaluate(() => window.benchClickAt ?? null);
    }
    try {
      await page.waitForFunction(markExists, null, { timeout: FIRST_STEP_TIMEOUT_MS });
    } catch {
      throw new Error(`no 'descent:first-step' mark within ${FIRST_STEP_TIMEOUT_MS / 1000} s of pressing Train (is public/app.js built with it?)`);
    }
    result.first_step_ms = await page.evaluate(() => performance.getEntriesByName('descent:first-step')[0].startTime);
    if (result.train_pressed_ms !== null) result.first_step_after_press_ms = result.first_step_ms - result.train_pressed_ms;
    log(`playground: first step at ${result.first_step_ms.toFixed(1)} ms`);
  } catch (err) {
    result.error = err.message.split('\n')[0];
    log(`playground: ${result.error}`);
  } finally {
    await context.close();
  }
  return result;
}

export async function runBrowserSides({
  workloads = readWorkloads().workloads, sides = ALL_SIDES, defaults = readWorkloads().defaults,
  log = (text) => console.error(text), firstStep = true, options = {},
} = {}) {
  const server = await startServer({ port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('console', (msg) => log(`[page] ${msg.text()}`));
    page.on('pageerror', (err) => log(`[page error] ${err.message}`));
    await page.goto(`${server.url}/bench/browser/index.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof window.runBench === 'function', null, { timeout: 30_000 });
    const environment = await page.evaluate(() => ({
      userAgent: navigator.userAgent,
      crossOriginIsolated: self.crossOriginIsolated,
      hardwareConcurrency: navigator.hardwareConcurrency,
    }));
    environment.chromium = browser.version();
    environment.node = process.version;
    if (!environment.crossOriginIsolated) throw new Error('the bench page is not cross-origin isolated (COOP/COEP headers?)');
    const requests = workloads.map((w) => ({ ...defaults, ...w }));
    const results = await withTimeout(
      page.evaluate((args) => window.runBench(args), { workloads: requests, sides, options }),
      budgetMs(requests, sides), 'runBench');
    await page.close();
    const playground = firstStep ? await measureFirstStep(browser, server.url, log) : null;
    return { results, environment, firstStep: playground };
  } finally {
    await browser.close();
    await server.close();
  }
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (key.startsWith('no-')) args[key.slice(3)] = false;
    else args[key] = argv[++i];
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const file = readWorkloads();
  const defaults = { ...file.defaults };
  for (const [arg, key] of [['seconds', 'seconds'], ['repeats', 'repeats'],
    ['warmup-seconds', 'warmup_seconds'], ['warmup-steps', 'warmup_steps'], ['seed', 'seed']]) {
    if (args[arg] !== undefined) defaults[key] = Number(args[arg]);
  }
  const ids = args.workloads?.split(',');
  const workloads = ids ? file.workloads.filter((w) => ids.includes(w.id)) : file.workloads;
  if (ids && workloads.length !== ids.length) throw new Error(`--workloads: unknown id in "${args.workloads}"`);
  const sides = args.sides ? args.sides.split(',') : ALL_SIDES;
  const options = args.variant ? { variant: args.variant } : {};
  const out = await runBrowserSides({ workloads, sides, defaults, options, firstStep: args['first-step'] !== false });
  console.log(JSON.stringify(out, null, 2));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
