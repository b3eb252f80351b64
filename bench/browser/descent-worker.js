// Descent's side: the engine times itself inside WASM. benchmark(requestJson) -> answerJson,
// one workload per call: { ok, id, parameters, ms_per_step, repeats, loss_first, loss_last,
// threads, flops_per_step, gflops } or { ok: false, error: { field, given, allowed, message } }.
// engine: 'engine' (single-threaded) or 'engine-mt' (threaded: the workloads run on `threads`).
// Before the workloads, the same build's peak kernel (simdPeak) measures one core's limit.
import { FromWorker, ToWorker, message } from './protocol.js';

const PEAK_REQUEST = JSON.stringify({ seconds: 0.5, repeats: 5 });

// The engine's answer as a result entry.
function toResult(side, info, request, answer) {
  if (!answer.ok) {
    const error = answer.error || {};
    return { side, id: request.id, error: error.message || 'the engine refused the workload', error_detail: error };
  }
  const { ok, id, repeats = [], ...rest } = answer;
  return {
    side,
    id: id ?? request.id,
    ...rest,
    repeats,
    steps: repeats.reduce((sum, r) => sum + r.steps, 0),
    ...info,
  };
}

async function loadEngine(name) {
  const { default: createEngine } = await import(`/public/${name}.js`);
  return createEngine();
}

self.onmessage = async ({ data: msg }) => {
  if (msg?.type !== ToWorker.run) return;
  const { side, engine: name = 'engine', threads = 1, requests } = msg;
  let engine;
  try {
    engine = await loadEngine(name);
  } catch (err) {
    self.postMessage(message(FromWorker.fatal, { error: `the engine failed to load: ${err.message || err}` }));
    return;
  }
  if (typeof engine.benchmark !== 'function') {
    self.postMessage(message(FromWorker.fatal, { error: 'engine has no benchmark function' }));
    return;
  }
  const peak = JSON.parse(engine.simdPeak(PEAK_REQUEST));
  const info = {
    backend: side, engine: name, crossOriginIsolated: self.crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency,
    simd_peak_gflops: peak.ok ? peak.gflops : null,
  };
  self.postMessage(message(FromWorker.ready, { info }));
  for (const request of requests) {
    let result;
    try {
      result = toResult(side, info, request, JSON.parse(engine.benchmark(JSON.stringify({ ...request, threads }))));
    } catch (err) {
      result = { side, id: request.id, error: `benchmark threw: ${err.message || err}` };
    }
    self.postMessage(message(FromWorker.result, { result }));
  }
  self.postMessage(message(FromWorker.done));
};
