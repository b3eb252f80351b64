// Collected search results read back into the card (web/search/import.js, csv.js), and the
// model's side of an import and of Export for a cluster (search-model.js): real-looking
// results.json and results.csv as `descent search collect` writes them (issue 21's formats),
// the same trials in both, and bad files, each refused with a message that says what was wrong
// and what is allowed. No DOM, no engine: a fake pool answers the model's requests.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { csvRecords } from '../../web/search/csv.js';
import { parseResults, parseResultsCsv, parseResultsJson } from '../../web/search/import.js';
import { exportedText, planFile } from '../../web/search/cluster.js';
import { SearchModel, countRows, searchBase } from '../../web/search/search-model.js';
import { progressText, sortRows, toCsv } from '../../web/search/results.js';

const BASE = { seed: 1, data: { source: 'circles', samples: 200, noise: 0.1 }, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
  optimizer: { name: 'adam', learning_rate: 0.01 }, batch_size: 32, epochs: 20, early_stopping: { enabled: false } };
const PARAMS = [{ name: 'learning_rate', min: 0.0001, max: 0.1, scale: 'log' }, { name: 'l2', min: 0.00001, max: 0.1, scale: 'log' }];
const TRIALS = [
  // round, trial, lr, l2, train_error, dev_error, dev_loss, epochs, seconds, status, error
  [1, 1, 0.00031, 0.0021, 0.42, 0.455, 0.6871, 20, 0.41, 'done', null],
  [1, 2, 0.0412, 0.000034, 0.01, 0.02, 0.0712, 20, 0.39, 'done', null],
  [1, 3, 0.0068, 0.047, 0.05, 0.065, 0.2213, 20, 0.4, 'done', null],
  [1, 4, 0.091, 0.00017, 'inf', 'nan', 'inf', 20, 0.38, 'failed', 'the loss diverged at epoch 12 (inf)'],
  [1, 5, 0.0012, 0.0089, null, null, null, null, null, 'missing', 'no result: trial-5/result.json was not written'],
  [1, 6, 0.019, 0.00062, 0.015, 0.03, 0.0904, 20, 0.42, 'done', null],
];
const specOf = (lr, l2) => ({ ...structuredClone(BASE), optimizer: { name: 'adam', learning_rate: lr }, regularization: { l2 } });

// results.json as collect writes it.
const JSON_TEXT = JSON.stringify({
  format: 'descent-search-results',
  plan: { format: 'descent-search-plan', base: BASE, method: 'random', trials: 6, grid_points: 3, seed: 1, params: PARAMS, rounds: 1, refine_best: 3 },
  params: PARAMS,
  rounds: [{ round: 1, params: PARAMS, trials: 6 }],
  trials: TRIALS.map(([round, trial, lr, l2, train_error, dev_error, dev_loss, epochs, seconds, status, error]) => ({
    round, trial, id: trial, values: { learning_rate: lr, l2 }, status, train_error, dev_error, dev_loss, epochs, seconds, error, spec: specOf(lr, l2) })),
  ranking: [2, 6, 3, 1], best: 2,
  sensitivity: { ranking: [{ name: 'learning_rate', explained: 0.93, course_priority: 1, course_note: '...' }, { name: 'l2', explained: 0.31, course_priority: null, course_note: '...' }], trials_used: 4 },
  missing: [5], failed: [4],
}, null, 2);

// results.csv, the same trials (quoted error with a comma, CRLF line ends as some tools write).
const CSV_TEXT = `${['round,trial,learning_rate,l2,train_error,dev_error,dev_loss,epochs,seconds,status,error',
  ...TRIALS.map((t) => t.map((v, i) => (v === null ? '' : i === 10 ? `"${v}, see its log"` : String(v))).join(','))].join('\r\n')}\r\n`;

