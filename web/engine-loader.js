// Loads the engine in the training worker (worker.js, and so every worker of the search pool):
// the threaded build (engine-mt.js/.wasm, Emscripten pthreads) where engineThreads allows it,
// the single-threaded one (engine.js/.wasm) otherwise, chosen at run time as TF.js's wasm
// backend does. A flavour that fails to load is said as such, never swapped for the other:
// a deployment missing a file should know it.
// Emscripten 3.1.6's factory, left to itself, fetches engine.wasm up to three times when it is
// missing (streaming, then as a buffer, then by synchronous XHR, which takes a 404 page for the
// module), prints warnings, and calls abort(), which rejects the factory's promise. Here the
// worker fetches and compiles engine.wasm itself (instantiateWasm), once, so a failure is
// known for what it is (the URL, the status, the compile error); onAbort and the factory's own
// rejection catch the rest. Every path ends in one FromWorker.failed.
import {
  engineAborted, engineSupport, engineThreads, glueMissing, unsupportedError, wasmDamaged, wasmMissing, wasmUnreachable,
} from './engine-support.js';

// Beside the worker bundle this module is built into (import.meta.url is worker.js's there).
const url = (file) => new URL(file, import.meta.url).href;
const FLAVOURS = {
  single: { wasm: url('./engine.wasm'), glue: url('./engine.js'), load: () => import('./engine.js') },
  threaded: { wasm: url('./engine-mt.wasm'), glue: url('./engine-mt.js'), load: () => import('./engine-mt.js') },
};

async function instantiate(wasmUrl, imports) {
  let response;
  try {
    response = await fetch(wasmUrl, { credentials: 'same-origin' });
  } catch (err) {
    throw wasmUnreachable(wasmUrl, err);
  }
  if (!response.ok) throw wasmMissing(wasmUrl, response.status, response.statusText);
  try {
    const streams = typeof WebAssembly.instantiateStreaming === 'function'
      && response.headers.get('Content-Type')?.split(';')[0].trim() === 'application/wasm';
    return await (streams ? WebAssembly.instantiateStreaming(response, imports) : WebAssembly.instantiate(await response.arrayBuffer(), imports));
  } catch (err) {
    throw err?.field ? err : wasmDamaged(wasmUrl, response.status, err);
  }
}

// Resolves { engine, threads: { threaded, threads, reason } }: the module with its threads set.
// single: a search-pool or lesson worker (one thread whatever the page allows).
export async function loadEngine({ single = false } = {}) {
  const threads = engineThreads({ single });
  const engine = await loadFlavour(threads.threaded ? FLAVOURS.threaded : FLAVOURS.single);
  if (!threads.threaded) return { engine, threads };
  const made = engine.setThreads(threads.threads);  // the threads it could make: 1 if none
  return { engine, threads: made > 1 ? { ...threads, threads: made } : { threaded: false, threads: 1, reason: 'the browser gave the engine no threads' } };
}

async function loadFlavour(flavour) {
  const support = engineSupport();
  if (!support.ok) throw unsupportedError(support);
  const wasmUrl = flavour.wasm;
  let createEngine;
  try {
    ({ default: createEngine } = await flavour.load());
  } catch (err) {
    throw glueMissing(flavour.glue, err);
  }
  return new Promise((resolve, reject) => {
    const options = {
      instantiateWasm(imports, receiveInstance) {
        instantiate(wasmUrl, imports)
          .then(({ instance, module }) => receiveInstance(instance, module))
          .catch((err) => reject(err?.field ? err : wasmDamaged(wasmUrl, 200, err)));
        return {};  // the exports come later, through receiveInstance
      },
      onAbort: (what) => reject(engineAborted(what)),
    };
    try {
      createEngine(options).then(resolve, (err) => reject(err?.field ? err : engineAborted(err?.message || err)));
    } catch (err) {  // the factory aborts at once when it finds no WebAssembly
      reject(engineAborted(err?.message || err));
    }
  });
}
