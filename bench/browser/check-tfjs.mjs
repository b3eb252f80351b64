// Checks the TF.js side's network (tfjs-check.js in Chromium) on each backend and prints
// numbers: gradient difference custom vs TF.js's own, and the mean loss over all batches
// before and after training. Exit code 1 if a gradient differs or a loss does not go down.
// node bench/browser/check-tfjs.mjs [--steps 100] [--backends wasm,cpu] [--workloads a,b,c]
import { startServer } from './server.mjs';
import { launchChromium, readWorkloads } from './run.mjs';

const GRADIENT_TOLERANCE = 1e-4;  // float32, summed in another order

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const steps = Number(option('steps', 100));
const backends = option('backends', 'wasm,cpu').split(',');
const ids = option('workloads', 'a,b,c').split(',');
const { workloads, defaults } = readWorkloads();
const requests = workloads.filter((w) => ids.includes(w.id)).map((w) => ({ ...defaults, ...w }));

const server = await startServer({ port: 0 });
const browser = await launchChromium();
const results = [];
try {
  for (const backend of backends) {
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench/browser/index.html`);
    results.push(await page.evaluate(async (args) => {
      const { checkTfjsNet } = await import('./tfjs-check.js');
      return checkTfjsNet(args);
    }, { backend, requests, steps }));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(results, null, 2));
const failures = results.flatMap(({ backend, report }) => report.flatMap((r) => [
  ...(r.gradient_difference > GRADIENT_TOLERANCE ? [`${backend} ${r.id}: gradient difference ${r.gradient_difference}`] : []),
  ...['fused', 'custom', 'ops'].filter((v) => r[v] && !(r[v].mean_loss_after < r[v].mean_loss_before))
    .map((v) => `${backend} ${r.id} ${v}: loss did not go down`),
]));
for (const f of failures) console.error(`FAIL ${f}`);
process.exitCode = failures.length ? 1 : 0;
