// A pool of training workers for trials that are independent of one another (search,
// recipe). Each worker is a whole engine instance (the page's worker bundle), so trials
// train in parallel, one per worker; the page's own run is untouched.
//
// The contract (web/search/ and web/recipe/ rely on it):
//   new TrialPool({ size, workerUrl })
//     size: workers at most, default max(1, navigator.hardwareConcurrency - 1).
//     Workers are created when first needed, kept and reused across runs; nothing is sent
//     to one before its FromWorker.ready. Each loads the single-threaded engine (workerUrl
//     with ?threads=1): the pool already has the cores, one trial each, and a trial on
//     threads of its own would oversubscribe them.
//   run(trials, { onUpdate } = {}) -> Promise<results>
//     trials: [{ id, spec }], each trained to its end by ToWorker.trial.
//     results, in the order of trials: [{ id, status: 'done' | 'failed' | 'cancelled',
//       answer (the trial's answer when done; an { ok: false } answer when the engine refused
//       the spec), error (a message when failed), ms (wall time of the trial, 0 if never
//       started) }]. Never rejects, except when a run is already going.
//     onUpdate({ done, running, queued, failed, cancelled, result }) after each change
//       (result: the trial that just finished, or null when one just started).
//   request(request) -> Promise<answer>: one ToWorker.search request ({ kind, ... }) on a
//     worker of the pool (an idle one when there is one); the engine's answer as data,
//     { ok: false, error } included (a dead worker or cancel() answer that way too).
//   cancel(): terminates every worker at once (a trial cannot be interrupted otherwise: it
//     trains synchronously). Trials not finished resolve 'cancelled', results so far are
//     kept, pending requests answer { ok: false }; the pool can run again (new workers).
//   dispose(): cancel() and refuse further work.
// A worker that dies after its engine loaded (onerror) fails its trial with a message and is
// replaced by a fresh one for the next trial. One whose engine never loaded (FromWorker.failed,
// or a worker script that never ran, or a browser without what the engine needs) would fail
// the same way again: its trial and every trial after it in the run fail at once with its
// message (the next run tries a fresh worker), and requests answer { ok: false } with it.
import { engineSupport, unsupportedError, workerFailed } from '../engine-support.js';
import { FromWorker, ToWorker, isMessage, message, singleThreaded } from '../protocol.js';

export const defaultPoolSize = () => Math.max(1, (globalThis.navigator?.hardwareConcurrency || 2) - 1);

const failure = (text) => ({ ok: false, error: { field: '', given: '', allowed: '', message: text } });

// One worker: ready resolves when its engine has loaded (rejects if it failed to).
class Slot {
  constructor(workerUrl, onDeath) {
    this.busy = false;
    this.started = false;  // its engine loaded
    this.calls = new Map();  // requestId -> { resolve } of what this worker was asked
    this.nextId = 1;
    this.worker = new Worker(workerUrl, { type: 'module' });
    this.ready = new Promise((resolve, reject) => {
      this.fail = reject;
      this.worker.onmessage = ({ data }) => {
        if (!isMessage(data, FromWorker)) return;
        if (data.type === FromWorker.ready) {
          this.started = true;
          resolve();
        } else if (data.type === FromWorker.failed) reject(Object.assign(new Error(data.error.message), { unavailable: true }));
        else if (data.type === FromWorker.answer) {
          this.calls.get(data.requestId)?.(data.answer);
          this.calls.delete(data.requestId);
        }
      };
    });
    this.ready.catch((err) => onDeath(this, err.message, err.unavailable));
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.started) onDeath(this, `the worker failed: ${event.message || 'unknown error'}`);
      else onDeath(this, workerFailed(workerUrl, event.message).message, true);
    };
  }

  // Sends a request once the engine is ready; resolves with the answer.
  async call(type, body) {
    await this.ready;
    return new Promise((resolve) => {
      const requestId = this.nextId++;
      this.calls.set(requestId, resolve);
      this.worker.postMessage(message(type, 0, { requestId, ...body }));
    });
  }

  // Answers everything pending with a failure and stops the worker.
  kill(text) {
    this.worker.terminate();
    this.fail(new Error(text));  // a call still waiting for the engine gives up
    for (const resolve of this.calls.values()) resolve(failure(text));
    this.calls.clear();
  }
}

