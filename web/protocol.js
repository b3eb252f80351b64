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
  set: 'set',      // { key, value }: 'learning_rate' (engine) or 'speed' (epochs per second)
});

// Worker -> page.
export const FromWorker = Object.freeze({
  ready: 'ready',        // the engine module is loaded
  loaded: 'loaded',      // { spec, stepsPerEpoch, epochs: [epoch 0] }
  progress: 'progress',  // { epochs: [...new], epoch, step, finished, stepsPerSecond }
  state: 'state',        // { state: 'idle' | 'running' | 'paused' | 'finished' }
  error: 'error',        // { error: { field, given, allowed, message } }
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
