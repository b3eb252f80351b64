// The TensorFlow.js side: one module worker per backend ('wasm' or 'cpu'). TF.js comes as
// one bundle of tfjs-core (with gradients) and both backends (tfjs-entry.js, served by server.mjs).
import * as tf from './tfjs.bundle.js';
import { FromWorker, ToWorker, message } from './protocol.js';
import { buildNet } from './tfjs-net.js';
import { measure } from './measure.js';

const WASM_PATH = '/node_modules/@tensorflow/tfjs-backend-wasm/dist/';
// The side's layer variant comes with `run` (protocol.js SIDES); options.variant overrides it.
// 'custom' is ~2.5x faster than TF.js's own gradient on the wasm backend for workload a.
const DEFAULT_VARIANT = 'custom';

// Selects the backend (threads: the wasm backend's thread count, set before it starts;
// undefined: its default); returns what it actually runs on.
async function setUp(backend, threads) {
  if (backend === 'wasm') tf.wasm.setWasmPaths(WASM_PATH);
  if (backend === 'wasm' && threads) tf.wasm.setThreadsCount(threads);
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  await tf.ready();
  const info = {
    backend: tf.getBackend(),
    tfjs_version: tf.version_core,
    crossOriginIsolated: self.crossOriginIsolated,
    hardwareConcurrency: navigator.hardwareConcurrency,
  };
  if (backend === 'wasm') {
    info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    info.multithread = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    info.threads = tf.wasm.getThreadsCount?.() ?? null;
  }
  return info;
}

// The wasm backend's memory (it grows when kernels leak inside WASM, unseen by numTensors).
function heapBytes() {
  const module = tf.backend().wasm;
  return (module?.wasmMemory?.buffer ?? module?.HEAPU8?.buffer)?.byteLength ?? null;
}

async function runOne(side, info, request, variant) {
  const net = buildNet(tf, request, variant);
  try {
    let tensorsWarm = 0;
    let heapWarm = 0;
    const handle = {
      step: () => net.step(),
      read: async (loss) => (await loss.data())[0],
      free: (loss) => loss.dispose(),
      warmedUp: () => { tensorsWarm = tf.memory().numTensors; heapWarm = heapBytes(); },
    };
    const measured = await measure(handle, request);
    const tensorsAfter = tf.memory().numTensors;
    return {
      side,
      id: request.id,
      ...measured,
      parameters: net.parameters,
      ...info,
      variant,
      num_tensors: tensorsAfter,
      num_tensors_growth: tensorsAfter - tensorsWarm,  // over the timed repeats: 0 = no leak
      ...(info.backend === 'wasm' && { wasm_heap_bytes: heapBytes(), wasm_heap_growth: heapBytes() - heapWarm }),
    };
  } finally {
    net.dispose();
  }
}

self.onmessage = async ({ data: msg }) => {
  if (msg?.type !== ToWorker.run) return;
  const { side, backend, variant, threads, requests, options = {} } = msg;
  let info;
  try {
    info = await setUp(backend, threads);
  } catch (err) {
    self.postMessage(message(FromWorker.fatal, { error: `TF.js ${backend} backend failed to start: ${err.message || err}` }));
    return;
  }
  self.postMessage(message(FromWorker.ready, { info }));
  for (const request of requests) {
    let result;
    try {
      result = await runOne(side, info, request, options.variant || variant || DEFAULT_VARIANT);
    } catch (err) {
      result = { side, id: request.id, error: String(err.message || err) };
    }
    self.postMessage(message(FromWorker.result, { result }));
  }
  self.postMessage(message(FromWorker.done));
};
