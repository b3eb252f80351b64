// The one definition of the messages between the page and the training worker.
// Every message carries the protocol version and a run id; the page drops what belongs
// to an older run (a load or reset starts a new one), the worker ignores commands for one.

export const PROTOCOL_VERSION = 1;

// Page -> worker.
export const ToWorker = Object.freeze({
  load: 'load',    // { spec }: parse, validate and build a run (epoch 0 comes back)
  train: 'train',  // run until finished or paused
  pause: 'pause',
  step: 'step',    // { unit: 'batch' | 'epoch' }: one mini-batch or one epoch, then pause
  reset: 'reset',  // back to the same initial weights
  set: 'set',      // { key, value }: 'learning_rate', 'l2', 'l1' (engine, live), 'speed'
                   // (epochs per second, null: as fast as possible), 'grid' (resolution, 0: off),
                   // 'network' ({ grid: 0..64 } posts FromWorker.network, grid the per-unit
                   // heatmaps' resolution, 0: none; null stops it)
  gradcheck: 'gradcheck',          // check backprop at the current weights
  exportWeights: 'exportWeights',  // the current weights as JSON
  importWeights: 'importWeights',  // { weights }: set the current weights
  importModel: 'importModel',      // { model }: a model document's weights and batch norm's running averages
  surface: 'surface',      // { requestId, request }: optimizer paths on a classic surface
  landscape: 'landscape',  // { requestId, request }: the network's loss landscape: of the current
                           // run's recorded path (no request.spec), or of fresh runs of request.spec
  trial: 'trial',          // { requestId, spec }: train spec to its end in a session of its own
  search: 'search',        // { requestId, request }: the engine's search helpers (plan, zoom,
                           // sensitivity, lr_range), request.kind says which
  setWeight: 'setWeight',  // { layer: 1..L, unit, input: index in the layer before | null (the bias),
                           // value: finite }: sets that one parameter between steps (the optimizer's
                           // moments untouched), then posts an exact FromWorker.network (and grid).
                           // Refused (FromWorker.error naming the field and its range, nothing
                           // changed, the run goes on) when out of range.
  history: 'history',      // { requestId, request: { layer, unit, input } }: that parameter at every
                           // point the run's recorded path kept, and now -> { ok, epochs, steps, values,
                           // norms (bias only: the unit's incoming weight norm) }. epochs are
                           // fractional (step / steps per epoch), evenly spaced, at most ~200.
  model: 'model',          // { requestId }: the current run's model at its current weights, as
                           // `descent run --save` writes it -> { ok, model: { format: 'descent-model',
                           // version, task, features, classes, label, normalization, batch_norm,
                           // trained, spec, weights } }
  predict: 'predict',      // { requestId, request: { csv } }: that model's predictions for each row of
                           // the CSV text -> { ok, csv } (as `descent predict` writes it: the header
                           // "predicted,p_<class>...", one row per input row), or an error naming
                           // the row and column (field 'data.csv')
  check: 'check',          // { requestId, request: { spec } }: would the engine load spec? Checked in a
                           // session of its own (the run goes on) -> { ok, spec } or { ok: false, error }
});

// Requests carry their own id and are answered (FromWorker.answer) whatever run is on.
export const REQUESTS = Object.freeze([ToWorker.surface, ToWorker.landscape, ToWorker.trial, ToWorker.search, ToWorker.history,
  ToWorker.model, ToWorker.predict, ToWorker.check]);