test('csvRecords (Papa Parse): quotes, doubled quotes, line ends inside quotes, blank lines, a BOM, CRLF', () => {
  const expected = { records: [{ cells: ['a', 'b'], line: 1 }, { cells: ['1', 'x,"y"\nz'], line: 2 }, { cells: ['3', '4'], line: 6 }] };
  assert.deepEqual(csvRecords('\uFEFFa,b\n1,"x,""y""\nz"\n\n  \n 3 ,\t4\n'), expected);
  assert.deepEqual(csvRecords('a,b\r\n1,"x,""y""\nz"\r\n\r\n  \r\n 3 ,\t4\r\n'), expected);
  assert.deepEqual(csvRecords('a\n""\n').records.map((r) => r.cells), [['a'], ['']], 'a quoted empty cell is a record');
  assert.deepEqual(csvRecords('a,b\n1,"oops\n2,3\n'), { error: 'a quote opened on line 2 never closes', line: 2 });
  assert.deepEqual(csvRecords(''), { records: [] });
});

test('results.json and results.csv of the same trials give the same rows, ranges and rounds', () => {
  const json = parseResults(JSON_TEXT, 'results.json');
  const csv = parseResults(CSV_TEXT, 'results.csv');
  assert.equal(json.error, undefined);
  assert.equal(csv.error, undefined);
  assert.deepEqual(json.source, { name: 'results.json', kind: 'json' });
  assert.deepEqual(csv.source, { name: 'results.csv', kind: 'csv' });
  assert.equal(json.rows.length, 6);
  const [first, , , failed, missing] = json.rows;
  assert.deepEqual(first, { round: 1, number: 1, id: 1, values: { learning_rate: 0.00031, l2: 0.0021 }, spec: specOf(0.00031, 0.0021),
    status: 'done', error: null, ms: 410, train_error: 0.42, dev_error: 0.455, dev_loss: 0.6871, epochs: 20 });
  assert.deepEqual([failed.status, failed.train_error, failed.dev_loss, Number.isNaN(failed.dev_error)], ['failed', Infinity, Infinity, true]);
  assert.deepEqual([missing.status, missing.epochs, missing.ms, missing.error], ['missing', 0, 0, 'no result: trial-5/result.json was not written']);
  assert.ok([missing.train_error, missing.dev_error, missing.dev_loss].every(Number.isNaN));
  // The CSV has no specs, its error cells their own text; otherwise the same rows.
  const strip = (rows) => rows.map(({ spec, error, ...rest }) => rest);
  assert.deepEqual(strip(csv.rows), strip(json.rows));
  assert.ok(csv.rows.every((r) => r.spec === null));
  assert.equal(csv.rows[3].error, 'the loss diverged at epoch 12 (inf), see its log');
  // The ranges: the file's for JSON; each column's smallest and largest value for CSV.
  assert.deepEqual(json.params, PARAMS);
  assert.deepEqual(csv.params, [{ name: 'learning_rate', min: 0.00031, max: 0.091, scale: 'log' }, { name: 'l2', min: 0.000034, max: 0.047, scale: 'log' }]);
  assert.deepEqual(json.rounds, [{ round: 1, params: PARAMS, method: 'random', trials: 6, workers: null, seconds: null }]);
  assert.deepEqual(csv.rounds, [{ round: 1, params: csv.params, method: null, trials: 6, workers: null, seconds: null }]);
  // The card's own Export CSV reads back to the same rows.
  const again = parseResultsCsv(toCsv(csv.rows, ['learning_rate', 'l2']), 'descent-search.csv');
  assert.deepEqual(strip(again.rows), strip(csv.rows));
});

