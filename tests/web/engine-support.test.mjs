// The up-front check of what the engine needs (web/engine-support.js): Node runs WebAssembly
// with SIMD and exception handling, so the negative cases hand the check a stand-in.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ADVICE, EXCEPTIONS_MODULE, SIMD_MODULE, engineSupport, unsupportedError } from '../../web/engine-support.js';

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
