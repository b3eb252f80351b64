// The benchmark's figures: ratios against Descent in the browser, the issue's targets, and
// the table printed at the end of a run.
const REFERENCE = 'descent-wasm';  // Descent in a Chromium worker: what a learner runs

const THREADED = 'descent-wasm-mt';  // the same, threaded, as a cross-origin isolated page runs it

const ms = (report, side, id) => {
  const a = report.results[side]?.[id];
  return a?.ok ? a.ms_per_step : null;
};

// Descent threaded's GFLOP/s on (a) over the SIMD peak of one core (the same build's kernel,
// in the same worker) times the threads it used.
function ofPeak(report) {
  const a = report.results[THREADED]?.a;
  if (!a?.ok || !a.gflops || !a.simd_peak_gflops) return null;
  return a.gflops / (a.simd_peak_gflops * a.threads);
}

// The targets of issue 7, each a ratio with the bound it must meet.
const TARGETS = [
  { name: 'TF.js wasm / Descent in Chromium, (a)', bound: '>= 5', check: (r) => r >= 5,
    ratio: (rep) => div(ms(rep, 'tfjs-wasm', 'a'), ms(rep, REFERENCE, 'a')) },
  { name: 'TF.js wasm / Descent in Chromium, (b)', bound: '>= 100', check: (r) => r >= 100,
    ratio: (rep) => div(ms(rep, 'tfjs-wasm', 'b'), ms(rep, REFERENCE, 'b')) },
  { name: 'Descent in Chromium / native 128-bit SIMD, (a)', bound: '<= 1.3', check: (r) => r <= 1.3,
    ratio: (rep) => div(ms(rep, REFERENCE, 'a'), ms(rep, 'native-sse128', 'a')) },
  // Issue 20: threads.
  { name: 'TF.js wasm (its default threads) / Descent threaded in Chromium, (a)', bound: '>= 5', check: (r) => r >= 5,
    ratio: (rep) => div(ms(rep, 'tfjs-wasm', 'a'), ms(rep, THREADED, 'a')) },
  { name: 'Descent single-threaded / threaded in Chromium, (a)', bound: '>= 1.7', check: (r) => r >= 1.7,
    ratio: (rep) => div(ms(rep, REFERENCE, 'a'), ms(rep, THREADED, 'a')) },
  { name: 'TF.js wasm / Descent threaded in Chromium, (b)', bound: '>= 100', check: (r) => r >= 100,
    ratio: (rep) => div(ms(rep, 'tfjs-wasm', 'b'), ms(rep, THREADED, 'b')) },
  { name: 'Descent threaded / single-threaded in Chromium, (c): no slower', bound: '<= 1.05', check: (r) => r <= 1.05,
    ratio: (rep) => div(ms(rep, THREADED, 'c'), ms(rep, REFERENCE, 'c')) },
  { name: 'Descent threaded GFLOP/s on (a) / (SIMD peak per core x threads)', bound: '>= 0.6', check: (r) => r >= 0.6,
    ratio: ofPeak },
];

// Not targets: the same ratios against TF.js as its users write it (its own gradients), for
// the reader; the targets above are judged against the fastest TF.js we could write.
const ALSO = [
  { name: 'TF.js wasm as users write it / Descent in Chromium, (a)',
    ratio: (rep) => div(ms(rep, 'tfjs-wasm-idiomatic', 'a'), ms(rep, REFERENCE, 'a')) },
  { name: 'TF.js wasm as users write it / Descent in Chromium, (b)',
    ratio: (rep) => div(ms(rep, 'tfjs-wasm-idiomatic', 'b'), ms(rep, REFERENCE, 'b')) },
  { name: 'TF.js wasm at Descent\'s thread count / Descent threaded in Chromium, (a)',
    ratio: (rep) => div(ms(rep, 'tfjs-wasm-threads', 'a'), ms(rep, THREADED, 'a')) },
];

const div = (x, y) => (x != null && y != null && y > 0 ? x / y : null);

