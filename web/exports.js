// Downloads and uploads: metrics as CSV and JSON, a chart as PNG, the weights and the spec
// as JSON; reading a chosen file back as text.

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
