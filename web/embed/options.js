// An embedded lesson's options, from an object, a query string (embed.html) or an element's
// attributes (<descent-lesson>), checked in one place. Nothing is trusted: each bad option
// becomes a problem { field, given, allowed, message } and falls back to its default.
import { SPEEDS } from '../protocol.js';
import { allowedText, parseText } from '../spec/kinds.js';
import { CONTROL_KEYS, LAYER_ROWS, layerRowOf, rowOf } from '../spec/table.js';

// The playground's controls a lesson can show, by their keys in the spec table.
export const CONTROL_NAMES = CONTROL_KEYS;
export const DEFAULT_CONTROLS = ['optimizer', 'lr', 'l2'];
export const CHARTS = ['metrics', 'boundary'];
export const METRICS = ['error', 'loss'];
export const SPEED_NAMES = Object.keys(SPEEDS);
export const DEFAULT_SPEED = 'fast';
export const SOURCES = ['lesson', 'spec', 'settings'];
export const OPTION_NAMES = [...SOURCES, 'controls', 'locked', 'charts', 'metric', 'speed', 'title', 'text'];
const LESSON_REF = /^([a-z0-9][a-z0-9-]{0,63})(?:\/(\d{1,3}))?$/;
const MAX_TEXT = 4000;
const MAX_SPEC_CHARS = 5e6;
const MAX_URL = 2000;
// A lesson file's address: http(s)://..., /..., ./..., ../..., or any path ending in .json,
// optionally ending in ?run=N (or &run=N after its own query) for the run index.
const LESSON_URL = /^(?:https?:\/\/|\.{0,2}\/)|\.json$/i;
const RUN_PARAM = /^(.+?)[?&]run=(\d{1,3})$/;
export const LESSON_FORMS = 'a lesson id, optionally with a run index ("optimization" or "optimization/2"), ' +
  'or the URL of a lesson JSON file ("https://course.example/lessons/mine.json", "/lessons/mine.json?run=2")';

// "initialization/2" -> { id: 'initialization', run: 2 }; "./mine.json?run=1" -> { url:
// './mine.json', run: 1 } (the URL as given, resolved later against the document);
// undefined when malformed.
export function parseLessonRef(text) {
  const trimmed = String(text).trim();
  const m = LESSON_REF.exec(trimmed);
  if (m) return { id: m[1], run: m[2] === undefined ? 0 : Number(m[2]) };
  if (trimmed.length > MAX_URL || /\s/.test(trimmed)) return undefined;
  const withRun = RUN_PARAM.exec(trimmed);
  const url = withRun ? withRun[1] : trimmed;
  if (!LESSON_URL.test(url)) return undefined;
  return { url, run: withRun ? Number(withRun[2]) : 0 };
}

