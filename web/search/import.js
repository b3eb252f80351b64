// Collected search results read back into the card (issue 21): results.json as
// `descent search collect` writes it, or results.csv (collect's, or the card's own Export
// CSV). Either becomes { rows, params, rounds, source }: the card's rows (results.js makeRow's
// shape), the ranges the ranking uses (results.json's "params"; for a CSV each column's
// smallest and largest value, on the scale params.js gives the name), the rounds, and where
// they came from. Anything else gives { error }: a message naming the file, the place (line or
// path) and what is allowed. Pure: no DOM, no engine.
import { csvRecords } from './csv.js';
import { PARAMS, checkRange, paramOf, readNumber } from './params.js';

export const MAX_RESULTS_BYTES = 20e6;
const STATUSES = ['done', 'failed', 'missing', 'cancelled'];
const METRICS = ['train_error', 'dev_error', 'dev_loss'];
const TAIL = ['train_error', 'dev_error', 'dev_loss', 'epochs', 'seconds', 'status', 'error'];
const KNOWN = PARAMS.map((p) => p.name).join(', ');
const ALLOWED_FILE = 'allowed: the results.json or results.csv that descent search collect writes, or the card’s Export CSV';

class ImportError extends Error {}
const fail = (message) => { throw new ImportError(message); };
const attempt = (read) => {
  try {
    return read();
  } catch (err) {
    if (err instanceof ImportError) return { error: err.message };
    throw err;
  }
};
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const show = (v) => (v === undefined ? 'missing' : (JSON.stringify(v) ?? String(v)).slice(0, 60));
const whole = (v, lo) => Number.isInteger(v) && v >= lo;

// A results file by its name (.json or .csv), else by its first character.
export function parseResults(text, name = 'the file') {
  if (!String(text).trim()) return { error: `${name} is empty; ${ALLOWED_FILE}.` };
  const json = /\.json$/i.test(name) || (!/\.csv$/i.test(name) && String(text).trimStart().startsWith('{'));
  return json ? parseResultsJson(text, name) : parseResultsCsv(text, name);
}

// [{ name, min, max, scale }] at where: known names, each once, a range the card accepts.
function readParams(list, where) {
  if (!Array.isArray(list) || !list.length) fail(`${where} is ${show(list)}; allowed: an array of the searched hyperparameters [{name, min, max, scale}].`);
  const seen = new Set();
  return list.map((p, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(p) || !paramOf(p.name)) fail(`${at}.name is ${show(p?.name)}; allowed: one of ${KNOWN}.`);
    if (seen.has(p.name)) fail(`${at}: ${p.name} appears twice; allowed: each hyperparameter once.`);
    seen.add(p.name);
    const param = paramOf(p.name);
    if (typeof p.min !== 'number' || typeof p.max !== 'number') fail(`${at}: min is ${show(p.min)} and max ${show(p.max)}; allowed: numbers.`);
    const range = checkRange(param, String(p.min), String(p.max));
    if (range.error) fail(`${at}: ${range.error}`);
    if (p.scale !== undefined && typeof p.scale !== 'string') fail(`${at}.scale is ${show(p.scale)}; allowed: a scale's name, e.g. "${param.scale}".`);
    return { name: p.name, min: p.min, max: p.max, scale: p.scale ?? param.scale };
  });
}

// The rounds as the model keeps them, round r at index r - 1: each with its own ranges when
// the file gives them (results.json's "rounds"), else the ranking's.
function roundsOf(rows, params, declared, method) {
  const last = Math.max(...rows.map((r) => r.round));
  return Array.from({ length: last }, (_, i) => {
    const round = i + 1;
    const given = Array.isArray(declared) ? declared.find((r) => isObject(r) && r.round === round) : null;
    return { round, params: given?.params ? readParams(given.params, `rounds[${declared.indexOf(given)}].params`) : params,
      method, trials: rows.filter((r) => r.round === round).length, workers: null, seconds: null };
  });
}

function checkUnique(rows, where) {
  const seen = new Set();
  for (const r of rows) {
    const key = `${r.round}:${r.number}`;
    if (seen.has(key)) fail(`${where}: trial ${r.number} of round ${r.round} appears twice; allowed: each trial once.`);
    seen.add(key);
  }
}