export function ratios(report) {
  const against = {};  // side -> id -> ms(side) / ms(Descent in Chromium)
  for (const side of Object.keys(report.results)) {
    against[side] = {};
    for (const { id } of report.workloads) against[side][id] = div(ms(report, side, id), ms(report, REFERENCE, id));
  }
  const targets = TARGETS.map((t) => {
    const value = t.ratio(report);
    return { target: t.name, bound: t.bound, value, met: value == null ? null : t.check(value) };
  });
  const allocations = Object.values(report.results).flatMap((bySide) =>
    Object.values(bySide).map((a) => a.allocations_per_step).filter((n) => n !== undefined));
  targets.push({
    target: 'heap allocations per training step (native, counted)', bound: '= 0',
    value: allocations.length ? Math.max(...allocations) : null,
    met: allocations.length ? allocations.every((n) => n === 0) : null,
  });
  const also = ALSO.map((a) => ({ ratio: a.name, value: a.ratio(report) }));
  return { reference: REFERENCE, against, targets, also };
}

const fmt = (x, digits = 3) => (x == null ? '—' : x >= 100 ? x.toFixed(0) : x.toPrecision(digits));

export function printReport(report) {
  const sides = Object.keys(report.results);
  const out = [];
  out.push('', `Descent benchmark, ${report.date.slice(0, 10)}: ${report.machine.cpu}, ${report.machine.cores} cores`);
  out.push('ms per training step (median of repeats); in brackets: the side / Descent in Chromium', '');
  const rows = report.workloads.map(({ id, layers, batch }) => [`(${id}) ${layers.join('-')}, batch ${batch}`,
    ...sides.map((s) => {
      const a = report.results[s]?.[id];
      return a?.ok ? `${fmt(a.ms_per_step, 3)} [${fmt(report.ratios.against[s][id], 2)}]` : 'failed';
    })]);
  const table = [['workload', ...sides], ...rows];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  for (const row of table) out.push(row.map((cell, c) => (c ? cell.padStart(widths[c] + 2) : cell.padEnd(widths[c]))).join(''));
  const peak = report.results[THREADED]?.a?.simd_peak_gflops ?? report.results[REFERENCE]?.a?.simd_peak_gflops;
  if (peak) out.push('', `SIMD peak of one core (mul + add, 128-bit, the WASM build in Chromium): ${fmt(peak, 3)} GFLOP/s`);
  for (const side of sides) {
    const a = report.results[side]?.a;
    if (a?.ok && (a.threads || a.gflops)) {
      out.push(`  (a) ${side}: ${a.threads ?? '?'} thread(s)${a.gflops ? `, ${fmt(a.gflops, 3)} GFLOP/s in the products` : ''}`);
    }
  }
  out.push('', 'targets:');
  for (const t of report.ratios.targets)
    out.push(`  ${t.met == null ? 'n/a ' : t.met ? 'met ' : 'MISS'}  ${t.target} ${t.bound}: ${fmt(t.value, 3)}`);
  for (const a of report.ratios.also) out.push(`  info  ${a.ratio}: ${fmt(a.value, 3)}`);
  const size = report.size_gzip_bytes;
  const kib = (file) => (size[file] ? `${(size[file] / 1024).toFixed(0)} KiB` : '—');
  out.push('', `engine gzipped: engine.wasm ${kib('engine.wasm')} + engine.js ${kib('engine.js')}; threaded: engine-mt.wasm ${kib('engine-mt.wasm')} + engine-mt.js ${kib('engine-mt.js')} + engine-mt.worker.js ${kib('engine-mt.worker.js')}`);
  const first = report.first_step;
  if (first?.first_step_ms != null) {
    const press = first.train_pressed_ms != null
      ? ` (Train pressed at ${fmt(first.train_pressed_ms, 4)} ms, as soon as it was enabled; first step ${fmt(first.first_step_after_press_ms, 3)} ms later)` : '';
    out.push(`page load to first training step: ${fmt(first.first_step_ms, 4)} ms from navigation start${press}`);
  } else if (first?.error) {
    out.push(`page load to first training step: not measured (${first.error})`);
  }
  const failed = sides.flatMap((s) => Object.entries(report.results[s]).filter(([, a]) => !a.ok)
    .map(([id, a]) => `  ${s} (${id}): ${a.error?.message ?? 'failed'}`));
  if (failed.length) out.push('', 'failures:', ...failed);
  console.log(out.join('\n'));
}
