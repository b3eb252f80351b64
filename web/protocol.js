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
                   // (epochs per second, null: as fast as possible), 'grid' (resolution, 0: off)
  gradcheck: 'gradcheck',          // check backprop at the current weights
  exportWeights: 'exportWeights',  // the current weights as JSON
  importWeights: 'importWeights',  // { weights }: set the current weights
  surface: 'surface',      // { requestId, request }: optimizer paths on a classic surface
  landscape: 'landscape',  // { requestId, request }: the network's loss landscape: of the current
                           // run's recorded path (no request.spec), or of fresh runs of request.spec
  trial: 'trial',          // { requestId, spec }: train spec to its end in a session of its own
  search: 'search',        // { requestId, request }: the engine's search helpers (plan, zoom,
                           // sensitivity, lr_range), request.kind says which
});

// Requests carry their own id and are answered (FromWorker.answer) whatever run is on.
export const REQUESTS = Object.freeze([ToWorker.surface, ToWorker.landscape, ToWorker.trial, ToWorker.search]);

// Worker -> page.
export const FromWorker = Object.freeze({
  ready: 'ready',        // the engine module is loaded
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
});

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
