// Whether this browser can run Descent's engine, asked before any worker is started. The
// engine (bindings/CMakeLists.txt) is built with -msimd128 and -fwasm-exceptions, so it needs
// WebAssembly with 128-bit SIMD and exception handling: Chrome and Edge 95, Firefox 100 and
// Safari 16.4 are the first versions with both. Each feature is asked of the browser by
// validating a tiny module that uses it (as wasm-feature-detect does). Pure: the WebAssembly
// object is a parameter, so a test can hand it a stand-in.

export const ADVICE = 'Use a current Chrome or Edge (95 or later), Firefox (100 or later) or Safari (16.4 or later).';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];     // "\0asm", version 1
const VOID_FUNC = [0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00];  // type () -> (), one function of it

// (func i32.const 0  i8x16.splat  drop): a v128 value.
export const SIMD_MODULE = new Uint8Array([...HEADER, ...VOID_FUNC,
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x1a, 0x0b]);

// (func try catch_all end): exception handling as Emscripten's -fwasm-exceptions emits it.
export const EXCEPTIONS_MODULE = new Uint8Array([...HEADER, ...VOID_FUNC,
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x06, 0x40, 0x19, 0x0b, 0x0b]);

const FEATURES = [
  { missing: 'simd', bytes: SIMD_MODULE, name: 'WebAssembly SIMD' },
  { missing: 'exceptions', bytes: EXCEPTIONS_MODULE, name: 'WebAssembly exception handling' },
];

const needs = (name) => `This browser does not run ${name}, which Descent’s engine needs.`;

function validates(wasm, bytes) {
  try {
    return wasm.validate(bytes) === true;
  } catch {
    return false;
  }
}

// { ok: true } or { ok: false, missing: 'webassembly' | 'simd' | 'exceptions', reason, advice },
// reason and advice in plain words.
export function engineSupport(wasm = globalThis.WebAssembly) {
  if (!wasm || typeof wasm !== 'object' || typeof wasm.validate !== 'function' || typeof wasm.instantiate !== 'function') {
    return { ok: false, missing: 'webassembly', reason: needs('WebAssembly'), advice: ADVICE };
  }
  for (const { missing, bytes, name } of FEATURES) {
    if (!validates(wasm, bytes)) return { ok: false, missing, reason: needs(name), advice: ADVICE };
  }
  return { ok: true };
}

// (memory 1 1 shared): a module with shared memory validates only where WebAssembly threads do.
export const SHARED_MEMORY_MODULE = new Uint8Array([...HEADER, 0x05, 0x04, 0x01, 0x03, 0x01, 0x01]);

export const MAX_THREADS = 8;  // the threaded build's pool (bindings/CMakeLists.txt) has 7 workers at most

// Which engine a worker loads: { threaded, threads, reason }. The threaded build (engine-mt,
// Emscripten pthreads) needs SharedArrayBuffer, which a browser gives only to a cross-origin
// isolated page (COOP + COEP headers), and WebAssembly threads; it takes one thread per core,
// up to MAX_THREADS. Otherwise the single-threaded build, and reason says why, in plain words.
// single: a worker of the search's pool, which already has the cores, one trial per worker.
export function engineThreads({ scope = globalThis, wasm = globalThis.WebAssembly, single = false } = {}) {
  const cores = Math.max(1, Math.floor(Number(scope.navigator?.hardwareConcurrency) || 1));
  const one = (reason) => ({ threaded: false, threads: 1, reason });
  if (single) return one('a search trial runs on one thread; the trials share the cores');
  if (scope.crossOriginIsolated !== true || typeof scope.SharedArrayBuffer !== 'function') {
    return one('the page is not cross-origin isolated (its server sends no COOP and COEP headers), so threads are not allowed');
  }
  if (!validates(wasm, SHARED_MEMORY_MODULE)) return one('this browser does not run WebAssembly threads');
  if (cores < 2) return one('this machine has one core');
  return { threaded: true, threads: Math.min(cores, MAX_THREADS), reason: `one thread per core, ${Math.min(cores, MAX_THREADS)} of ${cores}` };
}

