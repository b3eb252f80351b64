// Checks tfjs-net.js on a TF.js backend, in the page, and returns numbers (check-tfjs.mjs
// drives it): the hand-written gradient ('custom') against TF.js's own ('fused') as the max
// relative difference, and the mean loss over all batches before and after `steps` steps.
import * as tf from './tfjs.bundle.js';
import { buildNet } from './tfjs-net.js';

async function gradients(net) {
  const { value, grads } = tf.variableGrads(() => net.loss(0), net.vars);
  const out = await Promise.all(net.vars.map((v) => grads[v.name].data()));
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

// max over parameter tensors of |g_custom - g_tfjs| / max(|g_custom|, |g_tfjs|) (2-norms)
async function gradientDifference(request) {
  const results = [];
  for (const variant of ['fused', 'custom']) {
    const net = buildNet(tf, request, variant);
    results.push(await gradients(net));
    net.dispose();
  }
  const norm = (v) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
  return Math.max(...results[0].map((reference, i) => {
    const custom = results[1][i];
    const difference = norm(reference.map((x, j) => x - custom[j]));
    return difference / Math.max(norm(reference), norm(custom), 1e-12);
  }));
}

async function meanLoss(net) {
  let sum = 0;
  for (let k = 0; k < net.batches; k++) {
    const loss = tf.tidy(() => net.loss(k));
    sum += (await loss.data())[0];
    loss.dispose();
  }
  return sum / net.batches;
}

async function training(request, steps, variant) {
  const net = buildNet(tf, request, variant);
  const before = await meanLoss(net);
  for (let s = 0; s < steps; s++) net.step().dispose();
  const after = await meanLoss(net);
  const tensors = tf.memory().numTensors;
  net.dispose();
  return { mean_loss_before: before, mean_loss_after: after, num_tensors: tensors };
}

export async function checkTfjsNet({ backend, requests, steps, variants = ['fused', 'custom', 'ops'] }) {
  if (backend === 'wasm') tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  await tf.setBackend(backend);
  await tf.ready();
  const report = [];
  for (const request of requests) {
    const entry = { id: request.id, gradient_difference: await gradientDifference(request) };
    for (const variant of variants) entry[variant] = await training(request, steps, variant);
    report.push(entry);
  }
  return { backend: tf.getBackend(), steps, report };
}
