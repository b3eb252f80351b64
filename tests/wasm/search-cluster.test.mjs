// The search past one machine (issue 21), with the real native runner, GNU parallel and the
// Slurm launcher's per-index command: the same 12-trial plan run locally (--jobs 2) and
// emitted + run through run-parallel.sh gives the same trials, bitwise the same results and
// the same ranking; the trials are the ones the page's search plans from the same seed (the
// WASM engine); a trial killed midway leaves no result, a rerun skips the finished trials and
// trains it, and collect is then complete. Bad plans and folders are refused by name.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { answer, loadEngine, nativeRunner } from './engine.mjs';

const work = mkdtempSync(join(tmpdir(), 'descent-search-'));
after(() => rmSync(work, { recursive: true, force: true }));

const descent = (...args) => execFileSync(nativeRunner, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const lines = (text) => text.trim().split('\n').map((l) => JSON.parse(l));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

// The default experiment (circles, 8-8 ReLU), each trial `epochs` long, searched over the
// learning rate and L2 on log scales.
function writePlan(name, { trials = 12, epochs = 30, rounds = 1 } = {}) {
  const base = JSON.parse(descent('spec'));
  base.epochs = epochs;
  const plan = {
    format: 'descent-search-plan', base, method: 'random', trials, seed: 1, rounds, refine_best: 3,
    params: [{ name: 'learning_rate', min: 1e-4, max: 0.1, scale: 'log' }, { name: 'l2', min: 1e-5, max: 0.1, scale: 'log' }],
  };
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(plan, null, 1));
  return { path, plan };
}

// A trial's result file without its wall-clock time: what must be bitwise the same.
const resultOf = (dir, file) => {
  const { seconds, ...rest } = readJson(join(dir, file.replace('/trials/', '/results/')));
  assert.ok(seconds >= 0);
  return rest;
};
const metrics = (row) => [row.trial, row.values, row.status, row.train_error, row.dev_error, row.dev_loss, row.epochs];

test('one 12-trial plan: --jobs 2 and --emit + run-parallel.sh give the same trials, results and ranking', () => {
  const { path } = writePlan('plan');
  const local = join(work, 'local');
  const printed = lines(descent('search', path, '--jobs', '2', '--dir', local));
  assert.equal(printed.length, 13, 'one line per trial and the ranking');
  const final = printed.at(-1);
  assert.equal(final.results, join(local, 'results.json'));
  assert.deepEqual(final.missing, []);
  assert.deepEqual(final.failed, []);
  assert.deepEqual(printed.slice(0, 12).map((l) => l.trial).sort((a, b) => a - b), [...Array(12).keys()].map((i) => i + 1));

  const emitted = join(work, 'emitted');
  const said = lines(descent('search', path, '--emit', emitted));
  assert.deepEqual(said, [{ round: 1, rounds: 1, first: 1, last: 12, dir: emitted }]);
  const manifest = readFileSync(join(emitted, 'trials.txt'), 'utf8').trim().split('\n');
  assert.equal(manifest.length, 12);
  assert.equal(manifest[0], 'round-1/trials/0001.json');
  // Each trial spec is a spec the runner takes as it is.
  assert.equal(lines(descent('run', join(emitted, manifest[0]))).at(-1).summary.epochs_run, 30);

  const run = spawnSync(join(emitted, 'run-parallel.sh'), [], { encoding: 'utf8', env: { ...process.env, JOBS: '2' } });
  assert.equal(run.status, 0, run.stderr);
  const joblog = readFileSync(join(emitted, 'logs/parallel-joblog.txt'), 'utf8').trim().split('\n');
  assert.equal(joblog.length, 13, 'GNU parallel ran 12 jobs');
  const collected = lines(descent('search', 'collect', emitted)).at(-1);

  const a = readJson(join(local, 'results.json')), b = readJson(join(emitted, 'results.json'));
  assert.deepEqual(b.trials.map(metrics), a.trials.map(metrics));
  assert.deepEqual(b.trials.map((t) => t.spec), a.trials.map((t) => t.spec));
  for (const file of manifest) assert.deepEqual(resultOf(emitted, file), resultOf(local, file), file);
  assert.deepEqual(b.ranking, a.ranking);
  assert.equal(b.ranking.length, 12);
  assert.deepEqual(collected.ranking, final.ranking);
  assert.deepEqual(b.sensitivity, a.sensitivity);
  assert.deepEqual(b.sensitivity.ranking.map((r) => r.name).sort(), ['l2', 'learning_rate']);
  // Ranked by dev error, then dev loss.
  const byTrial = new Map(b.trials.map((t) => [t.trial, t]));
  const ranked = b.ranking.map((n) => byTrial.get(n));
  for (let i = 1; i < ranked.length; i += 1) {
    const [p, q] = [ranked[i - 1], ranked[i]];
    assert.ok(p.dev_error < q.dev_error || (p.dev_error === q.dev_error && p.dev_loss <= q.dev_loss), `${p.trial} before ${q.trial}`);
  }
  // results.csv: the card's Export CSV columns, a row per trial in trial order.
  const csv = readFileSync(join(emitted, 'results.csv'), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'round,trial,learning_rate,l2,train_error,dev_error,dev_loss,epochs,seconds,status,error');
  assert.equal(csv.length, 13);
  assert.deepEqual(csv[1].split(',').slice(0, 7).map(Number),
    [1, 1, b.trials[0].values.learning_rate, b.trials[0].values.l2, b.trials[0].train_error, b.trials[0].dev_error, b.trials[0].dev_loss]);

  // A rerun of the launcher skips every finished trial: no result file is written again.
  const before = manifest.map((f) => statSync(join(emitted, f.replace('/trials/', '/results/'))).mtimeMs);
  const again = spawnSync(join(emitted, 'run-parallel.sh'), [], { encoding: 'utf8', env: { ...process.env, JOBS: '2' } });
  assert.equal(again.status, 0, again.stderr);
  assert.equal((again.stdout.match(/finished before .*; skipped/g) || []).length, 12);
  assert.deepEqual(manifest.map((f) => statSync(join(emitted, f.replace('/trials/', '/results/'))).mtimeMs), before);

  // The same --jobs command again resumes: every trial finished before, none trained again;
  // another plan is refused that folder.
  const resultTimes = () => manifest.map((f) => statSync(join(local, f.replace('/trials/', '/results/'))).mtimeMs);
  const localBefore = resultTimes();
  const resumed = lines(descent('search', path, '--jobs', '2', '--dir', local));
  assert.equal(resumed.length, 13);
  assert.deepEqual(resumed.at(-1).ranking, final.ranking);
  assert.deepEqual(resultTimes(), localBefore);
  const other = writePlan('other-plan', { trials: 5 });
  const refused = spawnSync(nativeRunner, ['search', other.path, '--jobs', '2', '--dir', local], { encoding: 'utf8' });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /holds another plan \(its plan.json differs\)/);
});