// Worker -> page.
export const FromWorker = Object.freeze({
  ready: 'ready',        // the engine module is loaded: { threads: { threaded, threads, reason } }
  failed: 'failed',      // { error: { field: 'engine', given, allowed, message, summary } }: the engine
                         // could not load in this worker (a browser without WebAssembly SIMD, engine.js
                         // or engine.wasm missing or damaged). Sent once, with run id 0, instead of
                         // ready; the page takes it whatever run is current, and the worker answers
                         // requests after it with this error. message says what went wrong and what
                         // to do, summary in a line; given is the URL (or the missing feature).
  loaded: 'loaded',      // { spec, stepsPerEpoch, epochs: [epoch 0], heapBytes: the engine's memory }
  progress: 'progress',  // { epochs: [...new], stepsLog, epoch, finished, summary?, diagnosis?, stepsPerSecond }
  state: 'state',        // { state: 'idle' | 'running' | 'paused' | 'finished' }
  error: 'error',        // { error: { field, given, allowed, message } }
  points: 'points',      // { points: { features, classes, class_names, train: {x, y}, dev: {x, y} } }
  grid: 'grid',          // { info: { x0, x1, y0, y1, resolution, channels }, values: Float32Array }
  gradcheck: 'gradcheck',  // { report: { difference, verdict, bands, blocks, notes } }
  weights: 'weights',    // { weights: { format, version, blocks } }
  answer: 'answer',      // { requestId, answer }: the engine's answer to a request (REQUESTS)
  holding: 'holding',    // { lock }: the worker holds the Web Lock named after it until it ends
                         // (see supervisor.js); sent only by a worker given a name
  network: 'network',    // { network: NetworkSnapshot }, only while ToWorker.set 'network' is on: mid-run
                         // at most 4 a second (exact: false), and after a load, reset, pause, step, the
                         // run's end, a weight edit or import (exact: true). See NetworkSnapshot below.
});

// NetworkSnapshot (FromWorker.network; network-snapshot.js builds it). Arrays are copies, transferred.
//   { epoch, step, exact, features, featureNames: string[], image: { width, height } | null,
//     inputMean, inputStd: Float64Array(features): the network sees (x - inputMean) / inputStd
//       (0 and 1 when the spec does not normalise),
//     layers: [{ units, fanIn, activation, norm, keepProb,     // dense layers 1..L, the output last
//       W: Float32Array(units * fanIn): W[j * fanIn + i], input i -> unit j;  b: Float32Array(units)
//         (zeros under batch norm, which has no bias: beta takes its place),
//       gamma, beta: Float32Array(units) | null,               // the norm's scale and shift, per unit
//       stats: { mean, std: Float32Array(units),               // of the activation over the training set,
//                dead: Float32Array(units) | null,             // inference mode (no dropout, batch norm's
//                saturated: Float32Array(units) | null },      // running averages); thresholds as layer_stats
//       weightNorm: Float32Array(units),                       // ||W[j, :]||_2
//       mask: Uint8Array(units) | null }],                     // dropout mask, example 1 of the batch of a
//                                                              // single-batch step; else null
//     grid: null | { resolution, x0, x1, y0, y1,               // 2-feature data: the decision grid's plane and
//       layers: [Float32Array(units * resolution^2)] } }       // point order; unit j at point p: [j * res^2 + p].
//       The resolution is lowered (from the one asked) so that all layers together hold <= 131072 values.

// Epochs per second; null trains as fast as the machine allows.
export const SPEEDS = Object.freeze({ slow: 10, normal: 60, fast: 300, max: null });

export function message(type, runId, body = {}) {
  return { v: PROTOCOL_VERSION, type, runId, ...body };
}

// True when data is a well-formed message of one of the given types.
export function isMessage(data, types) {
  return (
    data !== null &&
    typeof data === 'object' &&
    data.v === PROTOCOL_VERSION &&
    Object.values(types).includes(data.type) &&
    Number.isInteger(data.runId)
  );
}

// The worker's URL asking for the single-threaded engine (worker.js reads ?threads=1): for
// the search's pool (its workers already share the cores) and embedded lessons (a course page
// may hold many). The playground's own worker takes the threads the page is allowed.
export function singleThreaded(workerUrl) {
  const url = new URL(String(workerUrl), globalThis.location?.href);
  url.searchParams.set('threads', '1');
  return url;
}
