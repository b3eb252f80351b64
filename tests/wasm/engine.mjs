// Loads the Node flavour of the WASM engine. Node 20's global fetch breaks this
// Emscripten's own loading of the .wasm file, so the bytes are read here and handed over.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

// flavour: 'engine-node' (single-threaded) or 'engine-node-mt' (threaded: Emscripten pthreads
// on Node's worker threads).
export async function loadEngine(flavour = 'engine-node') {
  const createEngine = require(`${root}build/wasm/node/${flavour}.cjs`);
  return createEngine({ wasmBinary: readFileSync(`${root}build/wasm/node/${flavour}.wasm`) });
}

export const nativeRunner = `${root}build/native/engine/descent`;

// A JSON answer of the engine, parsed.
export const answer = (text) => JSON.parse(text);
