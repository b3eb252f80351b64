// The bench page: window.runBench({ workloads, sides, defaults?, options? }) runs each side in
// its own dedicated worker, one side at a time (terminated after it), so sides never compete
// for cores. Every (side, workload) pair yields one entry: numbers, or an error.
import { MAX_THREADS, SIDES, ToWorker, FromWorker, message, expectedSeconds } from './protocol.js';

const LOAD_TIMEOUT_S = 60;     // for a side's library to load
const WORKLOAD_SLACK_S = 30;   // beyond 3x a workload's expected time

// Owns one side's worker: run() resolves with its results, whatever happens to the worker.
class SideWorker {
  constructor(side, requests, options, log) {
    Object.assign(this, { side, requests, options, log, results: [] });
  }

  run() {
    return new Promise((resolve) => {
      const spec = SIDES[this.side];
      this.finish = (error) => {
        clearTimeout(this.timer);
        this.worker?.terminate();
        // Whatever did not come back is an error entry.
        for (const request of this.requests.slice(this.results.length)) {
          this.results.push({ side: this.side, id: request.id, error });
        }
        resolve(this.results);
      };
      if (!spec) return this.finish(`unknown side "${this.side}"; sides: ${Object.keys(SIDES).join(', ')}`);
      this.worker = new Worker(new URL(spec.worker, import.meta.url), { type: 'module', name: this.side });
      this.worker.onmessage = ({ data }) => this.receive(data);
      this.worker.onerror = (event) => {
        event.preventDefault();
        this.finish(`worker error: ${event.message || 'the worker script failed to load or threw'}`);
      };
      this.worker.onmessageerror = () => this.finish('worker message could not be read');
      this.arm(LOAD_TIMEOUT_S, 'loading');
      const threads = spec.threads === 'cores' ? Math.min(navigator.hardwareConcurrency || 1, MAX_THREADS) : undefined;
      this.worker.postMessage(message(ToWorker.run, {
        side: this.side, engine: spec.engine, backend: spec.backend, variant: spec.variant, threads,
        requests: this.requests, options: this.options,
      }));
    });
  }

  // (Re)starts the watchdog: a side that stays silent too long is terminated.
  arm(seconds, what) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.finish(`timed out after ${seconds} s (${what})`), seconds * 1000);
  }

  armNext() {
    const next = this.requests[this.results.length];
    if (next) this.arm(WORKLOAD_SLACK_S + 3 * expectedSeconds(next), `workload ${next.id}`);
  }

  receive(msg) {
    switch (msg.type) {
      case FromWorker.ready:
        this.log(`${this.side}: ready ${JSON.stringify(msg.info)}`);
        return this.armNext();
      case FromWorker.result:
        this.results.push(msg.result);
        this.log(`${this.side} ${msg.result.id}: ${msg.result.error ?? `${msg.result.ms_per_step?.toFixed(4)} ms/step`}`);
        return this.armNext();
      case FromWorker.done:
        return this.finish('the worker finished without answering');
      case FromWorker.fatal:
        return this.finish(msg.error);
      default:
    }
  }
}

const lines = document.getElementById('log');
function log(text) {
  lines.textContent += `${text}\n`;
  console.log(text);
}

async function runBench({ workloads, sides = Object.keys(SIDES), defaults = {}, options = {} }) {
  const requests = workloads.map((w) => ({ ...defaults, ...w }));
  const results = [];
  for (const side of sides) {
    log(`${side}: starting (${requests.map((r) => r.id).join(', ')})`);
    results.push(...(await new SideWorker(side, requests, options, log).run()));
  }
  return results;
}

window.runBench = runBench;
document.getElementById('isolated').textContent = String(self.crossOriginIsolated);

// By hand: the button runs every side on bench/workloads.json.
document.getElementById('run').addEventListener('click', async () => {
  const { workloads, defaults } = await (await fetch('/bench/workloads.json')).json();
  const results = await runBench({ workloads, defaults });
  document.getElementById('results').textContent = JSON.stringify(results, null, 2);
});
