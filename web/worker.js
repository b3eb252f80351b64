// The training worker: the only code that loads the WASM engine. It trains in chunks of
// mini-batches, answers commands between chunks, and posts progress a few dozen times a
// second at most, never per step.
import { loadEngine } from './engine-loader.js';
import { engineAborted } from './engine-support.js';
import { NetworkFeed, paramHistory, setWeight } from './network-snapshot.js';
import { checkSpec, modelDocument, predictCsv } from './model-requests.js';
import { FromWorker, REQUESTS, ToWorker, SPEEDS, isMessage, message } from './protocol.js';
import { runTrial } from './trial.js';

const POST_INTERVAL_MS = 40;  // at most 25 progress messages a second
const CHUNK_BUDGET_MS = 12;   // work between looks at the message queue

let engine = null;
let session = null;
let failure = null;         // why the engine did not load (FromWorker.failed), once it has not
let runId = 0;
let state = 'idle';
let stepsPerEpoch = 1;
let epochsPerSecond = SPEEDS.normal;
let pending = [];           // epochs not yet posted
let pendingSteps = [];      // mini-batch records not yet posted
let summary = null;         // the run's summary once it is finished
let diagnosis;              // of the latest epoch
let gridResolution = 0;     // > 0: post the decision boundary with progress
let lastGrid = 0;
let twoFeatures = false;
let lastPost = 0;
let stepRate = { steps: 0, since: 0, value: 0 };
let credit = 0;             // steps allowed by the speed limit and not yet taken
let lastTick = 0;
let tickQueued = false;

// Yields to the event loop without setTimeout's 4 ms clamp, so commands get through.
const channel = new MessageChannel();
channel.port1.onmessage = () => tick();

const post = (type, body) => self.postMessage(message(type, runId, body));
// The network snapshot (network-snapshot.js), when the page asked for it.
const network = new NetworkFeed((snapshot, transfer) => self.postMessage(message(FromWorker.network, runId, { network: snapshot }), transfer));
const postNetwork = (force, options = {}) => session && network.post(session, { force, exact: state !== 'running', ...options });

// A supervised worker is given a name: it holds the Web Lock of that name for as long as it
// lives, so the page's request for the same lock is granted the moment it ends, however it
// ends (terminated, crashed, killed for memory), even while it is busy in a long engine call.
if (self.name && self.navigator?.locks) {
  navigator.locks.request(self.name, () => {
    self.postMessage(message(FromWorker.holding, 0, { lock: self.name }));
    return new Promise(() => {});  // never released while this worker lives
  });
}

function parse(answer) {
  const result = JSON.parse(answer);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { detail: result.error });
  return result;
}

function setState(next) {
  if (state === next) return;
  state = next;
  post(FromWorker.state, { state });
}

// Progress, the decision boundary and the network view (each when asked for and due).
function flush(force, networkOptions) {
  postNetwork(force, networkOptions);
  const now = performance.now();
  if (!force && now - lastPost < POST_INTERVAL_MS) return;
  const last = pending[pending.length - 1];
  if (!force && !last) return;
  post(FromWorker.progress, {
    epochs: pending,
    stepsLog: pendingSteps,
    epoch: last ? last.epoch : null,
    finished: state === 'finished',
    summary,
    diagnosis,
    stepsPerSecond: stepRate.value,
  });
  pending = [];
  pendingSteps = [];
  lastPost = now;
  postGrid(force);
}

// The decision boundary, at most five times a second (and always when forced).
function postGrid(force) {
  const now = performance.now();
  if (!gridResolution || !twoFeatures || (!force && now - lastGrid < 200)) return;
  const info = parse(session.grid(gridResolution));
  const values = session.gridValues();
  self.postMessage(message(FromWorker.grid, runId, { info, values }), [values.buffer]);
  lastGrid = now;
}

// Runs n steps in the engine; returns how many it took.
function runSteps(n) {
  const result = parse(session.step(n));
  for (const e of result.epochs) pending.push(e);
  if (result.steps_log) pendingSteps.push(...result.steps_log);
  if (result.summary) summary = result.summary;
  if (result.diagnosis) diagnosis = result.diagnosis;
  stepRate.steps += result.steps;
  const now = performance.now();
  if (now - stepRate.since >= 500) {
    stepRate.value = Math.round((stepRate.steps * 1000) / (now - stepRate.since));
    stepRate = { steps: 0, since: now, value: stepRate.value };
  }
  if (result.finished) setState('finished');
  return result.steps;
}

