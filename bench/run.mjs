// The performance benchmark: every workload of bench/workloads.json on every side, in one
// run, sequentially (the sides never share the cores), then a table, the ratios and
// a JSON file. `bash bench/run` sets everything up first; this script expects the builds of
// .ci/setup (build/wasm, public/engine.*) and builds the two native flavours itself.
//
//   node bench/run.mjs [--workloads a,b,c] [--sides native,...] [--seconds 2] [--repeats 5]
//                      [--out bench/results.json]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadEngine } from '../tests/wasm/engine.mjs';
import { runBrowserSides } from './browser/run.mjs';
import { printReport, ratios } from './report.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));

// The sides, in the order they run and are shown. Native flavours are separate builds.
const NATIVE = {
  'native': { dir: 'build/bench-native', flags: '-march=native', about: 'g++ -O3 -march=native' },
  'native-sse128': { dir: 'build/bench-sse128', flags: '-msse4.2 -mno-avx', about: 'g++ -O3 -msse4.2 -mno-avx' },
};
const BROWSER = ['descent-wasm', 'descent-wasm-mt', 'tfjs-wasm', 'tfjs-wasm-threads', 'tfjs-wasm-idiomatic', 'tfjs-cpu'];
const SIDES = [...Object.keys(NATIVE), 'descent-node', ...BROWSER];

const { values: args } = parseArgs({
  options: {
    workloads: { type: 'string', default: 'a,b,c' },
    sides: { type: 'string', default: SIDES.join(',') },
    seconds: { type: 'string' },
    repeats: { type: 'string' },
    out: { type: 'string', default: 'bench/results.json' },
  },
});

const log = (...line) => console.error('[bench]', ...line);
const list = (text, allowed, what) => {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((s) => !allowed.includes(s));
  if (bad.length) {
    console.error(`--${what}: ${bad.join(', ')} unknown; allowed: ${allowed.join(', ')}`);
    process.exit(2);
  }
  return items;
};

const file = JSON.parse(readFileSync(`${root}bench/workloads.json`, 'utf8'));
const ids = list(args.workloads, file.workloads.map((w) => w.id), 'workloads');
const sides = list(args.sides, SIDES, 'sides');
const defaults = { ...file.defaults };
if (args.seconds !== undefined) defaults.seconds = Number(args.seconds);
if (args.repeats !== undefined) defaults.repeats = Number(args.repeats);
const requests = file.workloads.filter((w) => ids.includes(w.id)).map((w) => ({ ...w, ...defaults }));

function buildNative(side) {
  const { dir, flags } = NATIVE[side];
  if (!existsSync(`${root}${dir}/CMakeCache.txt`)) {
    log(`configuring ${dir} (${flags})`);
    execFileSync('cmake', ['-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release', `-DCMAKE_CXX_FLAGS=${flags}`],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  log(`building ${dir}`);
  execFileSync('cmake', ['--build', dir, '--target', 'descent_bench', '-j2'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return `${root}${dir}/bench/descent_bench`;
}

// A side's answer for one request: the engine's JSON, or {error} when the side failed.
function runNative(binary, request, flags = []) {
  try {
    return JSON.parse(execFileSync(binary, [...flags, JSON.stringify(request)], { encoding: 'utf8' }));
  } catch (err) {
    return { ok: false, error: { message: String(err.stdout || err.message).trim() } };
  }
}

const results = {};  // side -> id -> answer
const record = (side, id, answer) => ((results[side] ??= {})[id] = answer);

for (const side of sides.filter((s) => s in NATIVE)) {
  const binary = buildNative(side);
  const peak = runNative(binary, { seconds: 0.5, repeats: 5 }, ['--peak']);
  for (const request of requests) {
    log(`${side} ${request.id}`);
    record(side, request.id, { ...runNative(binary, request), simd_peak_gflops: peak.ok ? peak.gflops : null });
  }
}

if (sides.includes('descent-node')) {
  const engine = await loadEngine();
  const peak = JSON.parse(engine.simdPeak(JSON.stringify({ seconds: 0.5, repeats: 5 })));
  for (const request of requests) {
    log(`descent-node ${request.id}`);
    record('descent-node', request.id, { ...JSON.parse(engine.benchmark(JSON.stringify(request))), simd_peak_gflops: peak.gflops });
  }
}

let browser = null;
const browserSides = sides.filter((s) => BROWSER.includes(s));
if (browserSides.length) {
  log(`Chromium: ${browserSides.join(', ')}`);
  browser = await runBrowserSides({ workloads: requests, sides: browserSides, defaults, log });
  for (const r of browser.results) record(r.side, r.id, r.error ? { ok: false, error: { message: r.error } } : { ok: true, ...r });
}

const gz = (path) => gzipSync(readFileSync(`${root}${path}`), { level: 9 }).length;
const report = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model, cores: cpus().length, memory_gib: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`, node: process.version,
    chromium: browser?.environment?.chromium, cross_origin_isolated: browser?.environment?.crossOriginIsolated,
  },
  settings: defaults,
  workloads: requests.map(({ id, name, layers, batch, optimizer }) => ({ id, name, layers, batch, optimizer })),
  sides: Object.fromEntries(sides.map((s) => [s, NATIVE[s]?.about ?? s])),
  results,
  size_gzip_bytes: {
    'engine.wasm': gz('public/engine.wasm'), 'engine.js': gz('public/engine.js'),
    'engine-mt.wasm': gz('public/engine-mt.wasm'), 'engine-mt.js': gz('public/engine-mt.js'), 'engine-mt.worker.js': gz('public/engine-mt.worker.js'),
  },
  first_step: browser?.firstStep ?? null,
};
report.ratios = ratios(report);
writeFileSync(resolve(args.out), `${JSON.stringify(report, null, 2)}\n`);
printReport(report);
log(`written: ${args.out}`);