test('bad files are refused, each saying what was wrong and what is allowed', () => {
  const header = 'round,trial,learning_rate,l2,train_error,dev_error,dev_loss,epochs,seconds,status,error';
  const line = (cells) => `${header}\n1,1,0.01,0.001,0.1,0.2,0.3,20,0.5,done,\n${cells}\n`;
  const cases = [
    [parseResults('', 'results.csv'), /^results\.csv is empty; allowed: the results\.json or results\.csv that descent search collect writes/],
    [parseResults('  \n', 'results.json'), /^results\.json is empty/],
    [parseResults('{"trials": []', 'results.json'), /^results\.json is not JSON \(.+\); allowed:/],
    [parseResults('{"trials": []}', 'results.json'), /^results\.json: not a Descent search results file \(no "format": "descent-search-results"\); allowed:/],
    [parseResults('{"format": "descent-search-plan", "base": {}}', 'descent-plan.json'),
      /^descent-plan\.json: not a Descent search results file \(its "format" is "descent-search-plan"\); .* This is a plan: run it with descent search/],
    [parseResultsJson(JSON_TEXT.replaceAll('"name": "l2"', '"name": "momentum"'), 'results.json'),
      /^results\.json params\[1\]\.name is "momentum"; allowed: one of learning_rate, l2, beta1,/],
    [parseResultsJson(JSON_TEXT.replace('"dev_error": 0.02,', '"dev_error": "low",'), 'results.json'),
      /^results\.json trials\[1\]: dev_error is "low"; allowed: a number, "inf", "-inf", "nan" or null\.$/],
    [parseResultsJson(JSON_TEXT.replace('"status": "missing"', '"status": "queued"'), 'results.json'),
      /^results\.json trials\[4\]: status is "queued"; allowed: "done", "failed", "missing", "cancelled"\.$/],
    [parseResultsJson(JSON_TEXT.replace('"trials": [', '"trials": [], "x": ['), 'results.json'), /^results\.json: trials is \[\]; allowed: an array of the trials, at least one\.$/],
    [parseResults(line('1,2,0.02,0.001,0.1,abc,0.3,20,0.5,done,'), 'results.csv'),
      /^results\.csv line 3: dev_error is "abc"; allowed: a number, inf, nan or empty\.$/],
    [parseResults(line('1,2,0.02,0.001,0.1'), 'results.csv'), /^results\.csv line 3: 5 cells; allowed: 11, one per column of the header\.$/],
    [parseResults(line('1,2,,0.001,0.1,0.2,0.3,20,0.5,done,'), 'results.csv'),
      /^results\.csv line 3: learning_rate is missing; allowed: a number \(a finished trial has every searched value\)\.$/],
    [parseResults(line('1,2,0.02,0.001,0.1,0.2,0.3,20,0.5,running,'), 'results.csv'),
      /^results\.csv line 3: status is "running"; allowed: done, failed, missing, cancelled\.$/],
    [parseResults(line('1,1,0.02,0.001,0.1,0.2,0.3,20,0.5,done,'), 'results.csv'), /^results\.csv: trial 1 of round 1 appears twice; allowed: each trial once\.$/],
    [parseResults(line('1,2,0.02,0.001,0.1,0.2,0.3,2.5,0.5,done,'), 'results.csv'), /^results\.csv line 3: epochs is "2\.5"; allowed: a whole number from 0\.$/],
    [parseResults(line('1,2,0,0.001,0.1,0.2,0.3,20,0.5,done,'), 'results.csv'),
      /^results\.csv: column "learning_rate" \(values 0 to 0\.01\): Learning rate α is searched on a log scale, so its min must be > 0/],
    [parseResults(line('1,2,0.02,0.001,0.1,0.2,0.3,20,0.5,done,"never closed'), 'results.csv'),
      /^results\.csv line 3: a quote opened on line 3 never closes; allowed: RFC 4180 quoting/],
    [parseResults('round,trial,momentum,train_error,dev_error,dev_loss,epochs,seconds,status,error\n1,1,0.9,0,0,0,1,1,done,\n', 'results.csv'),
      /^results\.csv line 1: column "momentum" is not a hyperparameter the card knows; allowed between "trial" and "train_error": learning_rate, l2,/],
    [parseResults('epoch,train_loss,dev_loss\n1,0.5,0.6\n', 'metrics.csv'),
      /^metrics\.csv line 1: the header is "epoch,train_loss,dev_loss"; allowed: round,trial,<hyperparameters>,train_error,dev_error,dev_loss,epochs,seconds,status,error/],
    [parseResults('round,trial,train_error,dev_error,dev_loss,epochs,seconds,status,error\n', 'results.csv'),
      /^results\.csv line 1: no hyperparameter columns between "trial" and "train_error"; allowed: one or more of learning_rate/],
    [parseResults(`${header}\n`, 'results.csv'), /^results\.csv has a header but no trials; allowed: a line per trial after the header\.$/],
  ];
  for (const [answer, message] of cases) {
    assert.equal(answer.rows, undefined, String(message));
    assert.match(answer.error, message);
  }
});

