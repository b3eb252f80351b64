// The shape the page needs before it can show a spec: the objects are objects, and layers a
// non-empty array of objects. A spec without it is refused at the door, with the field, the
// value and what is allowed (as the engine says it), and the page keeps the spec it had.
import { isObject } from './path.js';

const OBJECTS = ['data', 'split', 'init', 'regularization', 'optimizer', 'schedule', 'augment', 'early_stopping'];
const show = (v) => { const t = JSON.stringify(v) ?? String(v); return t.length > 60 ? `${t.slice(0, 57)}...` : t; };
const refuse = (field, given, allowed) => ({ field, given: show(given), allowed, message: `${field} is ${show(given)}; allowed: ${allowed}` });

// null when the page can show spec (a filled spec), else the error.
export function shapeError(spec) {
  if (!isObject(spec)) return refuse('spec', spec, 'a JSON object');
  // Separate sets (data: {train, ...}) have no split: the sets are taken as given.
  const separate = isObject(spec.data) && 'train' in spec.data;
  for (const key of OBJECTS) {
    if (key === 'split' && separate && spec.split === undefined) continue;
    if (!isObject(spec[key])) return refuse(key, spec[key], 'an object');
  }
  const { layers } = spec;
  if (!Array.isArray(layers) || layers.length === 0) return refuse('layers', layers, 'an array of 1 to 64 layers, the last being the output layer');
  const bad = layers.findIndex((l) => !isObject(l));
  return bad < 0 ? null : refuse(`layers[${bad}]`, layers[bad], 'an object such as {"units": 8, "activation": "relu"}');
}
