// The native search's scaling: the experiment of bench/search/run.mjs (circles, 2000 examples,
// two hidden layers of 32, Adam, mini-batches of 32; 1000 epochs, about a second a trial) as a plan of 12 random
// trials, run by `descent search --jobs 1`, `--jobs 2` and through the emitted run-parallel.sh
// (GNU parallel, JOBS=2). Prints trials per minute for each, the speed-up, the mean time of a
// trial, and what N hosts of C cores would give from it: N * C * 60 / (a trial's seconds) x the
// efficiency measured here with 2 jobs (the file system and the scheduler's start-up not
// counted). Each way runs REPEATS times, the ways interleaved (this machine's speed drifts by
// the minute), and its median run counts. Writes bench/search/cluster-results.json. A
// benchmark, not a test: it asserts nothing.
//   node bench/search/cluster.mjs [--trials N] [--epochs E] [--repeats R]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const descent = join(root, 'build/native/engine/descent');
const OUT = new URL('./cluster-results.json', import.meta.url);

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (i % 2 ? pairs : [...pairs, [a.replace(/^--/, ''), Number(all[i + 1])]]), []));
const trials = args.trials ?? 12;
const repeats = args.repeats ?? 3;
const epochs = args.epochs ?? 1000;  // natively about a second a trial, as the page's 200 epochs in WASM

const base = JSON.parse(execFileSync(descent, ['spec'], { encoding: 'utf8' }));
Object.assign(base, { seed: 7, epochs, batch_size: 32 });
Object.assign(base.data, { source: 'circles', samples: 2000 });
base.layers = [{ units: 32, activation: 'relu' }, { units: 32, activation: 'relu' }, base.layers.at(-1)];
base.optimizer = { ...base.optimizer, name: 'adam', learning_rate: 0.001 };
const plan = {
  format: 'descent-search-plan', base, method: 'random', trials, seed: 1, rounds: 1,
  params: [{ name: 'learning_rate', min: 1e-4, max: 0.1, scale: 'log' }, { name: 'l2', min: 1e-5, max: 0.1, scale: 'log' }],
};
const work = mkdtempSync(join(tmpdir(), 'descent-search-bench-'));
const planPath = join(work, 'plan.json');
writeFileSync(planPath, JSON.stringify(plan));

// One run of a way of running the plan: its wall time and the trials' own mean time.
function timed(name, run) {
  const t0 = process.hrtime.bigint();
  const dir = run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const done = results.trials.filter((t) => t.status === 'done');
  if (done.length !== trials) throw new Error(`${name}: ${trials - done.length} trials did not finish`);
  const mean = done.reduce((s, t) => s + t.seconds, 0) / done.length;
  return { name, seconds, trials_per_minute: (trials / seconds) * 60, mean_trial_seconds: mean };
}

// The median run of each way, the ways run in turn `repeats` times.
function medians(ways) {
  const runs = ways.map(() => []);
  for (let r = 0; r < repeats; r += 1) ways.forEach(([name, run], i) => runs[i].push(timed(name, run)));
  return runs.map((list) => {
    const row = [...list].sort((a, b) => a.seconds - b.seconds)[Math.floor(list.length / 2)];
    console.log(`${row.name.padEnd(36)} ${trials} trials in ${row.seconds.toFixed(2)} s: ${row.trials_per_minute.toFixed(1)} trials/min `
      + `(a trial ${row.mean_trial_seconds.toFixed(2)} s; runs ${list.map((x) => x.seconds.toFixed(2)).join(', ')} s)`);
    return { ...row, runs_seconds: list.map((x) => x.seconds) };
  });
}

try {
  const local = (jobs) => () => {
    const dir = join(work, `jobs-${jobs}`);
    execFileSync(descent, ['search', planPath, '--jobs', String(jobs), '--dir', dir], { stdio: 'ignore' });
    return dir;
  };
  const viaParallel = () => {
    const dir = join(work, 'parallel');
    execFileSync(descent, ['search', planPath, '--emit', dir], { stdio: 'ignore' });
    const run = spawnSync(join(dir, 'run-parallel.sh'), [], { env: { ...process.env, JOBS: '2' }, stdio: 'ignore' });
    if (run.status !== 0) throw new Error(`run-parallel.sh exited ${run.status}`);
    execFileSync(descent, ['search', 'collect', dir], { stdio: 'ignore' });
    return dir;
  };
  const runs = medians([['descent search --jobs 1', local(1)], ['descent search --jobs 2', local(2)],
    ['run-parallel.sh (JOBS=2) + collect', viaParallel]]);
  const speedup = runs[1].trials_per_minute / runs[0].trials_per_minute;
  const efficiency = Math.min(1, speedup / 2);  // above 1 only by this machine's drift
  const trialSeconds = runs[0].mean_trial_seconds;
  const expected = (hosts, cores) => (hosts * cores * 60 / trialSeconds) * efficiency;
  console.log(`speed-up with 2 jobs: ${speedup.toFixed(2)}x (efficiency ${(efficiency * 100).toFixed(0)}%)`);
  const projection = [[1, 2], [4, 16], [16, 32]].map(([hosts, cores]) => ({ hosts, cores, trials_per_minute: expected(hosts, cores) }));
  for (const p of projection) console.log(`expected on ${p.hosts} host${p.hosts > 1 ? 's' : ''} of ${p.cores} cores: ${p.trials_per_minute.toFixed(0)} trials/min`);
  writeFileSync(OUT, `${JSON.stringify({
    what: 'the native search: --jobs 1, --jobs 2 and run-parallel.sh, the same plan', plan_base: 'circles 2000, 32-32 ReLU, Adam, batch 32, seed 7',
    trials, epochs_per_trial: epochs, repeats, runs, speedup, efficiency, trial_seconds: trialSeconds, projection,
    projection_formula: 'hosts * cores * 60 / trial_seconds * efficiency (measured with 2 jobs here)',
    environment: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, date: new Date().toISOString() },
  }, null, 2)}\n`);
  console.log(`wrote ${OUT.pathname}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