// A trial's values of params: numbers (a finished trial needs every one).
function readValues(get, params, status, at) {
  const values = {};
  for (const { name } of params) {
    const v = get(name);
    if (v === undefined) {
      if (status === 'done') fail(`${at}: ${name} is missing; allowed: a number (a finished trial has every searched value).`);
      continue;
    }
    if (!Number.isFinite(v)) fail(`${at}: ${name} is ${show(v)}; allowed: a number.`);
    values[name] = v;
  }
  return values;
}

// ---- results.json ----

// A metric of results.json: a number, "inf", "-inf", "nan" or null (none: NaN, as the card keeps it).
function jsonMetric(v, at, key) {
  if (typeof v === 'number') return v;
  if (v === null || v === undefined || v === 'nan') return NaN;
  if (v === 'inf' || v === '+inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return fail(`${at}: ${key} is ${show(v)}; allowed: a number, "inf", "-inf", "nan" or null.`);
}

function jsonRow(t, at, params) {
  if (!isObject(t)) fail(`${at} is ${show(t)}; allowed: an object {round, trial, values, status, ...}.`);
  if (!whole(t.round, 1)) fail(`${at}: round is ${show(t.round)}; allowed: a whole number from 1.`);
  if (!whole(t.trial, 1)) fail(`${at}: trial is ${show(t.trial)}; allowed: a whole number from 1.`);
  if (!STATUSES.includes(t.status)) fail(`${at}: status is ${show(t.status)}; allowed: ${STATUSES.map((s) => `"${s}"`).join(', ')}.`);
  if (!isObject(t.values)) fail(`${at}: values is ${show(t.values)}; allowed: an object of the trial's hyperparameter values.`);
  const values = readValues((name) => t.values[name] ?? undefined, params, t.status, `${at}.values`);
  const metrics = Object.fromEntries(METRICS.map((key) => [key, jsonMetric(t[key], at, key)]));
  if (t.epochs != null && !whole(t.epochs, 0)) fail(`${at}: epochs is ${show(t.epochs)}; allowed: a whole number from 0, or null.`);
  if (t.seconds != null && !(typeof t.seconds === 'number' && t.seconds >= 0)) fail(`${at}: seconds is ${show(t.seconds)}; allowed: a number from 0, or null.`);
  if (t.error != null && typeof t.error !== 'string') fail(`${at}: error is ${show(t.error)}; allowed: a message or null.`);
  if (t.spec != null && !isObject(t.spec)) fail(`${at}: spec is ${show(t.spec)}; allowed: the trial's experiment spec (an object) or null.`);
  return { round: t.round, number: t.trial, id: whole(t.id, 0) ? t.id : t.trial, values, spec: t.spec ?? null, status: t.status,
    error: t.error ?? null, ms: (t.seconds ?? 0) * 1000, ...metrics, epochs: t.epochs ?? 0 };
}

export function parseResultsJson(text, name = 'results.json') {
  return attempt(() => {
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      fail(`${name} is not JSON (${err.message}); ${ALLOWED_FILE}.`);
    }
    if (!isObject(doc) || doc.format !== 'descent-search-results') {
      const format = isObject(doc) && 'format' in doc ? `its "format" is ${show(doc.format)}` : 'no "format": "descent-search-results"';
      const plan = doc?.format === 'descent-search-plan' ? ' This is a plan: run it with descent search, then import the results.json it collects.' : '';
      fail(`${name}: not a Descent search results file (${format}); ${ALLOWED_FILE}.${plan}`);
    }
    const params = readParams(doc.params, `${name} params`);
    if (!Array.isArray(doc.trials) || !doc.trials.length) fail(`${name}: trials is ${show(doc.trials)}; allowed: an array of the trials, at least one.`);
    const rows = doc.trials.map((t, i) => jsonRow(t, `${name} trials[${i}]`, params));
    checkUnique(rows, name);
    const method = typeof doc.plan?.method === 'string' ? doc.plan.method : null;
    const rounds = attempt(() => roundsOf(rows, params, doc.rounds, method));
    if (rounds.error) fail(`${name} ${rounds.error}`);
    return { rows, params, rounds, source: { name, kind: 'json' } };
  });
}

// ---- results.csv ----

// A metric cell: a number, inf, -inf, nan or empty (none).
function csvMetric(text, at, key) {
  const t = text.toLowerCase();
  if (t === '' || t === 'nan') return NaN;
  if (t === 'inf' || t === '+inf') return Infinity;
  if (t === '-inf') return -Infinity;
  const v = readNumber(text);
  return v === undefined ? fail(`${at}: ${key} is "${text}"; allowed: a number, inf, nan or empty.`) : v;
}