test('countRows and the progress line count missing trials only when there are some', () => {
  assert.deepEqual(countRows([{ status: 'done' }, { status: 'failed' }]), { done: 1, running: 0, queued: 0, failed: 1, cancelled: 0 });
  assert.deepEqual(countRows([{ status: 'done' }, { status: 'missing' }]), { done: 1, running: 0, queued: 0, failed: 0, cancelled: 0, missing: 1 });
  assert.equal(progressText({ done: 1, running: 0, queued: 0, failed: 0, missing: 2 }, null, []), 'Trials: 1 done, 0 running, 0 queued, 0 failed, 2 missing.');
  // Sorted by status, missing trials go after cancelled ones.
  const rows = ['missing', 'done', 'cancelled', 'failed'].map((status, i) => ({ status, number: i + 1 }));
  assert.deepEqual(sortRows(rows, 'status').map((r) => r.status), ['done', 'failed', 'cancelled', 'missing']);
});

test('planFile: the first round\'s plan request a search would send, with the cluster\'s settings', () => {
  const config = { params: PARAMS, method: 'random', trials: 12, gridPoints: 3, epochs: 30, early: true, workers: 2 };
  const plan = planFile(config, BASE, 4);
  assert.deepEqual(plan, { format: 'descent-search-plan', base: searchBase(BASE, config), method: 'random', trials: 12, grid_points: 3, seed: 1,
    params: PARAMS, rounds: 1, refine_best: 4 });
  assert.equal(plan.base.epochs, 30);
  assert.equal(plan.base.early_stopping.enabled, true);
  assert.equal(BASE.epochs, 20, 'the playground’s spec is not touched');
  assert.match(exportedText(plan), /^Saved descent-plan\.json \(12 trials\)\. On a machine with Descent: descent search descent-plan\.json /);
});

// A fake pool: answer(request) for every request, each kept.
function modelWith(answer) {
  const requests = [];
  const pool = { size: 1, cancels: 0, runs: [], request: (r) => { requests.push(r); return Promise.resolve(answer(r)); },
    run(trials) { return new Promise((resolve) => this.runs.push({ trials, resolve })); }, cancel() { this.cancels += 1; }, dispose() {} };
  const model = new SearchModel({ workerUrl: 'worker.js', makePool: () => pool });
  return { model, requests, pool };
}
const ranking = { ok: true, ranking: [{ name: 'learning_rate', explained: 0.9, course_priority: 1, course_note: 'first' }, { name: 'l2', explained: 0.2, course_priority: null, course_note: '' }], trials_used: 4 };

test('an import replaces the rows, says its counts and best, and asks the engine for the ranking: the same request from JSON and CSV', async () => {
  const asked = [];
  for (const [text, name] of [[JSON_TEXT, 'results.json'], [CSV_TEXT, 'results.csv']]) {
    const { model, requests } = modelWith(() => ranking);
    model.rows = [{ round: 1, number: 1, status: 'done', values: {} }];  // an earlier search's row
    assert.equal(await model.importResults(parseResults(text, name)), true);
    assert.equal(model.rows.length, 6);
    assert.deepEqual(model.imported, { name, kind: name.endsWith('json') ? 'json' : 'csv', trials: 6 });
    assert.deepEqual(model.counts, { done: 4, running: 0, queued: 0, failed: 1, cancelled: 0, missing: 1 });
    assert.equal(model.status, `Imported 6 trials from ${name}: 4 done, 1 failed, 1 missing. Best: dev error 2.0% (trial 2) with Learning rate α 0.0412, L2 λ 3.4e-5.`);
    assert.equal(model.error, '');
    assert.equal(model.best().number, 2);
    assert.deepEqual(model.rankingRows().map((r) => r.name), ['learning_rate', 'l2']);
    assert.equal(model.config, null, 'nothing to refine: no search settings');
    const [sensitivity] = requests;
    assert.equal(sensitivity.kind, 'sensitivity');
    asked.push(sensitivity.results);
  }
  assert.deepEqual(asked[0], asked[1]);
  // A CSV's ranges are its own values' extremes: no "widen the range" hint from them.
  const { model } = modelWith(() => ranking);
  await model.importResults(parseResults(CSV_TEXT, 'results.csv'));
  assert.deepEqual(model.edgeHints(), []);
  assert.deepEqual(asked[0].map((r) => r.dev_error), [0.455, 0.02, 0.065, 0.03]);
});

