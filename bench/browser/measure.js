// The measurement protocol, as every side runs it: warm up for max(warmup_steps, the steps
// done in warmup_seconds); then `repeats` times, run steps until at least `seconds` of wall
// time have passed and record { steps, seconds, ms_per_step }; report the median.
//
// step() returns a loss handle; read(handle) awaits its value (so the work really happened)
// and free(handle) releases it. Each timed repeat ends with read() inside the timed region.
// warmedUp(), if given, is called between the warm-up and the first timed repeat.

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Runs steps until both minSteps and minSeconds are reached; returns { steps, seconds, loss }.
async function runFor(step, read, free, minSteps, minSeconds) {
  const t0 = performance.now();
  const until = t0 + minSeconds * 1000;
  let steps = 0;
  let last = null;
  do {
    if (last !== null) free(last);
    last = step();
    steps++;
  } while (steps < minSteps || performance.now() < until);
  const loss = await read(last);
  const seconds = (performance.now() - t0) / 1000;
  free(last);
  return { steps, seconds, loss };
}

export async function measure({ step, read, free, warmedUp }, request) {
  const first = step();
  const lossFirst = await read(first);
  free(first);
  const warm = await runFor(step, read, free, Math.max(0, request.warmup_steps - 1), request.warmup_seconds);
  warmedUp?.();
  const repeats = [];
  let lossLast = warm.loss;
  for (let r = 0; r < request.repeats; r++) {
    const { steps, seconds, loss } = await runFor(step, read, free, 1, request.seconds);
    repeats.push({ steps, seconds, ms_per_step: (seconds * 1000) / steps });
    lossLast = loss;
  }
  return {
    ms_per_step: median(repeats.map((r) => r.ms_per_step)),
    repeats,
    steps: repeats.reduce((sum, r) => sum + r.steps, 0),
    warmup_steps: warm.steps + 1,
    loss_first: lossFirst,
    loss_last: lossLast,
  };
}