test('the same plan and seed give the runner the trials the page plans (the WASM engine)', async () => {
  const { path, plan } = writePlan('page-plan');
  const dir = join(work, 'page');
  descent('search', path, '--emit', dir);
  const engine = await loadEngine();
  // The request the search card sends for round 1 (web/search/search-model.js runRound).
  const page = answer(engine.search(JSON.stringify({ kind: 'plan', base: plan.base, method: plan.method, trials: plan.trials,
    grid_points: 3, seed: 1, params: plan.params })));
  assert.equal(page.ok, true, JSON.stringify(page.error));
  const round = readJson(join(dir, 'round-1/search.json'));
  assert.deepEqual(round.trials.map((t) => t.values), page.trials.map((t) => t.values));
  assert.deepEqual(round.params, page.params);
  round.trials.forEach((t, i) => assert.deepEqual(readJson(join(dir, t.file)), page.trials[i].spec));
});

test('run-slurm.sh, index by index as sbatch runs it: a trial killed midway is rerun, collect is complete', async () => {
  const { path } = writePlan('slurm-plan', { trials: 4, epochs: 6000 });
  const dir = join(work, 'slurm');
  descent('search', path, '--emit', dir);
  assert.match(readFileSync(join(dir, 'run-slurm.sh'), 'utf8'), /#SBATCH --array=1-4\n/);
  const index = (i) => spawnSync('bash', [join(dir, 'run-slurm.sh')], { encoding: 'utf8', env: { ...process.env, SLURM_ARRAY_TASK_ID: String(i) } });

  // Index 2 is killed while it trains: it leaves no result (written whole or not at all).
  const killed = spawn('bash', [join(dir, 'run-slurm.sh')], { env: { ...process.env, SLURM_ARRAY_TASK_ID: '2' }, stdio: 'ignore', detached: true });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(killed.exitCode, null, 'the trial was still training when killed');
  process.kill(-killed.pid, 'SIGKILL');
  await new Promise((resolve) => killed.on('exit', resolve));
  for (const i of [1, 3, 4]) assert.equal(index(i).status, 0);
  assert.equal(existsSync(join(dir, 'round-1/results/0002.json')), false);
  const partial = lines(descent('search', 'collect', dir)).at(-1);
  assert.deepEqual(partial.missing, [2]);
  assert.equal(partial.ranking.length, 3);

  // The rerun, every index as a resubmitted array would: 3 skipped, index 2 trained.
  const rerun = [1, 2, 3, 4].map(index);
  assert.deepEqual(rerun.map((r) => r.status), [0, 0, 0, 0]);
  assert.deepEqual(rerun.map((r) => /skipped/.test(r.stdout)), [true, false, true, true]);
  const complete = lines(descent('search', 'collect', dir)).at(-1);
  assert.deepEqual(complete.missing, []);
  assert.deepEqual(complete.failed, []);
  assert.equal(complete.ranking.length, 4);
  assert.equal(readJson(join(dir, 'results.json')).trials.filter((t) => t.status === 'done').length, 4);
  // An index outside trials.txt says which are allowed.
  const outside = index(9);
  assert.equal(outside.status, 2);
  assert.match(outside.stderr, /trials.txt has no line 9; allowed: 1 to 4/);
  assert.deepEqual(readdirSync(join(dir, 'round-1/results')).sort(), ['0001.json', '0002.json', '0003.json', '0004.json']);
});

test('rounds: emitting again narrows round 2 around the best once round 1 has its results', () => {
  const { path } = writePlan('rounds-plan', { trials: 6, rounds: 2 });
  const dir = join(work, 'rounds');
  descent('search', path, '--emit', dir);
  const early = spawnSync(nativeRunner, ['search', path, '--emit', dir], { encoding: 'utf8' });
  assert.equal(early.status, 2);
  assert.match(early.stderr, /round 1 has 6 trials without a result; run its launcher again/);
  for (let i = 1; i <= 6; i += 1) descent('search', 'trial', join(dir, `round-1/trials/000${i}.json`));
  assert.deepEqual(lines(descent('search', path, '--emit', dir)), [{ round: 2, rounds: 2, first: 7, last: 12, dir }]);
  assert.match(readFileSync(join(dir, 'run-slurm.sh'), 'utf8'), /#SBATCH --array=7-12\n/);
  const round2 = readJson(join(dir, 'round-2/search.json'));
  const round1 = readJson(join(dir, 'round-1/search.json'));
  const lr = (r) => r.params.find((p) => p.name === 'learning_rate');
  assert.ok(lr(round2).max - lr(round2).min < lr(round1).max - lr(round1).min, 'the range narrowed');
  assert.equal(round2.seed, 2);
  const done = spawnSync(nativeRunner, ['search', path, '--emit', dir], { encoding: 'utf8' });
  assert.match(done.stderr, /every round of the plan \(2\) is emitted/);
});

test('bad plans and folders are refused, naming the field or what is allowed', () => {
  const { plan } = writePlan('good');
  const refuse = (name, change, pattern) => {
    const bad = structuredClone(plan);
    change(bad);
    const path = join(work, `${name}.json`);
    writeFileSync(path, JSON.stringify(bad));
    const r = spawnSync(nativeRunner, ['search', path, '--emit', join(work, `${name}-dir`)], { encoding: 'utf8' });
    assert.equal(r.status, 2, name);
    assert.match(r.stderr, pattern, name);
    assert.equal(existsSync(join(work, `${name}-dir`)), false, `${name}: nothing written`);
  };
  refuse('min', (p) => { p.params[0].min = -1; }, /params\[0\]\.min is -1; allowed: a number > 0/);
  refuse('base', (p) => { p.base.optimizer.learning_rate = -1; }, /base\.optimizer\.learning_rate is -1/);
  refuse('rounds', (p) => { p.rounds = 0; }, /rounds is 0; allowed/);
  refuse('typo', (p) => { p.trails = 3; }, /trails/);
  refuse('format', (p) => { p.format = 'x'; }, /format is "x"; allowed: "descent-search-plan"/);
  // A folder of another search is not overwritten.
  const other = writePlan('other', { trials: 3 });
  const r = spawnSync(nativeRunner, ['search', other.path, '--emit', join(work, 'emitted-again')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const clash = spawnSync(nativeRunner, ['search', join(work, 'good.json'), '--emit', join(work, 'emitted-again')], { encoding: 'utf8' });
  assert.equal(clash.status, 2);
  assert.match(clash.stderr, /holds another plan/);
});
