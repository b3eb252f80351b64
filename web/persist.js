// What survives a page reload: the settings (as the link's hash text) and the completed runs
// the chart compares (their epoch series, thinned). Stored in localStorage under a size bound;
// what is read back is validated, never trusted: a bad or oversized entry is ignored and the
// reason is returned for the page to show. Pure but for the storage object passed in.

export const KEYS = Object.freeze({ settings: 'descent:settings', runs: 'descent:runs', moreSettings: 'descent:more-settings' });
export const LIMITS = Object.freeze({
  runs: 10,               // the newest completed runs kept
  points: 1000,           // epochs per run, evenly thinned (a chart is a few hundred pixels wide)
  chars: 2_000_000,       // the stored runs' JSON, about 2 MB; the oldest runs go first
  settingsChars: 110_000, // the link's hash text (spec/hash.js LINK_MAX, and the view's keys)
  labelChars: 200,
});
// The series the metrics chart draws, per epoch.
export const SERIES = Object.freeze(['train_error', 'dev_error', 'test_error', 'train_loss', 'dev_loss', 'test_loss']);
const VERSION = 1;

const mb = (chars) => `${(chars / 1e6).toFixed(1)} MB`;
const isValue = (v) => v === null || Number.isFinite(v) || v === 'inf' || v === '+inf' || v === '-inf' || v === 'nan';

// A completed run as stored: { label, epochs: [{ epoch, train_error, ... }] }, at most
// `points` epochs, evenly spaced, the first and the last always among them.
export function slimRun(label, epochs, points = LIMITS.points) {
  const stride = Math.max(1, Math.ceil(epochs.length / points));
  const picked = epochs.filter((_, i) => i % stride === 0 || i === epochs.length - 1);
  return {
    label: String(label).slice(0, LIMITS.labelChars),
    epochs: picked.map((e) => Object.fromEntries([['epoch', e.epoch], ...SERIES.filter((k) => isValue(e[k])).map((k) => [k, e[k]])])),
  };
}

// The list with `run` added as the newest: a run of the same label is replaced (as on the
// chart), the oldest beyond `limit` dropped.
export function remember(runs, run, limit = LIMITS.runs) {
  return [...runs.filter((r) => r.label !== run.label), run].slice(-limit);
}

// The runs as stored text: columns per run, the oldest runs dropped until it fits `chars`.
export function encodeRuns(runs, chars = LIMITS.chars) {
  let kept = runs.slice(-LIMITS.runs);
  for (;;) {
    const text = JSON.stringify({
      version: VERSION,
      runs: kept.map((r) => ({
        label: r.label,
        epoch: r.epochs.map((e) => e.epoch),
        ...Object.fromEntries(SERIES.map((k) => [k, r.epochs.map((e) => e[k] ?? null)])),
      })),
    });
    if (text.length <= chars || kept.length === 0) return { text, dropped: runs.length - kept.length };
    kept = kept.slice(1);
  }
}

// Stored text -> { runs, problem }: problem is '' or says what was ignored and why.
export function decodeRuns(text, chars = LIMITS.chars) {
  if (text === null || text === undefined) return { runs: [], problem: '' };
  const ignored = (why) => ({ runs: [], problem: `The runs saved from your last visit were ignored: ${why}.` });
  if (typeof text !== 'string') return ignored('they are not text');
  if (text.length > chars) return ignored(`they are ${mb(text.length)}; allowed: at most ${mb(chars)}`);
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return ignored('they are not valid JSON');
  }
  if (!data || data.version !== VERSION || !Array.isArray(data.runs))
    return ignored(`they are not in this page's format (version ${VERSION})`);
  if (data.runs.length > LIMITS.runs) return ignored(`there are ${data.runs.length}; allowed: at most ${LIMITS.runs}`);
  const runs = [];
  let bad = 0;
  for (const r of data.runs) {
    const run = decodeRun(r);
    if (run) runs.push(run);
    else bad += 1;
  }
  const problem = bad ? `${bad} of the ${data.runs.length} runs saved from your last visit ${bad === 1 ? 'was' : 'were'} not valid and ${bad === 1 ? 'was' : 'were'} ignored.` : '';
  return { runs, problem };
}

// One stored run, checked: a label, whole increasing epochs, every series as long, every
// value a number, null or the engine's 'inf'/'nan'. Returns null when anything is off.
function decodeRun(r) {
  if (!r || typeof r !== 'object') return null;
  if (typeof r.label !== 'string' || !r.label.trim() || r.label.length > LIMITS.labelChars) return null;
  const n = Array.isArray(r.epoch) ? r.epoch.length : -1;
  if (n < 1 || n > LIMITS.points) return null;
  if (!r.epoch.every((x, i) => Number.isSafeInteger(x) && x >= 0 && (i === 0 || x > r.epoch[i - 1]))) return null;
  for (const k of SERIES) if (!Array.isArray(r[k]) || r[k].length !== n || !r[k].every(isValue)) return null;
  const epochs = r.epoch.map((epoch, i) => {
    const e = { epoch };
    for (const k of SERIES) if (r[k][i] !== null) e[k] = r[k][i];
    return e;
  });
  return { label: r.label, epochs };
}

// The saved settings: the link's hash text (spec/hash.js's decodeLink checks it), or ''.
export function decodeSettings(text) {
  if (text === null || text === undefined) return { hash: '', problem: '' };
  if (typeof text !== 'string' || !text.startsWith('#') || text.length > LIMITS.settingsChars)
    return { hash: '', problem: `The settings saved from your last visit were ignored: allowed: a link's settings of at most ${LIMITS.settingsChars} characters.` };
  return { hash: text, problem: '' };
}

// Reads both entries; storage may be null or throw (private modes, blocked storage).
export function readSaved(storage) {
  try {
    const settings = decodeSettings(storage?.getItem(KEYS.settings) ?? null);
    const runs = decodeRuns(storage?.getItem(KEYS.runs) ?? null);
    return { hash: settings.hash, runs: runs.runs, problems: [settings.problem, runs.problem].filter(Boolean) };
  } catch (err) {
    return { hash: '', runs: [], problems: [`Nothing could be read from your last visit: ${err.message || err}.`] };
  }
}

// Writes one entry; returns '' or what went wrong (e.g. the browser's storage is full).
export function write(storage, key, text) {
  if (!storage) return '';
  try {
    storage.setItem(key, text);
    return '';
  } catch (err) {
    return `Your settings and runs could not be saved for the next visit: ${err.message || err}.`;
  }
}

// The completed runs the chart compares, as remembered for the next visit.
export class SavedRuns {
  constructor(storage, runs = []) {
    Object.assign(this, { storage, runs });
  }

  add(label, epochs) {
    this.runs = remember(this.runs, slimRun(label, epochs));
  }

  clear() {
    this.runs = [];
  }

  // Writes the runs, and `current` ({ label, epochs }) too when it has trained; returns ''
  // or what went wrong.
  save(current) {
    const runs = current && current.epochs.length > 1 ? remember(this.runs, slimRun(current.label, current.epochs)) : this.runs;
    return write(this.storage, KEYS.runs, encodeRuns(runs).text);
  }
}
