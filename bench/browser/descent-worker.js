// Descent's side: the engine times itself inside WASM. benchmark(requestJson) -> answerJson,
// one workload per call: { ok, id, parameters, ms_per_step, repeats, loss_first, loss_last }
// or { ok: false, error: { field, given, allowed, message } }.
import { FromWorker, ToWorker, message } from './protocol.js';

const ENGINE_URL = '/public/engine.js';

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

async function loadEngine() {
  const { default: createEngine } = await import(ENGINE_URL);
  return createEngine();
}

self.onmessage = async ({ data: msg }) => {
  if (msg?.type !== ToWorker.run) return;
  const { side, requests } = msg;
  let engine;
  try {
    engine = await loadEngine();
  } catch (err) {
    self.postMessage(message(FromWorker.fatal, { error: `the engine failed to load: ${err.message || err}` }));
    return;
  }
  if (typeof engine.benchmark !== 'function') {
    self.postMessage(message(FromWorker.fatal, { error: 'engine has no benchmark function' }));
    return;
  }
  const info = { backend: 'descent-wasm', crossOriginIsolated: self.crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency };
  self.postMessage(message(FromWorker.ready, { info }));
  for (const request of requests) {
    let result;
    try {
      result = toResult(side, info, request, JSON.parse(engine.benchmark(JSON.stringify(request))));
    } catch (err) {
      result = { side, id: request.id, error: `benchmark threw: ${err.message || err}` };
    }
    self.postMessage(message(FromWorker.result, { result }));
  }
  self.postMessage(message(FromWorker.done));
};
