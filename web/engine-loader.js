// Loads the engine in the training worker (worker.js, and so every worker of the search pool).
// Emscripten 3.1.6's factory, left to itself, fetches engine.wasm up to three times when it is
// missing (streaming, then as a buffer, then by synchronous XHR, which takes a 404 page for the
// module), prints warnings, and calls abort(), which rejects the factory's promise. Here the
// worker fetches and compiles engine.wasm itself (instantiateWasm), once, so a failure is
// known for what it is (the URL, the status, the compile error); onAbort and the factory's own
// rejection catch the rest. Every path ends in one FromWorker.failed.
import { engineAborted, engineSupport, glueMissing, unsupportedError, wasmDamaged, wasmMissing, wasmUnreachable } from './engine-support.js';

// Beside the worker bundle this module is built into (import.meta.url is worker.js's there).
const WASM_URL = new URL('./engine.wasm', import.meta.url).href;
const GLUE_URL = new URL('./engine.js', import.meta.url).href;

async function instantiate(imports) {
  let response;
  try {
    response = await fetch(WASM_URL, { credentials: 'same-origin' });
  } catch (err) {
    throw wasmUnreachable(WASM_URL, err);
  }
  if (!response.ok) throw wasmMissing(WASM_URL, response.status, response.statusText);
  try {
    const streams = typeof WebAssembly.instantiateStreaming === 'function'
      && response.headers.get('Content-Type')?.split(';')[0].trim() === 'application/wasm';
    return await (streams ? WebAssembly.instantiateStreaming(response, imports) : WebAssembly.instantiate(await response.arrayBuffer(), imports));
  } catch (err) {
    throw err?.field ? err : wasmDamaged(WASM_URL, response.status, err);
  }
}

export async function loadEngine() {
  const support = engineSupport();
  if (!support.ok) throw unsupportedError(support);
  let createEngine;
  try {
    ({ default: createEngine } = await import('./engine.js'));
  } catch (err) {
    throw glueMissing(GLUE_URL, err);
  }
  return new Promise((resolve, reject) => {
    const options = {
      instantiateWasm(imports, receiveInstance) {
        instantiate(imports)
          .then(({ instance, module }) => receiveInstance(instance, module))
          .catch((err) => reject(err?.field ? err : wasmDamaged(WASM_URL, 200, err)));
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
