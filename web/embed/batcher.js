// Epoch records, handed on at most once per interval (10 a second by default) in batches,
// so that a lesson training 300 epochs a second does not flood its listeners or its parent.

// The fields of an epoch record a course page needs (the engine's records also carry
// per-layer statistics).
const KEYS = ['epoch', 'train_loss', 'dev_loss', 'test_loss', 'train_error', 'dev_error', 'test_error',
  'train_dev_loss', 'train_dev_error', 'learning_rate'];
export function compactEpoch(record) {
  const out = {};
  for (const key of KEYS) if (record[key] !== undefined && record[key] !== null) out[key] = record[key];
  return out;
}

export class EpochBatcher {
  // emit(records): called with the records gathered since the last call (never empty).
  // timers: { now, setTimeout, clearTimeout }, for tests.
  constructor(emit, intervalMs = 100, timers = globalThis) {
    Object.assign(this, { emit, intervalMs, timers, pending: [], last: -Infinity, timer: 0 });
  }

  push(records) {
    for (const r of records) this.pending.push(compactEpoch(r));
    if (!this.pending.length || this.timer) return;
    const wait = this.last + this.intervalMs - this.timers.performance.now();
    if (wait <= 0) this.flush();
    else this.timer = this.timers.setTimeout(() => { this.timer = 0; this.flush(); }, Math.ceil(wait) + 1);  // never early
  }

  // Hands on what is pending now (before a state change or the summary, so they come in order).
  flush() {
    if (this.timer) this.timers.clearTimeout(this.timer);
    this.timer = 0;
    if (!this.pending.length) return;
    const records = this.pending;
    this.pending = [];
    this.last = this.timers.performance.now();
    this.emit(records);
  }

  // Forgets what is pending (a new run).
  drop() {
    if (this.timer) this.timers.clearTimeout(this.timer);
    this.timer = 0;
    this.pending = [];
  }
}
