// The worker's side of the model requests (protocol.js, ToWorker.model, predict and check):
// the run's model document and its predictions on a CSV, both the engine's JSON answers
// (model/model.h, model_csv.h: what `descent run --save` and `descent predict` write), and
// whether a spec would load.

const refused = (field, given, allowed) => JSON.stringify({
  ok: false, error: { field, given, allowed, message: `${field} is ${given}; ${allowed}` },
});

// { model } -> the engine's answer { ok, model }.
export const modelDocument = (session) => session.model();

// { csv: text } -> the engine's answer { ok, csv } (header "predicted,p_<class>...", one row per
// input row), or a refusal naming the row and column of a bad cell.
export function predictCsv(session, request) {
  if (typeof request?.csv !== 'string') return refused('csv', typeof request?.csv, 'allowed: the text of a CSV file');
  return session.predict(request.csv);
}

// { spec } -> the engine's load answer from a session of its own: the run is not touched.
export function checkSpec(engine, request) {
  if (!request?.spec || typeof request.spec !== 'object') return refused('spec', typeof request?.spec, 'allowed: a spec object');
  const scratch = new engine.Session();
  try {
    return scratch.load(JSON.stringify(request.spec));
  } finally {
    scratch.delete();
  }
}
