// Hyperparameter search: the engine plans trials (random or grid, over the ranges the
// learner picked), a pool of workers trains them in parallel, and the page shows a table,
// a scatter chart per hyperparameter and which hyperparameters mattered. Coarse to fine:
// "Refine around best k" narrows the ranges (the engine's zoom) and runs another round.
// The state and the pool live in SearchModel (search-model.js), the card in SearchView
// (search-view.js). mountSearch(container, lab) returns what tests and the console read.
//   lab: { spec(): the page's experiment, apply(spec, note), workerUrl }
import { SearchModel } from './search-model.js';
import { SearchView } from './search-view.js';

export function mountSearch(container, lab) {
  const model = new SearchModel({ workerUrl: lab.workerUrl });
  const view = new SearchView(container, model, lab);
  return {
    // [{ round, trial, id, values, status, train_error, dev_error, dev_loss, epochs, ms, error }]
    results: () => model.results(),
    // [{ round, params: [{ name, min, max, scale }], method, trials, workers, seconds (the
    // round's wall time from the first trial sent to the last answer; null while it runs) }]
    rounds: () => structuredClone(model.rounds),
    // The best finished trial (a results() row with its spec), or null.
    best: () => model.bestResult(),
    // { done, running, queued, failed, cancelled } of the latest round (and missing, after an
    // import that has some).
    progress: () => ({ ...model.counts }),
    // [{ name, points, best: { x, y } | null, log }] per scatter chart.
    chartPoints: () => view.charts.points(),
    // [{ name, explained, course_priority (null: not in the course's list), course_note,
    // chance, aboveChance }] of the last ranking.
    sensitivity: () => model.rankingRows(),
    // [{ name, side: 'low' | 'high', value, min, max, text }]: the best trial's values at the
    // edge of their searched range, each with its "widen the range" hint.
    hints: () => model.edgeHints(),
    // Where the rows came from when they were imported: { name, kind: 'json' | 'csv', trials }, else null.
    imported: () => (model.imported ? { ...model.imported } : null),
    running: () => model.busy,
    lastError: () => model.lastError,
    // The pool's size (0 before the first search).
    workers: () => model.pool?.size ?? 0,
  };
}
