// What a lesson's text says about its runs, checked against the runs. A lesson file lists its
// claims: { says, path, runs? }: the text contains `says`, and `says` names the value at `path`
// of each run's spec (every run by default). Every number of the text is inside a claim, or
// is one of the lesson's `constants` (a formula's 2 in ln 2, a data set's 13 features).
// Pure: used by tests/web/lessons.test.mjs and by the lesson guide to show the runs' values.
import { fillSpec } from '../spec/fill.js';
import { getAt } from '../spec/path.js';

// The value a claim's path names in a spec: a field ("optimizer.learning_rate"), every
// layer's ("layers[*].units" -> "10, 5, 1"), or the number of hidden layers.
export function claimValue(spec, path) {
  const s = fillSpec(spec);
  if (path === 'hidden_layers') return String(s.layers.length - 1);
  const star = /^layers\[\*\]\.(\w+)$/.exec(path);
  if (star) return s.layers.map((l) => l[star[1]]).join(', ');
  const v = getAt(s, path);
  return v === undefined ? undefined : String(v);
}

// A number, not the digit of a name (L2, alpha0).
const NUMBER = /(?<![A-Za-z_\d.])\d+(?:\.\d+)?/g;

// The problems of a lesson's text: [] when every claim holds and every number is claimed.
export function checkClaims(lesson) {
  const problems = [];
  const claims = lesson.claims ?? [];
  for (const c of claims) {
    if (!lesson.text.includes(c.says)) problems.push(`the text does not say "${c.says}"`);
    for (const i of c.runs ?? lesson.runs.map((_, j) => j)) {
      const run = lesson.runs[i];
      const value = run ? claimValue(run.spec, c.path) : undefined;
      if (value === undefined || !c.says.includes(value))
        problems.push(`"${c.says}" is not what run ${i + 1} (${run?.label}) uses: its ${c.path} is ${value}`);
    }
  }
  let rest = lesson.text;
  for (const c of [...claims].sort((a, b) => b.says.length - a.says.length)) rest = rest.split(c.says).join(' ');
  for (const n of rest.match(NUMBER) ?? []) {
    if (!(lesson.constants ?? []).includes(n)) problems.push(`the number ${n} in the text is not a claim checked against the runs`);
  }
  return problems;
}
