// "Which hyperparameters mattered", the numbers: the engine's explained values are the
// correlation ratio eta^2 of the dev error on each hyperparameter alone (over up to 5 bins of
// its values, engine/search/sensitivity.cpp). Each is measured alone, so they overlap and can
// add to more than 100%: they are not shares. With few trials even a hyperparameter that did
// nothing explains a good part by chance: about (bins - 1) / (trials - 1), with as many bins
// as the hyperparameter took distinct values, 5 at most. Pure.

export const BINS = 5;  // the engine's kMaxBins

// The course's order for tuning (week 3, "Tuning process") comes with the engine's ranking:
// 1 the learning rate first, 4 almost never; null for what its list leaves out (L2, keep_prob).
export const PRIORITY_TEXT = Object.freeze({ 1: '1 · tune first', 2: '2 · next', 3: '3 · then', 4: '4 · rarely' });
export const NOT_LISTED = 'not in the list';

// What eta^2 a hyperparameter that did nothing has on average with n trials over `values`
// distinct values of it: (k - 1) / (n - 1) for k = min(BINS, values) bins (the expected
// between-group share of noise). NaN below 2 trials.
export function chanceExplained(n, values = n) {
  if (!(n >= 2)) return NaN;
  const k = Math.max(1, Math.min(BINS, values, n));
  return (k - 1) / (n - 1);
}

// The engine's ranking as the card shows it: [{ name, explained (0..1), course_priority (1..4,
// or null: not in the course's list), course_note, chance, aboveChance }], in the engine's order.
// trials: how many the engine ranked; distinct: name -> how many values each took (a grid
// search repeats a few; random search: as many as trials).
export function explainedRows(ranking, trials, distinct = {}) {
  return ranking.map((r) => {
    const explained = Math.max(0, Math.min(1, Number(r.explained) || 0));
    const chance = chanceExplained(trials, distinct[r.name] ?? trials);
    return { name: r.name, explained, course_priority: Number.isInteger(r.course_priority) ? r.course_priority : null, course_note: r.course_note ?? '', chance,
      aboveChance: Number.isFinite(chance) ? explained > chance : true };
  });
}

// The line above the table: what the numbers are, and what chance gives with these trials
// (rows: explainedRows'; one figure when every row's chance is the same).
export function explainedText(trials, rows = []) {
  const base = `From ${trials} finished trials: how much of the spread in dev error each hyperparameter explains on its own `
    + `(η², over up to ${BINS} bins of its values). These are not shares: each is measured alone, so together they can pass 100%.`;
  const chances = [...new Set(rows.map((r) => r.chance).filter(Number.isFinite))];
  if (!chances.length) return base;
  const level = chances.length === 1 ? ` about ${Math.round(chances[0] * 100)}%` : ' as much as the tick on its bar shows';
  return `${base} With ${trials} trials, one that did not matter at all would still explain${level} by chance`
    + `${chances.length === 1 ? ' (the tick on each bar)' : ''}.`;
}
