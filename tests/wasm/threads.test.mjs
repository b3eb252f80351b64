// The threaded engine (Emscripten pthreads, build/wasm/node/engine-node-mt) trains to weights
// bitwise equal to the single-threaded build's on 1, 2 and 4 threads: each column of a
// product is computed by one thread in the one-thread order (core/gemm.h).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { answer, loadEngine } from './engine.mjs';

const single = await loadEngine();
const threaded = await loadEngine('engine-node-mt');
after(() => threaded.PThread?.terminateAllThreads?.());

// Digits (64 features) through 256 and 128 units at batch 64: the products are large enough
// to be split (256 x 64 x 64 multiply-adds and up); batch norm and Adam on too.
const SPEC = {
  seed: 3, data: { source: 'digits' }, normalize: true, epochs: 2, batch_size: 64,
  layers: [{ units: 256, activation: 'relu' }, { units: 128, activation: 'relu', norm: 'batch' }, { units: 10, activation: 'softmax' }],
  optimizer: { name: 'adam', learning_rate: 0.001 },
};

function trainedWeights(engine) {
  const session = new engine.Session();
  try {
    assert.equal(answer(session.load(JSON.stringify(SPEC))).ok, true);
    let result;
    do result = answer(session.step(1000)); while (!result.finished);
    return { weights: session.weights(), dev: result.summary.dev_loss };
  } finally {
    session.delete();
  }
}

test('the single-threaded build has no threads to use', () => {
  assert.equal(single.setThreads(4), 1);
  assert.equal(single.threads(), 1);
});

test('1, 2 and 4 threads train to the single-threaded build\'s weights, bitwise', () => {
  const reference = trainedWeights(single);
  assert.ok(reference.weights.length > 100000);
  for (const threads of [1, 2, 4]) {
    assert.equal(threaded.setThreads(threads), threads);
    assert.equal(threaded.threads(), threads);
    const run = trainedWeights(threaded);
    assert.equal(run.weights === reference.weights, true, `${threads} threads: the weights differ`);
    assert.equal(run.dev, reference.dev);
  }
  threaded.setThreads(1);
});
