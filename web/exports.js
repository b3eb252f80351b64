// Downloads and uploads: metrics as CSV and JSON, a chart as PNG, the weights, the spec and
// the model as JSON; reading a chosen file back as text, and a model file's document.

const METRIC_COLUMNS = ['epoch', 'step', 'train_loss', 'train_error', 'dev_loss', 'dev_error', 'test_loss', 'test_error',
  'learning_rate', 'grad_norm'];

export function download(filename, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function metricsCsv(epochs) {
  const cell = (v) => (v === null || v === undefined ? '' : String(v));
  return [METRIC_COLUMNS.join(','), ...epochs.map((e) => METRIC_COLUMNS.map((c) => cell(e[c])).join(','))].join('\n') + '\n';
}

export function downloadCanvas(filename, canvas) {
  const a = document.createElement('a');
  a.href = canvas.toDataURL('image/png');
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}

// Reads the file chosen in an <input type=file> as text, refusing files over maxBytes.
export function readFile(file, maxBytes) {
  if (file.size > maxBytes)
    return Promise.reject(new Error(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB; allowed: at most ${maxBytes / 1e6} MB`));
  return file.text();
}

// The document of a model file (format "descent-model", as Model JSON or `descent run --save`
// write it), checked enough to load its spec and weights; anything else throws, saying why.
export function parseModelFile(text, name) {
  const allowed = 'allowed: a model file saved by Model JSON or descent run --save (format "descent-model")';
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON; ${allowed}`);
  }
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(doc) || doc.format !== 'descent-model')
    throw new Error(`${name} is not a model: its format is ${JSON.stringify(isObject(doc) ? doc.format ?? null : doc).slice(0, 60)}; ${allowed}`);
  if (!isObject(doc.spec)) throw new Error(`${name} has no experiment spec (spec); ${allowed}`);
  if (!isObject(doc.weights)) throw new Error(`${name} has no weights; ${allowed}`);
  return doc;
}
