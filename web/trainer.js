// The one owner of the training worker. Sends commands stamped with the current run id,
// drops messages from older runs, and hands the rest to the page's callbacks. Given an
// onRestart callback it also supervises the worker: when it dies, a fresh one takes its place
// and the page reloads its settings into it (supervisor.js says how a death is noticed).
// When the engine cannot run at all (the browser lacks what it needs, engine.wasm or the
// worker script is missing or damaged) the trainer says so once, by onUnavailable, whatever
// run is current, and from then on sends nothing: requests are answered with the reason.
import { engineSupport, unsupportedError, workerFailed } from './engine-support.js';
import { FromWorker, ToWorker, isMessage, message } from './protocol.js';
import { RestartBudget, lockName, watch } from './supervisor.js';

const REPLAYED = new Set(['speed', 'grid', 'network']);  // worker settings a fresh worker must be told again

export class Trainer {
  // callbacks: { onLoaded, onProgress, onState, onError, onPoints, onGrid, onGradcheck,
  // onWeights, onNetwork }, each taking the message body; onRestart(reason), if given, after a fresh
  // worker replaced a dead one (the page then loads its settings again); onUnavailable(error)
  // once, when the engine cannot run here (error: FromWorker.failed's, field 'engine');
  // onEngine(threads) when a worker's engine has loaded ({ threaded, threads, reason }).
  constructor(workerUrl, callbacks) {
    this.callbacks = callbacks;
    this.workerUrl = workerUrl;
    this.runId = 0;
    this.requests = new Map();  // requestId -> resolve, for surface and landscape requests
    this.nextRequest = 1;
    this.settings = new Map();  // REPLAYED key -> value
    this.budget = new RestartBudget();
    this.unavailable = null;    // why the engine cannot run here, once known
    this.started = false;       // a worker of this trainer has loaded the engine
    const support = engineSupport();
    if (support.ok) this.spawn();
    else {  // no worker at all; the page is told once it listens
      this.unavailable = unsupportedError(support);
      queueMicrotask(() => this.callbacks.onUnavailable?.(this.unavailable));
    }
  }

  spawn() {
    const supervised = Boolean(this.callbacks.onRestart);
    const name = supervised ? lockName() : '';
    this.worker = new Worker(this.workerUrl, { type: 'module', name });
    this.worker.onmessage = (event) => this.receive(event.data);
    if (supervised) this.watcher = watch(this.worker, name, (reason) => this.restart(reason));
    else this.worker.onerror = (event) => {
      event.preventDefault?.();  // said here, not as an uncaught error on the page
      if (!this.started) this.giveUp(workerFailed(this.workerUrl, event.message));
      else this.callbacks.onError?.({ message: `the training worker failed: ${event.message || 'unknown error'}` });
    };
  }

  // The engine cannot run: no worker, no restart; the page is told once.
  giveUp(error) {
    if (this.unavailable) return;
    this.unavailable = error;
    this.watcher?.stop();
    this.worker?.terminate();
    for (const resolve of this.requests.values()) resolve({ ok: false, error });
    this.requests.clear();
    this.callbacks.onUnavailable?.(error);
  }

  // The worker died: unanswered requests get an error, a fresh worker starts (at most a few
  // times a minute), and the page is told so it can load its settings into it.
  restart(reason) {
    // A worker that never loaded the engine (its script is missing, blocked or broken) would
    // fail the same way again: said at once, not restarted.
    if (!this.started) {
      this.giveUp(workerFailed(this.workerUrl, reason.replace(/^it failed: /, '').replace(/^an error it did not catch$/, '')));
      return;
    }
    this.worker.terminate();  // whatever is left of it
    const error = { field: '', given: '', allowed: '', message: `the training worker stopped (${reason}) before answering` };
    for (const resolve of this.requests.values()) resolve({ ok: false, error });
    this.requests.clear();
    if (!this.budget.allow(performance.now())) {
      this.callbacks.onError?.({ message: `The training worker stopped again (${reason}), ${this.budget.max} times within a minute; `
        + 'it was not restarted. Reload the page to try again; your settings are in the link.' });
      return;
    }
    this.spawn();
    this.replay = true;
    this.callbacks.onRestart(reason);
  }

  // Ends the worker for good (the page is done with it).
  dispose() {
    this.watcher?.stop();
    this.worker?.terminate();
  }