export class TrialPool {
  constructor({ size = defaultPoolSize(), workerUrl }) {
    if (!workerUrl) throw new Error('[TrialPool]: workerUrl is required');
    this.size = Math.max(1, Math.floor(size) || 1);
    this.workerUrl = singleThreaded(workerUrl);
    this.slots = [];
    this.current = null;  // the run going on: { finish } to settle it on cancel
    this.disposed = false;
    this.unavailable = null;  // the message of an engine that did not load, in this run
  }

  slot() {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) return idle;
    if (this.slots.length < this.size) {
      const s = new Slot(this.workerUrl, (dead, text, unavailable) => this.bury(dead, text, unavailable));
      this.slots.push(s);
      return s;
    }
    return null;
  }

  // A dead worker: what it was doing fails; the next trial gets a fresh worker, unless its
  // engine never loaded (unavailable).
  bury(slot, text, unavailable = false) {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    if (unavailable) this.unavailable = text;
    this.slots.splice(i, 1);
    slot.kill(text);
  }

  // Why no worker can train here, known before any starts (a browser without SIMD) or learnt
  // from one that failed to load its engine.
  cannotRun() {
    if (this.unavailable) return this.unavailable;
    const support = engineSupport();
    return support.ok ? null : unsupportedError(support).message;
  }

  run(trials, { onUpdate } = {}) {
    if (this.disposed) return Promise.reject(new Error('[TrialPool]: the pool was disposed'));
    if (this.current) return Promise.reject(new Error('[TrialPool]: a run is already going'));
    const results = trials.map((t) => ({ id: t.id, status: 'queued', answer: null, error: null, ms: 0 }));
    let next = 0;
    let running = 0;
    const count = (status) => results.filter((r) => r.status === status).length;
    const update = (result) => onUpdate?.({
      done: count('done'), running, queued: trials.length - next, failed: count('failed'),
      cancelled: count('cancelled'), result,
    });
    return new Promise((resolve) => {
      const run = { cancelled: false };
      const finish = () => {
        this.current = null;
        resolve(results.map(({ id, status, answer, error, ms }) => ({ id, status, answer, error, ms })));
      };
      run.finish = () => {
        run.cancelled = true;
        for (const r of results) if (r.status === 'queued' || r.status === 'running') r.status = 'cancelled';
        running = 0;
        next = trials.length;
        update(null);
        finish();
      };
      this.current = run;
      this.unavailable = null;  // each run tries the engine afresh
      const start = () => {
        const why = this.cannotRun();
        if (why && !run.cancelled) {  // the rest of the run fails now, with the reason
          for (const r of results) if (r.status === 'queued') Object.assign(r, { status: 'failed', error: why });
          next = trials.length;
          update(null);
          if (running === 0) finish();
          return;
        }
        while (!run.cancelled && next < trials.length) {
          const slot = this.slot();
          if (!slot) return;
          const index = next++;
          const result = results[index];
          slot.busy = true;
          running += 1;
          result.status = 'running';
          const t0 = performance.now();
          update(null);
          slot.call(ToWorker.trial, { spec: trials[index].spec }).then((answer) => {
            if (run.cancelled) return;
            slot.busy = false;
            running -= 1;
            result.ms = performance.now() - t0;
            result.answer = answer;
            result.status = answer?.ok ? 'done' : 'failed';
            result.error = answer?.ok ? null : answer?.error?.message || 'the trial failed';
            update(result);
            if (next >= trials.length && running === 0) finish();
            else start();
          }, (err) => {  // the engine never loaded in this worker
            if (run.cancelled) return;
            running -= 1;
            Object.assign(result, { status: 'failed', error: String(err.message || err), ms: performance.now() - t0 });
            update(result);
            if (next >= trials.length && running === 0) finish();
            else start();
          });
        }
      };
      if (!trials.length) finish();
      else start();
    });
  }

  request(request) {
    if (this.disposed) return Promise.resolve(failure('the pool was disposed'));
    const why = this.cannotRun();
    if (why) return Promise.resolve(failure(why));
    // An idle worker if there is one, else the one with the least waiting.
    const slot = this.slot() || this.slots.reduce((a, b) => (a.calls.size <= b.calls.size ? a : b));
    return slot.call(ToWorker.search, { request }).catch((err) => failure(String(err.message || err)));
  }

  cancel() {
    for (const slot of this.slots.splice(0)) slot.kill('cancelled');
    this.current?.finish();
  }

  dispose() {
    this.cancel();
    this.disposed = true;
  }
}
