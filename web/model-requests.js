// The worker's side of the model requests (protocol.js, ToWorker.model and ToWorker.predict):
// the run's model document and its predictions on a CSV, both the engine's JSON answers
// (model/model.h, model_csv.h: what `descent run --save` and `descent predict` write).

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