  receive(msg) {
    if (!isMessage(msg, FromWorker)) return;
    if (msg.type === FromWorker.ready) {
      this.started = true;
      if (msg.threads) this.callbacks.onEngine?.(msg.threads);
      return;
    }
    if (msg.type === FromWorker.failed) {  // whatever run is current: there will be none
      this.giveUp(msg.error);
      return;
    }
    if (msg.type === FromWorker.holding) {
      this.watcher?.holding();
      return;
    }
    if (msg.type === FromWorker.answer) {  // answered by request id, whatever run is on
      this.requests.get(msg.requestId)?.(msg.answer);
      this.requests.delete(msg.requestId);
      return;
    }
    // Errors and state changes of a command that never started a run carry runId of the
    // current run too; anything older is stale.
    if (msg.runId !== this.runId) return;
    const handler = {
      [FromWorker.loaded]: this.callbacks.onLoaded,
      [FromWorker.progress]: this.callbacks.onProgress,
      [FromWorker.state]: this.callbacks.onState,
      [FromWorker.error]: (m) => this.callbacks.onError?.(m.error),
      [FromWorker.points]: this.callbacks.onPoints,
      [FromWorker.grid]: this.callbacks.onGrid,
      [FromWorker.gradcheck]: this.callbacks.onGradcheck,
      [FromWorker.weights]: this.callbacks.onWeights,
      [FromWorker.network]: this.callbacks.onNetwork,
    }[msg.type];
    handler?.(msg);
  }

  // Without an engine a command goes nowhere; one that waits for an answer (a gradient check,
  // the weights) is answered with the reason, as an error.
  send(type, body) {
    if (!this.unavailable) this.worker.postMessage(message(type, this.runId, body));
    else if (type === ToWorker.gradcheck || type === ToWorker.exportWeights) queueMicrotask(() => this.callbacks.onError?.(this.unavailable));
  }

  load(spec) {
    this.runId += 1;
    this.send(ToWorker.load, { spec });
    if (!this.replay) return;
    // A fresh worker takes settings for its current run only: after the load, not before.
    this.replay = false;
    for (const [key, value] of this.settings) this.send(ToWorker.set, { key, value });
  }

  reset() {
    this.runId += 1;
    this.send(ToWorker.reset);
  }

  train() { this.send(ToWorker.train); }
  pause() { this.send(ToWorker.pause); }
  step(unit) { this.send(ToWorker.step, { unit }); }
  set(key, value) {
    if (REPLAYED.has(key)) this.settings.set(key, value);
    this.send(ToWorker.set, { key, value });
  }
  gradcheck() { this.send(ToWorker.gradcheck); }
  exportWeights() { this.send(ToWorker.exportWeights); }
  importWeights(weights) { this.send(ToWorker.importWeights, { weights }); }
  importModel(model) { this.send(ToWorker.importModel, { model }); }
  // One parameter (layer 1..L, unit, input index or null for the bias); a fresh network
  // snapshot follows, or onError when refused.
  setWeight(layer, unit, input, value) { this.send(ToWorker.setWeight, { layer, unit, input, value }); }

  // The engine's answer ({ok, ...} or {ok: false, error}) to a request (REQUESTS).
  request(type, request) {
    const requestId = this.nextRequest++;
    if (this.unavailable) return Promise.resolve({ ok: false, error: this.unavailable });
    return new Promise((resolve) => {
      this.requests.set(requestId, resolve);
      this.send(type, { requestId, request });
    });
  }
  surface(request) { return this.request(ToWorker.surface, request); }
  landscape(request) { return this.request(ToWorker.landscape, request); }
  // { layer, unit, input } -> { ok, epochs, steps, values, norms? } (protocol.js, ToWorker.history).
  history(request) { return this.request(ToWorker.history, request); }
  // The run's model document -> { ok, model } (protocol.js, ToWorker.model).
  model() { return this.request(ToWorker.model); }
  // The model's predictions for a CSV's text -> { ok, csv } or { ok: false, error }.
  predict(csv) { return this.request(ToWorker.predict, { csv }); }
  // Whether the engine would load spec, the run untouched -> { ok, spec } or { ok: false, error }.
  check(spec) { return this.request(ToWorker.check, { spec }); }
}
