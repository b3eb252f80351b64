// One search trial, in the worker: a spec trained to its end (its epochs, or early stopping,
// or divergence) in a session of its own, so the page's run is untouched. Synchronous: a pool
// cancels a trial by terminating its worker.
//   answer: { ok, spec, epochs: [{epoch, train_loss, dev_loss, train_error, dev_error,
//             learning_rate}], summary, train_ms } or { ok: false, error }
// train_ms is the time spent training alone (not loading the spec, making its data or the
// messages): what sizes the recipe's search, where a round trip would swamp a short probe.

const KEEP = ['epoch', 'train_loss', 'dev_loss', 'train_error', 'dev_error', 'learning_rate'];
const EPOCHS_PER_CALL = 20;  // engine calls of this many epochs each

function compact(epoch) {
  const out = {};
  for (const key of KEEP) if (key in epoch) out[key] = epoch[key];
  return out;
}

function parse(text) {
  const answer = JSON.parse(text);
  if (!answer.ok) throw Object.assign(new Error(answer.error.message), { answer });
  return answer;
}

export function runTrial(engine, spec) {
  const session = new engine.Session();
  try {
    const loaded = parse(session.load(JSON.stringify(spec)));
    const epochs = loaded.epochs.map(compact);
    let trainMs = 0;
    for (;;) {
      const t0 = performance.now();
      const result = parse(session.step(loaded.steps_per_epoch * EPOCHS_PER_CALL));
      trainMs += performance.now() - t0;
      epochs.push(...result.epochs.map(compact));
      if (result.finished) return { ok: true, spec: loaded.spec, epochs, summary: result.summary, train_ms: trainMs };
      if (result.steps === 0) throw new Error('the trial made no progress');
    }
  } catch (err) {
    if (err.answer) return err.answer;
    throw err;
  } finally {
    session.delete();
  }
}