function schedule(delay) {
  if (tickQueued) return;
  tickQueued = true;
  if (delay > 0) setTimeout(() => channel.port2.postMessage(0), delay);
  else channel.port2.postMessage(0);
}

function tick() {
  tickQueued = false;
  if (state !== 'running') return;
  try {
    const start = performance.now();
    if (epochsPerSecond === null) {
      // As fast as possible, in slices of about a millisecond until the chunk's budget is spent.
      let batch = 8;
      while (state === 'running' && performance.now() - start < CHUNK_BUDGET_MS) {
        const t0 = performance.now();
        runSteps(batch);
        const dt = performance.now() - t0;
        batch = Math.max(1, Math.min(100000, Math.round(dt > 0 ? (batch * 1) / dt : batch * 2)));
      }
      flush(state !== 'running');
      schedule(0);
    } else {
      // Paced: earn steps with time, capped so a stall does not cause a burst.
      const rate = epochsPerSecond * stepsPerEpoch;  // steps per second
      credit = Math.min(credit + ((start - lastTick) / 1000) * rate, rate * 0.1 + 1);
      lastTick = start;
      const n = Math.floor(credit);
      if (n > 0) credit -= runSteps(n);
      flush(state !== 'running');
      schedule(16);
    }
  } catch (err) {
    fail(err);
  }
}

function fail(err) {
  if (state === 'running') state = 'paused';
  post(FromWorker.error, {
    error: err.detail || { field: '', given: '', allowed: '', message: String(err.message || err) },
  });
  post(FromWorker.state, { state });
  // A trap or abort inside the engine leaves its memory in an unknown state: this worker ends,
  // and the page (which sees its lock released) starts a fresh one.
  if (err instanceof WebAssembly.RuntimeError) self.close();
}

// The engine's WASM memory in bytes (it grows, never shrinks; at most 1 GB).
const heapBytes = () => engine?.HEAP8?.buffer.byteLength ?? null;

// A new run (load or reset): nothing pending, nothing finished.
function startRun() {
  pending = [];
  pendingSteps = [];
  summary = null;
  diagnosis = undefined;
  state = 'idle';
}

function start() {
  if (state === 'finished' || !session) return;
  setState('running');
  lastTick = performance.now();
  stepRate = { steps: 0, since: lastTick, value: stepRate.value };
  credit = 1;
  schedule(0);
}

