// The up-front check of what the engine needs (web/engine-support.js): Node runs WebAssembly
// with SIMD and exception handling, so the negative cases hand the check a stand-in.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  ADVICE, EXCEPTIONS_MODULE, MAX_THREADS, SHARED_MEMORY_MODULE, SIMD_MODULE, engineSupport, engineThreads, glueMissing,
  unsupportedError, wasmMissing,
} from '../../web/engine-support.js';
import { singleThreaded } from '../../web/protocol.js';
import { threadsText } from '../../web/threads-view.js';

// A WebAssembly stand-in that validates what the real one does, except the modules refused.
const without = (...refused) => ({
  validate: (bytes) => !refused.includes(bytes) && WebAssembly.validate(bytes),
  instantiate: WebAssembly.instantiate,
});

test('the probe modules are valid WebAssembly, and invalid once their feature byte is changed', () => {
  assert.equal(WebAssembly.validate(SIMD_MODULE), true);
  assert.equal(WebAssembly.validate(EXCEPTIONS_MODULE), true);
  const noSimd = SIMD_MODULE.slice();
  noSimd[noSimd.indexOf(0xfd)] = 0xff;  // not an opcode
  assert.equal(WebAssembly.validate(noSimd), false);
});

test('Node has what the engine needs', () => {
  assert.deepEqual(engineSupport(), { ok: true });
  assert.deepEqual(engineSupport(WebAssembly), { ok: true });
});

test('no WebAssembly at all', () => {
  for (const wasm of [null, {}, { validate: () => true }]) {
    const support = engineSupport(wasm);
    assert.equal(support.ok, false);
    assert.equal(support.missing, 'webassembly');
    assert.equal(support.reason, 'This browser does not run WebAssembly, which Descent’s engine needs.');
    assert.equal(support.advice, ADVICE);
  }
});

test('WebAssembly without SIMD', () => {
  const support = engineSupport(without(SIMD_MODULE));
  assert.deepEqual(support, {
    ok: false,
    missing: 'simd',
    reason: 'This browser does not run WebAssembly SIMD, which Descent’s engine needs.',
    advice: 'Use a current Chrome or Edge (95 or later), Firefox (100 or later) or Safari (16.4 or later).',
  });
});

test('WebAssembly with SIMD but without exception handling', () => {
  const support = engineSupport(without(EXCEPTIONS_MODULE));
  assert.equal(support.missing, 'exceptions');
  assert.match(support.reason, /does not run WebAssembly exception handling/);
});

test('a validate that throws counts as not supported', () => {
  const support = engineSupport({ validate: () => { throw new TypeError('no'); }, instantiate() {} });
  assert.equal(support.missing, 'simd');
});

test('the failure as the page shows it: field engine, reason and advice in one message', () => {
  const error = unsupportedError(engineSupport(without(SIMD_MODULE)));
  assert.equal(error.field, 'engine');
  assert.equal(error.given, 'simd');
  assert.equal(error.summary, 'This browser does not run WebAssembly SIMD, which Descent’s engine needs.');
  assert.equal(error.message, `${error.summary} ${ADVICE}`);
});

// --- which engine a worker loads --------------------------------------------------------------

const scope = (over = {}) => ({ crossOriginIsolated: true, SharedArrayBuffer, navigator: { hardwareConcurrency: 2 }, ...over });

test('engineThreads: threaded where the page is isolated and WebAssembly has threads, one per core up to 8', () => {
  assert.deepEqual(engineThreads({ scope: scope() }), { threaded: true, threads: 2, reason: 'one thread per core, 2 of 2' });
  assert.equal(engineThreads({ scope: scope({ navigator: { hardwareConcurrency: 32 } }) }).threads, MAX_THREADS);
  // Node's WebAssembly validates the shared-memory module: it has threads.
  assert.equal(WebAssembly.validate(SHARED_MEMORY_MODULE), true);
});

test('engineThreads: one thread, with the reason, wherever threads cannot or should not run', () => {
  const one = (options) => {
    const t = engineThreads(options);
    assert.equal(t.threaded, false);
    assert.equal(t.threads, 1);
    return t.reason;
  };
  assert.match(one({ scope: scope({ crossOriginIsolated: false }) }), /^the page is not cross-origin isolated \(its server sends no COOP and COEP headers\)/);
  assert.match(one({ scope: scope({ SharedArrayBuffer: undefined }) }), /not cross-origin isolated/);
  assert.equal(one({ scope: scope(), wasm: { validate: (bytes) => bytes !== SHARED_MEMORY_MODULE } }),
    'this browser does not run WebAssembly threads');
  assert.equal(one({ scope: scope({ navigator: { hardwareConcurrency: 1 } }) }), 'this machine has one core');
  assert.equal(one({ scope: scope({ navigator: {} }) }), 'this machine has one core');
  assert.match(one({ scope: scope(), single: true }), /^a search trial runs on one thread/);
});

test('threadsText: the figure under the status, true of any network', () => {
  assert.equal(threadsText({ threaded: true, threads: 2, reason: '' }),
    'Threads: 2 · large products are split across them; a small network trains on one');
  assert.equal(threadsText({ threaded: false, threads: 1, reason: 'this machine has one core' }), 'Threads: 1 · this machine has one core');
});

test('singleThreaded: the worker URL with threads=1, other parameters kept', () => {
  assert.equal(singleThreaded('http://h/a/worker.js').href, 'http://h/a/worker.js?threads=1');
  assert.equal(singleThreaded(new URL('http://h/worker.js?x=1')).href, 'http://h/worker.js?x=1&threads=1');
});

test('a failure names the flavour that failed to load', () => {
  assert.match(wasmMissing('http://h/engine-mt.wasm', 404).message, /engine-mt\.wasm is missing at http:\/\/h\/engine-mt\.wasm \(served with status 404\); it belongs beside worker\.js and engine-mt\.js\.$/);
  assert.equal(wasmMissing('http://h/engine.wasm', 404).summary, 'engine.wasm could not be loaded (status 404)');
  assert.equal(glueMissing('http://h/engine-mt.js', new Error('x')).summary, 'engine-mt.js could not be loaded');
});
