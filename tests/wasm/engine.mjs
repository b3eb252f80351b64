// Loads the Node flavour of the WASM engine. Node 20's global fetch breaks this
// Emscripten's own loading of the .wasm file, so the bytes are read here and handed over.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

export async function loadEngine() {
  const createEngine = require(`${root}build/wasm/node/engine-node.cjs`);
  return createEngine({ wasmBinary: readFileSync(`${root}build/wasm/node/engine-node.wasm`) });
}

export const nativeRunner = `${root}build/native/engine/descent`;

// A JSON answer of the engine, parsed.
export const answer = (text) => JSON.parse(text);