const show = (given) => {
  const text = typeof given === 'string' ? given : JSON.stringify(given) ?? String(given);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

export function problem(field, given, allowed) {
  return { field, given: show(given), allowed, message: `${field} "${show(given)}" is not allowed; allowed: ${allowed}.` };
}

// A list from an array or a comma-separated string; [] for "".
function listOf(value) {
  if (Array.isArray(value)) return value.map((x) => String(x).trim()).filter(Boolean);
  return String(value).split(',').map((x) => x.trim()).filter(Boolean);
}

// The names of a list option that are in `allowed`, each once; the rest are problems.
function names(field, value, allowed, problems) {
  const kept = [];
  for (const name of listOf(value)) {
    if (!allowed.includes(name)) problems.push(problem(field, name, allowed.join(', ')));
    else if (!kept.includes(name)) kept.push(name);
  }
  return kept;
}

// A spec given as an object or as JSON text; undefined (and a problem) otherwise.
export function parseSpec(value, problems, field = 'spec') {
  let spec = value;
  if (typeof value === 'string') {
    if (value.length > MAX_SPEC_CHARS) {
      problems.push(problem(field, `${value.length} characters`, `an experiment spec of at most ${MAX_SPEC_CHARS} characters`));
      return undefined;
    }
    try {
      spec = JSON.parse(value);
    } catch {
      problems.push(problem(field, value, 'an experiment spec: a JSON object such as {"optimizer": {"name": "adam"}}'));
      return undefined;
    }
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    problems.push(problem(field, value, 'an experiment spec: a JSON object such as {"optimizer": {"name": "adam"}}'));
    return undefined;
  }
  return spec;
}

// raw: { lesson, spec, settings, controls, locked, charts, metric, speed, title, text }, any
// of them missing. Returns { options, problems }: options has every key, defaults filled in;
// source is { kind: 'lesson', id, run } | { kind: 'lesson', url, run } | { kind: 'spec', spec } | { kind: 'settings', text }
// | { kind: 'default' }.
export function normalizeOptions(raw = {}) {
  const problems = [];
  const given = (key) => raw[key] !== undefined && raw[key] !== null;
  const options = {
    source: { kind: 'default' }, controls: [...DEFAULT_CONTROLS], locked: [], charts: null, metric: 'error',
    speed: DEFAULT_SPEED, title: null, text: null,
  };
  const sources = SOURCES.filter(given);
  if (sources.length > 1) {
    problems.push(problem('source', sources.join(' and '), `one of lesson, spec or settings (using ${sources[0]})`));
  }
  const source = sources[0];
  if (source === 'lesson') {
    const ref = parseLessonRef(raw.lesson);
    if (ref) options.source = { kind: 'lesson', ...ref };
    else problems.push(problem('lesson', raw.lesson, LESSON_FORMS));
  } else if (source === 'spec') {
    const spec = parseSpec(raw.spec, problems);
    if (spec) options.source = { kind: 'spec', spec };
  } else if (source === 'settings') {
    options.source = { kind: 'settings', text: String(raw.settings) };  // read by spec/hash.js fromShort
  }
  if (given('controls')) options.controls = names('controls', raw.controls, CONTROL_NAMES, problems);
  if (given('locked')) options.locked = names('locked', raw.locked, CONTROL_NAMES, problems);
  for (const name of options.locked) if (!options.controls.includes(name)) options.controls.push(name);
  if (given('charts')) options.charts = names('charts', raw.charts, CHARTS, problems);
  if (given('metric')) {
    if (METRICS.includes(raw.metric)) options.metric = raw.metric;
    else problems.push(problem('metric', raw.metric, METRICS.join(', ')));
  }
  if (given('speed')) {
    if (SPEED_NAMES.includes(raw.speed)) options.speed = raw.speed;
    else problems.push(problem('speed', raw.speed, SPEED_NAMES.join(', ')));
  }
  for (const key of ['title', 'text']) {
    if (!given(key)) continue;
    if (typeof raw[key] === 'string' && raw[key].length <= MAX_TEXT) options[key] = raw[key].trim();
    else problems.push(problem(key, raw[key], `text of at most ${MAX_TEXT} characters`));
  }
  return { options, problems };
}

// The options named in a query string ("?lesson=regularization/1&controls=optimizer,lr");
// unknown keys are problems. Keys in `extra` (e.g. origins) are returned apart.
export function fromQuery(search, extra = []) {
  const raw = {};
  const rest = {};
  const problems = [];
  for (const [key, value] of new URLSearchParams(search)) {
    if (OPTION_NAMES.includes(key)) raw[key] = value;
    else if (extra.includes(key)) rest[key] = value;
    else problems.push(problem('option', key, [...OPTION_NAMES, ...extra].join(', ')));
  }
  return { raw, rest, problems };
}

// The options of a <descent-lesson> element's attributes (unknown attributes are the page's own).
export function fromAttributes(element) {
  const raw = {};
  for (const key of OPTION_NAMES) if (element.hasAttribute(key)) raw[key] = element.getAttribute(key);
  return raw;
}

// The origins an embed talks to: "https://a.example,http://127.0.0.1:8081", or "*" for any.
// Default: its own. Each must be an origin exactly (scheme://host[:port], no path).
export function parseOrigins(text, ownOrigin) {
  const problems = [];
  if (text === undefined || text === null) return { origins: [ownOrigin], problems };
  const origins = [];
  for (const item of listOf(text)) {
    let ok = item === '*';
    if (!ok) {
      try {
        const url = new URL(item);
        ok = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === item;
      } catch { ok = false; }
    }
    if (!ok) problems.push(problem('origins', item, 'origins such as https://course.example or http://127.0.0.1:8081 (scheme, host and port only), or *'));
    else if (!origins.includes(item)) origins.push(item);
  }
  if (!origins.length) origins.push(ownOrigin);
  return { origins: origins.includes('*') ? ['*'] : origins, problems };
}

// A value for a control by its key (Lesson.set, the bridge's "set"), read as the control
// reads its text: { value } or { error: { field, given, allowed, message } }.
export function checkSetting(name, value) {
  const list = layerRowOf(name);
  if (list) return checkList(list, name, value);
  const row = rowOf(name);
  if (!row) return { error: problem('name', name, [...CONTROL_KEYS, ...LAYER_ROWS.map((r) => r.key)].join(', ')) };
  const text = Array.isArray(value) ? value.join('/') : String(value);
  const parsed = parseText(row, text);
  if (parsed !== undefined) return { value: parsed };
  const allowed = allowedText(row);
  return { error: { field: name, given: text, allowed, message: `${row.label} "${text}" is not allowed: use ${allowed}.` } };
}

// A layer list ("hidden", [16, 8] or "16,8"): one allowed value per hidden layer.
function checkList(row, name, value) {
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const values = items.map((t) => parseText(row, t));
  if (items.length && items.length < 64 && values.every((v) => v !== undefined)) return { value: values };
  const given = items.join(',');
  const allowed = `a list of ${allowedText(row).replace(/^an? /, '')}s, one per hidden layer`;
  return { error: { field: name, given, allowed, message: `${row.label} "${given}" is not allowed: use ${allowed}.` } };
}
