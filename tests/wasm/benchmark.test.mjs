// The benchmark's engine side in WASM: what the Node and Chromium sides of bench/ call. Its
// first loss must be the native build's (same data, same seed, same first step), to 1e-4.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { answer, loadEngine } from './engine.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const engine = await loadEngine();
const file = JSON.parse(readFileSync(`${root}bench/workloads.json`, 'utf8'));
const brief = { seed: 1, warmup_steps: 3, warmup_seconds: 0, seconds: 0.05, repeats: 2 };
const request = (id) => ({ ...file.workloads.find((w) => w.id === id), ...brief });
const nativeBench = `${root}build/native/bench/descent_bench`;

for (const id of ['a', 'b', 'c']) {
  test(`workload ${id} trains in WASM and starts where the native build starts`, () => {
    const wasm = answer(engine.benchmark(JSON.stringify(request(id))));
    assert.equal(wasm.ok, true, JSON.stringify(wasm.error));
    assert.equal(wasm.repeats.length, 2);
    assert.ok(wasm.ms_per_step > 0 && Number.isFinite(wasm.loss_last));
    const native = answer(execFileSync(nativeBench, [JSON.stringify(request(id))], { encoding: 'utf8' }));
    assert.equal(native.allocations_per_step, 0);
    assert.equal(native.parameters, wasm.parameters);
    assert.ok(Math.abs(native.loss_first - wasm.loss_first) <= 1e-4 * Math.abs(native.loss_first),
      `native ${native.loss_first} vs WASM ${wasm.loss_first}`);
  });
}

test('a bad benchmark request is answered with the field and what is allowed', () => {
  const bad = answer(engine.benchmark(JSON.stringify({ ...request('b'), batch: 0 })));
  assert.equal(bad.ok, false);
  assert.equal(bad.error.field, 'batch');
  assert.match(bad.error.message, /batch is 0; allowed/);
});