function csvCount(text, at, key, lo) {
  const v = readNumber(text);
  if (!whole(v, lo)) fail(`${at}: ${key} is "${text}"; allowed: a whole number from ${lo}.`);
  return v;
}

function csvRow({ cells, line }, columns, params, name) {
  const at = `${name} line ${line}`;
  if (cells.length !== columns.length) fail(`${at}: ${cells.length} cells; allowed: ${columns.length}, one per column of the header.`);
  const cell = Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
  const status = cell.status;
  if (!STATUSES.includes(status)) fail(`${at}: status is "${status}"; allowed: ${STATUSES.join(', ')}.`);
  const values = readValues((n) => {
    if (cell[n] === '') return undefined;
    return readNumber(cell[n]) ?? fail(`${at}: ${n} is "${cell[n]}"; allowed: a number${status === 'done' ? '' : ' or empty'}.`);
  }, params, status, at);
  const metrics = Object.fromEntries(METRICS.map((key) => [key, csvMetric(cell[key], at, key)]));
  const seconds = cell.seconds === '' ? 0 : readNumber(cell.seconds);
  if (!(seconds >= 0)) fail(`${at}: seconds is "${cell.seconds}"; allowed: a number from 0, or empty.`);
  const number = csvCount(cell.trial, at, 'trial', 1);
  return { round: csvCount(cell.round, at, 'round', 1), number, id: number, values, spec: null, status, error: cell.error || null,
    ms: seconds * 1000, ...metrics, epochs: cell.epochs === '' ? 0 : csvCount(cell.epochs, at, 'epochs', 0) };
}

// A CSV column's range: its smallest and largest value, checked as the form checks a range.
function rangeOf(name, rows, where) {
  const values = rows.map((r) => r.values[name]).filter(Number.isFinite);
  if (!values.length) fail(`${where}: column "${name}" has no values; allowed: the value of every trial that finished.`);
  const param = paramOf(name);
  const min = Math.min(...values), max = Math.max(...values);
  const range = checkRange(param, String(min), String(max));
  if (range.error) fail(`${where}: column "${name}" (values ${min} to ${max}): ${range.error}`);
  return { name, min, max, scale: param.scale };
}

export function parseResultsCsv(text, name = 'results.csv') {
  return attempt(() => {
    const parsed = csvRecords(String(text));
    if (parsed.error) {
      fail(`${name} line ${parsed.line}: ${parsed.error}; allowed: RFC 4180 quoting (a quoted cell ends with a quote; "" inside it is a quote).`);
    }
    const [head, ...body] = parsed.records;
    if (!head) fail(`${name} is empty; ${ALLOWED_FILE}.`);
    const columns = head.cells;
    const tailAt = columns.indexOf('train_error');
    const expected = `round,trial,<hyperparameters>,${TAIL.join(',')}`;
    if (columns[0] !== 'round' || columns[1] !== 'trial' || tailAt < 0 || columns.slice(tailAt).join() !== TAIL.join()) {
      fail(`${name} line ${head.line}: the header is "${columns.join(',').slice(0, 120)}"; allowed: ${expected} `
        + '(the columns descent search collect and the card’s Export CSV write).');
    }
    const names = columns.slice(2, tailAt);
    if (!names.length) fail(`${name} line ${head.line}: no hyperparameter columns between "trial" and "train_error"; allowed: one or more of ${KNOWN}.`);
    for (const n of names) {
      if (!paramOf(n)) {
        fail(`${name} line ${head.line}: column "${n}" is not a hyperparameter the card knows; allowed between "trial" and "train_error": ${KNOWN}.`);
      }
      if (names.indexOf(n) !== names.lastIndexOf(n)) fail(`${name} line ${head.line}: column "${n}" appears twice; allowed: each hyperparameter once.`);
    }
    if (!body.length) fail(`${name} has a header but no trials; allowed: a line per trial after the header.`);
    const asParams = names.map((n) => ({ name: n }));
    const rows = body.map((record) => csvRow(record, columns, asParams, name));
    checkUnique(rows, name);
    const params = names.map((n) => rangeOf(n, rows, name));
    return { rows, params, rounds: roundsOf(rows, params, null, null), source: { name, kind: 'csv' } };
  });
}
