// A lesson's spec may hold more than the playground's controls can say (explicit weights,
// a step-drop schedule, a batch of 300). A control change is therefore applied as a patch:
// only the spec fields that the playground's toSpec changes between the state before and
// after are written into the lesson's spec; everything else stays as the author wrote it.

const isPlain = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Every [path, value] where `after` differs from `before` (arrays are compared whole).
export function differences(before, after, path = []) {
  if (isPlain(before) && isPlain(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => differences(before[k], after[k], [...path, k]));
  }
  return same(before, after) ? [] : [[path, after]];
}

// A copy of spec with each difference written in, creating objects on the way.
export function patchSpec(spec, beforeSpec, afterSpec) {
  const out = structuredClone(spec);
  for (const [path, value] of differences(beforeSpec, afterSpec)) {
    let node = out;
    for (const key of path.slice(0, -1)) {
      if (!isPlain(node[key])) node[key] = {};
      node = node[key];
    }
    if (value === undefined) delete node[path.at(-1)];
    else node[path.at(-1)] = structuredClone(value);
  }
  return out;
}
