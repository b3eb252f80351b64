// Comparing runs: when a new run replaces one that trained, the old one stays on the chart,
// named "Run 2 · L2 λ = 1": its number in the order the runs were kept, then in plain words
// its own values of the settings the new run changed (the table's labels, the menus' words:
// "Run 1 · Gradient descent" when the next run uses Adam). Pure.
import { optionName } from './option-names.js';
import { formatText } from './spec/kinds.js';
import { LAYER_ROWS, ROWS, valueOf } from './spec/table.js';
import { deepEqual, differingPaths } from './spec/path.js';

const MOST = 3;  // settings named at most; the others are counted ("and 2 more")
const NUMBERED = /^Run (\d+) · /;

// The course's symbols for the words in the table's labels.
const SYMBOLS = [[/\blambda\b/g, 'λ'], [/\bbeta(\d)\b/g, 'β$1'], [/\bepsilon\b/g, 'ε'], [/\balpha\b/g, 'α']];
// Labels that read better otherwise inside a name.
const WORDS = { bayes: 'Bayes error', scale: 'weight scale', k: 'decay k', interval: 'decay interval', jitter: 'input jitter', shift: 'image shift',
  flip: 'flipped images', min_delta: 'min improvement' };
// Values said in words: a zero that means "none", a switch on or off.
const ZERO = { l2: 'no L2', l1: 'no L1', noise: 'no noise', jitter: 'no input jitter', shift: 'no image shift',
  batch: 'full batch', bayes: 'Bayes error 0' };
const SWITCHES = { normalize: ['inputs normalised', 'raw inputs'], early: ['early stopping', 'no early stopping'],
  stratify: ['stratified split', 'unstratified split'], flip: ['flipped images', 'no flipped images'] };
// Menu choices as a phrase: (the menu's word, the value).
const CHOICES = {
  optimizer: (word) => word,
  dataset: (word) => word,
  init: (word) => `${word} initialisation`,
  schedule: (word, v) => (v === 'constant' ? 'no learning-rate decay' : `learning-rate decay ${word}`),
  output: (word) => `${word} output`,
  mismatch: (word, v) => (v === 'none' ? 'dev/test like train' : `${word.toLowerCase()} dev/test`),
};

// A label as words inside a name: "Learning rate" -> "learning rate", "L2 lambda" -> "L2 λ".
export function plainLabel(label) {
  let text = label.replace(/\s*%$/, '');
  for (const [re, symbol] of SYMBOLS) text = text.replace(re, symbol);
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

// One setting of the table with its value, in words: "learning rate 0.01", "L2 λ = 1", "Adam".
export function sayValue(row, value) {
  if (value === 0 && ZERO[row.key]) return ZERO[row.key];
  if (row.kind === 'bool') return SWITCHES[row.key]?.[value ? 0 : 1] ?? `${plainLabel(row.label)} ${value ? 'on' : 'off'}`;
  const name = WORDS[row.key] ?? plainLabel(row.label);
  if (row.kind === 'choice') {
    const word = optionName(row.key, value);
    return CHOICES[row.key]?.(word, value) ?? `${name} ${word}`;
  }
  // A symbol reads as an equation ("β1 = 0.9"), a word as a phrase ("learning rate 0.01").
  const symbol = /(^|\s)(λ|β\d|ε|α|k)$/.test(name);
  return `${name}${symbol ? ' = ' : ' '}${formatText(row, value)}`;
}

// The hidden layers' field `r` ({ key, field, kind }) over the layers, in words.
function sayLayers(r, values) {
  const same = values.every((v) => v === values[0]);
  const word = (v) => (r.kind === 'choice' ? optionName(r.key, v) : String(v));
  if (r.key === 'hidden') return values.length ? `hidden layers ${values.join(', ')}` : 'no hidden layer';
  if (!values.length) return '';
  if (r.key === 'act') return same ? `${word(values[0])} activations` : `activations ${values.map(word).join(', ')}`;
  if (r.key === 'norm') return same ? word(values[0]) : `norms ${values.map(word).join(', ')}`;
  return same && values[0] === 1 ? 'no dropout' : `keep prob ${values.join(', ')}`;
}

const distinct = (values) => [...new Set(values)].sort();

// What spec `old` had that `next` changed, in plain words: "Adam", "learning rate 0.01, L2 λ = 1",
// "hidden layers 8, 8". The number of epochs counts only when nothing else differs.
export function describeDifference(old, next) {
  const parts = [];
  for (const row of ROWS) {
    if (row.key === 'epochs') continue;
    const a = valueOf(row, old);
    if (!deepEqual(a, valueOf(row, next))) parts.push(sayValue(row, a));
  }
  const hidden = (s) => s.layers.slice(0, -1);
  const resized = hidden(old).length !== hidden(next).length;
  for (const r of LAYER_ROWS) {
    const a = hidden(old).map((l) => l[r.field]);
    const b = hidden(next).map((l) => l[r.field]);
    // With another number of layers, a field counts when its values differ, not its list.
    const differs = resized && r.key !== 'hidden' ? !deepEqual(distinct(a), distinct(b)) : !deepEqual(a, b);
    if (differs && sayLayers(r, a)) parts.push(sayLayers(r, a));
  }
  if (!parts.length && old.epochs !== next.epochs) parts.push(`${old.epochs} epochs`);
  if (!parts.length) {
    const paths = differingPaths(old, next);
    parts.push(paths.length ? `other settings (${paths.slice(0, 2).join(', ')})` : 'same settings');
  }
  const more = parts.length - MOST;
  return parts.slice(0, MOST).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

// The name of a run kept beside the runs named `labels`: "Run n · what", numbered after the
// highest number among them (and after their count, for runs named otherwise).
export function runName(labels, what) {
  const n = Math.max(labels.length, ...labels.map((l) => Number(NUMBERED.exec(l)?.[1] ?? 0))) + 1;
  return `Run ${n} · ${what}`;
}