test('an import during a search cancels it first; the search\'s late answers change nothing', async () => {
  const plan = (r) => ({ ok: true, params: r.params, trials: [1, 2].map((id) => ({ id, values: { learning_rate: 0.01 * id }, spec: r.base })) });
  const { model, pool } = modelWith((r) => (r.kind === 'plan' ? plan(r) : ranking));
  const config = { params: [PARAMS[0]], method: 'random', trials: 2, gridPoints: 3, epochs: 5, early: false, workers: 1 };
  const search = model.start(config, BASE);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(model.busy, true);
  await model.importResults(parseResults(JSON_TEXT, 'results.json'));
  assert.equal(pool.cancels, 1);
  assert.equal(model.busy, false);
  pool.runs[0].resolve([1, 2].map((id) => ({ id, status: 'done', error: null, ms: 1, answer: { ok: true, summary: { dev_accuracy: 1 } } })));
  assert.equal(await search, false);
  assert.equal(model.rows.length, 6);
  assert.match(model.status, /^Imported 6 trials from results\.json/);
});

test('Apply best after an import: the trial\'s own spec from JSON; from CSV the engine writes its values into the playground\'s spec', async () => {
  const playground = { ...structuredClone(BASE), epochs: 300 };
  const json = modelWith(() => ranking);
  await json.model.importResults(parseResults(JSON_TEXT, 'results.json'));
  const fromJson = await json.model.importedApplication(playground);
  assert.deepEqual(fromJson.spec, specOf(0.0412, 0.000034));
  assert.equal(fromJson.note, 'Applied the best imported trial (trial 2 of results.json, dev error 2.0%): Learning rate α 0.0412, L2 λ 3.4e-5; the trial’s own spec from results.json, 20 epochs.');

  const written = { ...playground, optimizer: { name: 'adam', learning_rate: 0.0412 }, regularization: { l2: 0.000034 } };
  const csv = modelWith((r) => (r.kind === 'plan' ? { ok: true, params: r.params, trials: [{ id: 1, values: r.values[0], spec: written }] } : ranking));
  const imported = parseResults(CSV_TEXT, 'results.csv');
  await csv.model.importResults(imported);
  const fromCsv = await csv.model.importedApplication(playground);
  assert.deepEqual(csv.requests.at(-1), { kind: 'plan', base: playground, method: 'list', values: [{ learning_rate: 0.0412, l2: 0.000034 }], params: imported.params });
  assert.deepEqual(fromCsv.spec, written);
  assert.match(fromCsv.note, /^Applied the best imported trial \(trial 2 of results\.csv, dev error 2\.0%\): Learning rate α 0\.0412, L2 λ 3\.4e-5, written into the playground’s experiment \(results\.csv has no specs/);

  // The engine refuses (a value outside the spec's range): the error box says so, and nothing is applied.
  const refused = modelWith((r) => (r.kind === 'plan' ? { ok: false, error: { field: 'values[0].learning_rate', given: '0.0412', allowed: 'allowed: a number from 0.0001 to 0.01 (params\' range)', message: 'values[0].learning_rate is 0.0412; allowed: a number from 0.0001 to 0.01 (params\' range)' } } : ranking));
  await refused.model.importResults(parseResults(CSV_TEXT, 'results.csv'));
  assert.equal(await refused.model.importedApplication(playground), null);
  assert.equal(refused.model.error, 'Apply best did not change the playground: the engine could not write trial 2’s values into its experiment: values[0].learning_rate is 0.0412; allowed: a number from 0.0001 to 0.01 (params\' range) (field values[0].learning_rate).');
});