const handlers = {
  [ToWorker.load]({ spec }) {
    // A spec that fails leaves the previous run in place (the engine keeps it).
    const result = parse(session.load(JSON.stringify(spec)));
    stepsPerEpoch = result.steps_per_epoch;
    startRun();
    post(FromWorker.loaded, { spec: result.spec, stepsPerEpoch, epochs: result.epochs, heapBytes: heapBytes() });
    post(FromWorker.state, { state });
    const points = parse(session.points());
    twoFeatures = points.features === 2;
    post(FromWorker.points, { points });
    postGrid(true);
    postNetwork(true);
  },
  [ToWorker.train]: start,
  [ToWorker.pause]() {
    if (state === 'running') setState('paused');
    flush(true);
  },
  [ToWorker.step]({ unit }) {
    if (state === 'finished') return;
    setState('paused');
    runSteps(unit === 'epoch' ? stepsPerEpoch : 1);
    flush(true, { mask: unit !== 'epoch' });  // the network with the dropout masks of that one batch
  },
  [ToWorker.reset]() {
    const result = parse(session.reset());
    startRun();
    post(FromWorker.loaded, { stepsPerEpoch, epochs: result.epochs, heapBytes: heapBytes() });
    post(FromWorker.state, { state });
    postGrid(true);
    postNetwork(true);
  },
  [ToWorker.set]({ key, value }) {
    if (key === 'speed') {
      epochsPerSecond = value === null ? null : Number(value);
      credit = 1;
      return;
    }
    if (key === 'grid') {
      gridResolution = Math.max(0, Math.min(400, Math.round(Number(value) || 0)));
      postGrid(true);
      return;
    }
    if (key === 'network') {  // { grid: resolution } or null; a malformed one is refused, the run goes on
      const error = network.set(value);
      return error ? post(FromWorker.error, { error }) : postNetwork(true);
    }
    parse(session.set(key, Number(value)));
  },
  [ToWorker.gradcheck]() {
    post(FromWorker.gradcheck, { report: parse(session.gradcheck()).report });
  },
  [ToWorker.exportWeights]() {
    post(FromWorker.weights, { weights: parse(session.weights()).weights });
  },
  // Requests answered by their own id, whatever run is on: the engine's JSON as it is.
  [ToWorker.surface]({ requestId, request }) {
    answerRequest(requestId, () => engine.surfacePaths(JSON.stringify(request)));
  },
  // With a spec: fresh runs of it. Without: the path this worker's run recorded as it
  // trained (other optimizers' runs optional); the run itself goes on as it was.
  [ToWorker.landscape]({ requestId, request }) {
    answerRequest(requestId, () => (request.spec ? engine.landscape(JSON.stringify(request)) : session.landscape(JSON.stringify(request))));
  },
  [ToWorker.trial]({ requestId, spec }) {
    answerRequest(requestId, () => runTrial(engine, spec));
  },
  [ToWorker.search]({ requestId, request }) {
    answerRequest(requestId, () => engine.search(JSON.stringify(request)));
  },
  [ToWorker.importWeights]({ weights }) {
    parse(session.loadWeights(typeof weights === 'string' ? weights : JSON.stringify(weights)));
    postGrid(true);
    postNetwork(true, { exact: true });
  },
  [ToWorker.importModel]({ model }) {
    parse(session.loadModel(typeof model === 'string' ? model : JSON.stringify(model)));
    postGrid(true);
    postNetwork(true, { exact: true });
  },
  // One parameter between steps; a bad one is refused (FromWorker.error) and the run goes on.
  [ToWorker.setWeight](body) {
    const error = setWeight(session, body);
    if (error) return post(FromWorker.error, { error });
    postGrid(true);
    postNetwork(true, { exact: true });
  },
  [ToWorker.history]({ requestId, request }) {
    answerRequest(requestId, () => paramHistory(session, request));
  },
  [ToWorker.model]({ requestId }) { answerRequest(requestId, () => modelDocument(session)); },
  [ToWorker.predict]({ requestId, request }) { answerRequest(requestId, () => predictCsv(session, request)); },
  [ToWorker.check]({ requestId, request }) { answerRequest(requestId, () => checkSpec(engine, request)); },
};

// A request is always answered, with the engine's JSON or an error as data.
function answerRequest(requestId, compute) {
  let answer;
  try {
    const text = compute();
    answer = typeof text === 'string' ? JSON.parse(text) : text;
  } catch (err) {
    answer = { ok: false, error: { field: '', given: '', allowed: '', message: String(err.message || err) } };
  }
  self.postMessage(message(FromWorker.answer, runId, { requestId, answer }));
}

const early = [];  // commands that arrived before the engine finished loading

self.onmessage = (event) => {
  const msg = event.data;
  if (!isMessage(msg, ToWorker)) return;
  if (failure) {  // no engine: a request is answered with why, a command has nothing to do
    if (REQUESTS.includes(msg.type)) self.postMessage(message(FromWorker.answer, runId, { requestId: msg.requestId, answer: { ok: false, error: failure } }));
    return;
  }
  if (!session) {
    early.push(event);
    return;
  }
  // load and reset start a new run; any other command must name the current one (requests
  // carry their own id and are answered whatever run is on).
  if (msg.type === ToWorker.load || msg.type === ToWorker.reset) runId = msg.runId;
  else if (msg.runId !== runId && !REQUESTS.includes(msg.type)) return;
  try {
    handlers[msg.type](msg);
  } catch (err) {
    fail(err);
  }
};

// A search-pool or lesson worker is started as worker.js?threads=1 (protocol.js singleThreaded):
// its engine keeps to one thread.
const single = new URL(self.location.href).searchParams.get('threads') === '1';
let threads = null;  // { threaded, threads, reason } of the engine loaded

loadEngine({ single }).then((loaded) => {
  ({ engine, threads } = loaded);
  session = new engine.Session();
}).then(
  () => {
    self.postMessage(message(FromWorker.ready, 0, { threads }));
    for (const event of early.splice(0)) self.onmessage(event);
  },
  (err) => {
    failure = err?.field ? err : engineAborted(err?.message || err);
    self.postMessage(message(FromWorker.failed, 0, { error: failure }));
    for (const event of early.splice(0)) self.onmessage(event);
  },
);
