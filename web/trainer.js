// The one owner of the training worker. Sends commands stamped with the current run id,
// drops messages from older runs, and hands the rest to the page's callbacks.
import { FromWorker, ToWorker, isMessage, message } from './protocol.js';

export class Trainer {
  // callbacks: { onLoaded, onProgress, onState, onError, onPoints, onGrid, onGradcheck,
  // onWeights }, each taking the message body.
  constructor(workerUrl, callbacks) {
    this.callbacks = callbacks;
    this.runId = 0;
    this.requests = new Map();  // requestId -> resolve, for surface and landscape requests
    this.nextRequest = 1;
    this.worker = new Worker(workerUrl, { type: 'module' });
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) =>
      callbacks.onError?.({ message: `the training worker failed: ${event.message || 'unknown error'}` });
  }

  receive(msg) {
    if (!isMessage(msg, FromWorker)) return;
    if (msg.type === FromWorker.ready) return;
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
    }[msg.type];
    handler?.(msg);
  }

  send(type, body) {
    this.worker.postMessage(message(type, this.runId, body));
  }

  load(spec) {
    this.runId += 1;
    this.send(ToWorker.load, { spec });
  }

  reset() {
    this.runId += 1;
    this.send(ToWorker.reset);
  }

  train() { this.send(ToWorker.train); }
  pause() { this.send(ToWorker.pause); }
  step(unit) { this.send(ToWorker.step, { unit }); }
  set(key, value) { this.send(ToWorker.set, { key, value }); }
  gradcheck() { this.send(ToWorker.gradcheck); }
  exportWeights() { this.send(ToWorker.exportWeights); }
  importWeights(weights) { this.send(ToWorker.importWeights, { weights }); }

  // The engine's answer ({ok, ...} or {ok: false, error}) to a surface or landscape request.
  request(type, request) {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.requests.set(requestId, resolve);
      this.send(type, { requestId, request });
    });
  }
  surface(request) { return this.request(ToWorker.surface, request); }
  landscape(request) { return this.request(ToWorker.landscape, request); }
}
