// Spec paths as the engine names fields in its errors: "optimizer.learning_rate",
// "layers[2].units". Reading, writing (on a copy) and comparing plain JSON documents. Pure.

// "layers[2].units" -> ['layers', 2, 'units']
export function parsePath(path) {
  const keys = [];
  for (const part of String(path).split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return null;
    if (m[1]) keys.push(m[1]);
    for (const [, i] of m[2].matchAll(/\[(\d+)\]/g)) keys.push(Number(i));
  }
  return keys;
}

export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

export function getAt(doc, path) {
  let node = doc;
  for (const key of parsePath(path) ?? []) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[key];
  }
  return node;
}

// A copy of doc with value written at path (objects made on the way); undefined deletes.
export function setAt(doc, path, value) {
  const keys = parsePath(path);
  const write = (node, i) => {
    const key = keys[i];
    const copy = Array.isArray(node) ? [...node] : isObject(node) ? { ...node } : typeof key === 'number' ? [] : {};
    if (i === keys.length - 1) {
      if (value === undefined) {
        if (Array.isArray(copy)) copy.splice(key, 1);
        else delete copy[key];
      } else copy[key] = value;
    } else copy[key] = write(copy[key], i + 1);
    return copy;
  };
  return keys?.length ? write(doc, 0) : doc;
}

export function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b) || !a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
}

// The leaf paths of doc where it differs from other (arrays of objects element by element,
// arrays of numbers whole), for tests and for naming what changed.
export function differingPaths(doc, other, prefix = '') {
  if (isObject(doc) && isObject(other)) {
    const keys = new Set([...Object.keys(doc), ...Object.keys(other)]);
    return [...keys].flatMap((k) => differingPaths(doc[k], other[k], prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(doc) && Array.isArray(other) && doc.length === other.length && doc.some(isObject))
    return doc.flatMap((x, i) => differingPaths(x, other[i], `${prefix}[${i}]`));
  return deepEqual(doc, other) ? [] : [prefix];
}