// The engine-load failure (FromWorker.failed's error, protocol.js) for a browser that lacks
// a feature: what is missing, what to do.
export function unsupportedError(support) {
  return {
    field: 'engine',
    given: support.missing,
    allowed: 'WebAssembly with SIMD and exception handling',
    summary: support.reason,
    message: `${support.reason} ${support.advice}`,
  };
}

// --- when loading fails anyway: the words, one place ------------------------------------------
// Each is a FromWorker.failed error: message says what went wrong and what to do (the reader,
// then whoever runs the site), summary names the problem in a few words (the status line).

const CANNOT = 'Descent’s engine could not be loaded, so nothing can train here';
const RELOAD = 'Reload the page to try again.';
const failure = (given, allowed, summary, message) => ({ field: 'engine', given: String(given), allowed, summary, message });
const detail = (err) => String(err?.message || err || 'no reason given');
const fileOf = (url) => String(url).split(/[?#]/)[0].split('/').pop() || String(url);

// Each names the file of the flavour that was loading: engine.wasm and engine.js, or
// engine-mt.wasm and engine-mt.js (the threaded build).

// The .wasm answered with an HTTP error (404: not there).
export function wasmMissing(url, status, statusText = '') {
  const wasm = fileOf(url);
  const glue = wasm.replace(/\.wasm$/, '.js');
  const served = `status ${status}${statusText ? ` ${statusText}` : ''}`;
  return failure(url, `${wasm} served with status 200`, `${wasm} could not be loaded (${served})`,
    `${CANNOT}. ${RELOAD} If you run this site: ${wasm} is missing at ${url} (served with ${served}); it belongs beside worker.js and ${glue}.`);
}

// The .wasm came, and is not a module its glue can run (garbage, truncated, another build).
export function wasmDamaged(url, status, err) {
  const wasm = fileOf(url);
  const glue = wasm.replace(/\.wasm$/, '.js');
  return failure(url, `the ${wasm} built with ${glue}`, `${wasm} is damaged`,
    `${CANNOT}: ${wasm} is not a valid engine (${err?.name || 'Error'}: ${detail(err)}). ${RELOAD} `
    + `If you run this site: ${wasm} is damaged at ${url} (served with status ${status}); copy it again from the same build as ${glue}.`);
}

// The .wasm could not be fetched at all (offline, blocked).
export function wasmUnreachable(url, err) {
  const wasm = fileOf(url);
  return failure(url, `${wasm} fetched from this site`, `${wasm} could not be fetched`,
    `${CANNOT}: ${wasm} could not be fetched (${detail(err)}). Check your connection and reload the page. `
    + `If you run this site: check that ${url} is served from the page’s own origin and allowed by its Content-Security-Policy.`);
}

// The engine's JavaScript glue (engine.js or engine-mt.js) did not import.
export function glueMissing(url, err) {
  const glue = fileOf(url);
  return failure(url, `${glue} served beside worker.js`, `${glue} could not be loaded`,
    `${CANNOT}: ${glue} did not load (${detail(err)}). ${RELOAD} If you run this site: ${glue} is missing or damaged at ${url}.`);
}

// The engine stopped while starting (an abort in its start-up code).
export function engineAborted(what) {
  return failure(String(what), 'an engine that starts', 'the engine stopped while starting',
    `${CANNOT}: it stopped while starting (${detail(what)}). ${RELOAD} If it happens again, try another browser. ${ADVICE}`);
}

// The worker script itself did not run (missing, blocked by the CSP, a syntax error).
export function workerFailed(url, why = '') {
  return failure(url, 'worker.js served from this site', 'the training worker could not start',
    `${CANNOT}: the training worker could not start${why ? ` (${why})` : ''}. ${RELOAD} `
    + `If you run this site: worker.js at ${url} is missing, blocked by the page’s Content-Security-Policy, or not valid JavaScript.`);
}
