// The search's parallel speed-up: the same fixed random search (TRIALS trials of one spec,
// long enough that a trial takes about a second) run through the page's search card with
// 1 worker and then with W workers (default: the browser's navigator.hardwareConcurrency),
// in Debian's Chromium. Prints trials per minute for each, the speed-up and the target
// (>= 0.8 W), and writes bench/search/results.json. A benchmark, not a test: it asserts nothing.
//   node bench/search/run.mjs [--workers W] [--trials N] [--epochs E]
import { writeFileSync } from 'node:fs';
import { launchChromium } from '../browser/run.mjs';
import { startServer } from '../browser/server.mjs';

const OUT = new URL('./results.json', import.meta.url);
// The experiment every trial trains (the page's hash): circles, 2000 examples, two hidden
// layers of 32, mini-batches of 32; the search varies the learning rate and L2 as by default.
const HASH = 'dataset=circles&samples=2000&hidden=32,32&act=relu,relu&batch=32&optimizer=adam&seed=7';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = Number(argv[i + 1]);
  return args;
}

// One search through the card's controls; returns its round record (wall time in seconds).
async function search(page, { trials, workers, epochs }) {
  const card = page.getByRole('region', { name: 'Hyperparameter search' });
  await card.getByLabel('Trials', { exact: true }).fill(String(trials));
  await card.getByLabel('Workers', { exact: true }).fill(String(workers));
  await card.getByLabel('Epochs per trial').fill(String(epochs));
  // A new search replaces the rounds: done when it no longer runs and its round differs.
  const before = await page.evaluate(() => JSON.stringify(window.descent.search.rounds()));
  await card.getByRole('button', { name: 'Run search' }).click();
  await page.waitForFunction((old) => {
    const s = window.descent.search;
    return !s.running() && (JSON.stringify(s.rounds()) !== old || s.lastError());
  }, before, { timeout: 600_000, polling: 50 });
  const error = await page.evaluate(() => window.descent.search.lastError());
  if (error) throw new Error(`the search failed: ${error}`);
  const round = await page.evaluate(() => window.descent.search.rounds().at(-1));
  const results = await page.evaluate(() => window.descent.search.results());
  const failed = results.filter((r) => r.status !== 'done');
  if (failed.length) throw new Error(`${failed.length} trials did not finish: ${failed[0].error}`);
  const ms = results.map((r) => r.ms);
  return { workers, trials: results.length, seconds: round.seconds, trials_per_minute: (results.length / round.seconds) * 60,
    mean_trial_ms: ms.reduce((a, b) => a + b, 0) / ms.length };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const trials = args.trials ?? 12;
  const epochs = args.epochs ?? 200;
  const server = await startServer({ port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
    await page.goto(`${server.url}/public/index.html#${HASH}`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.descent?.search?.rounds, null, { timeout: 30_000 });
    const concurrency = await page.evaluate(() => navigator.hardwareConcurrency);
    const w = args.workers ?? concurrency;
    const runs = [];
    for (const workers of [1, w]) {
      // A warm-up round of one trial per worker: the workers load the engine once, before timing.
      await search(page, { trials: workers, workers, epochs: 2 });
      const run = await search(page, { trials, workers, epochs });
      console.log(`${workers} worker${workers > 1 ? 's' : ' '}: ${trials} trials in ${run.seconds.toFixed(2)} s, ` +
        `${run.trials_per_minute.toFixed(1)} trials/min (a trial ${(run.mean_trial_ms / 1000).toFixed(2)} s)`);
      runs.push(run);
    }
    const speedup = runs[1].trials_per_minute / runs[0].trials_per_minute;
    const target = 0.8 * w;
    console.log(`speed-up with ${w} workers: ${speedup.toFixed(2)}x (target >= ${target.toFixed(1)}x: ${speedup >= target ? 'met' : 'not met'})`);
    const out = {
      what: 'the same random search with 1 worker and with W workers, through the page\'s search card',
      spec_hash: HASH, trials, epochs_per_trial: epochs, runs,
      workers: w, speedup, target, target_met: speedup >= target,
      environment: { hardwareConcurrency: concurrency, chromium: browser.version(), node: process.version,
        date: new Date().toISOString() },
    };
    writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`wrote ${OUT.pathname}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
