// The one definition of the messages between the bench page and its workers. A worker runs
// one side: it receives one `run`, answers `ready` once its library is loaded, then one
// `result` per workload, in order, then `done`. A failure is data: `result` with an error.

// TF.js sides name their layer variant (tfjs-net.js): 'custom' is the fastest TF.js we could
// write (a hand-written gradient), 'fused' is TF.js as its users write it (its own gradients).
// threads: 'cores' runs on min(cores, MAX_THREADS) threads (Descent's threaded build, and
// TF.js's wasm at the same count); a side without it runs at its default (Descent: 1; TF.js:
// what its wasm backend picks, 1 on 2 cores).
export const MAX_THREADS = 8;  // Descent's threaded build (web/engine-support.js)
export const SIDES = Object.freeze({
  'descent-wasm': { worker: './descent-worker.js', engine: 'engine' },
  'descent-wasm-mt': { worker: './descent-worker.js', engine: 'engine-mt', threads: 'cores' },
  'tfjs-wasm': { worker: './tfjs-worker.js', backend: 'wasm', variant: 'custom' },
  'tfjs-wasm-threads': { worker: './tfjs-worker.js', backend: 'wasm', variant: 'custom', threads: 'cores' },
  'tfjs-wasm-idiomatic': { worker: './tfjs-worker.js', backend: 'wasm', variant: 'fused' },
  'tfjs-cpu': { worker: './tfjs-worker.js', backend: 'cpu', variant: 'custom' },
});

// Page -> worker.
export const ToWorker = Object.freeze({
  run: 'run',  // { side, engine?, backend?, variant?, threads?, requests: [workload merged with defaults], options }
});

// Worker -> page.
export const FromWorker = Object.freeze({
  ready: 'ready',    // { info }: what the side runs on (backend, SIMD, threads, ...)
  result: 'result',  // { result }: { side, id, ms_per_step, ... } or { side, id, error }
  done: 'done',
  fatal: 'fatal',    // { error }: the side cannot run at all (e.g. its library failed to load)
});

export function message(type, body = {}) {
  return { type, ...body };
}

// Wall time a request should need, in seconds, without set-up: warm-up plus the repeats.
export function expectedSeconds(request) {
  return (request.warmup_seconds ?? 0) + (request.seconds ?? 0) * (request.repeats ?? 1);
}
