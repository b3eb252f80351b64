// What the live charts share: the Chart.js pieces they use, redraws at most once per
// animation frame and within a time budget, the trace that turns stored points into drawn
// ones (smoothed, log-safe), a hover mode that finds each line's point nearest the pointer's
// epoch, number formats and the options every chart starts from.
//
// Points live outside Chart.js (in PointStores): the decimation plugin swaps dataset.data for
// its own array, so each trace hands its drawn array to its dataset on every redraw.
import {
  Chart, Decimation, Interaction, Legend, LinearScale, LineController, LineElement,
  LogarithmicScale, PointElement, Tooltip,
} from 'chart.js';
import { getRelativePosition } from 'chart.js/helpers';
import { Smoother } from '../smoothing.js';
import { resetButtonFor, ZoomControl } from './zoom.js';

Chart.register(
  LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, Decimation,
);

// A value from an epoch record: a number, Infinity for the engine's "inf" (a diverged run),
// NaN for "nan"; undefined when there is none (null: no such set).
export function readValue(v) {
  if (typeof v === 'number') return v;
  if (v === 'inf' || v === '+inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === 'nan') return NaN;
  return undefined;
}

// 0.1234 -> "0.123", 0.00012 -> "1.2e-4", Infinity -> "∞".
export function formatNumber(v) {
  if (typeof v !== 'number') return '–';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return Number(v.toPrecision(3)).toExponential();
  return String(Number(v.toPrecision(3)));
}

// A fraction as a percentage (axis ticks): 0.125 -> "12.5%", 0.3 -> "30%".
export function formatPercent(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return formatNumber(v);
  return `${Number((v * 100).toPrecision(3))}%`;
}

// A fraction read off a point (tooltips): one decimal, like the status line; "0.036%" below 0.1%.
export function formatPercentValue(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return formatNumber(v);
  const p = v * 100;
  return p !== 0 && Math.abs(p) < 0.1 ? `${Number(p.toPrecision(2))}%` : `${p.toFixed(1)}%`;
}

// Tick labels for a log axis: only ticks at 1, 2, 3 and 5 times a power of ten (and the
// top one) get a label, the rest would overlap. (Our own: Chart.js's formatter builds an
// Intl.NumberFormat per call, which shows up when charts redraw 60 times a second.)
export function logTicks(format) {
  return (value, index, ticks) => {
    const m = ticks[index].significand ?? value / 10 ** Math.floor(Math.log10(value));
    return [1, 2, 3, 5, 10].includes(Math.round(m * 1e6) / 1e6) || index === ticks.length - 1 ? format(value) : '';
  };
}

// Epoch ticks: 250, 5000, 20k, 1.5M; a zoomed axis's ends as whole epochs (28.3 -> 28).
export function formatEpoch(v) {
  if (v < 1e4) return String(Math.round(v));
  if (v >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  return `${Number((v / 1e3).toPrecision(3))}k`;
}

// The epoch axis: linear from epoch 0, or logarithmic from epoch 1 (log 0 is not on an axis:
// the epoch-0 point, before any training, is left out of the lines; see Trace).
export function epochAxis(log = false) {
  if (!log) return { type: 'linear', min: 0, title: { display: true, text: 'Epoch' }, ticks: { precision: 0, callback: formatEpoch } };
  return { type: 'logarithmic', min: 1, title: { display: true, text: 'Epoch, log scale (from epoch 1)' }, ticks: { callback: logTicks(formatEpoch) } };
}

// On a log epoch axis, a line keeps a point only if it lies at least LOG_EPOCH_STEP decades
// past the last kept one (Chart.js's decimation works on linear axes only): about 1,000
// points a decade, every epoch up to epoch 434, and a 20,000-epoch line stays under 5,000 points.
export const LOG_EPOCH_STEP = 1e-3;
export const keepOnLogEpochs = (lastX, x) => x > 0 && (lastX === undefined || Math.log10(x) - Math.log10(lastX) >= LOG_EPOCH_STEP);

// A tooltip line: the drawn value, and the measured one when smoothing moved it.
export function valueLabel(item, format) {
  const { y, raw } = item.raw;
  const shown = format(y ?? raw);
  const measured = format(raw);
  return `${item.dataset.label}: ${shown}${shown === measured ? '' : ` (raw ${measured})`}`;
}

// Hover: for every shown line, its point nearest the pointer's x, if the pointer is within
// the line's epochs. (Chart.js's 'index' mode pairs points by array index, which is wrong
// once lines differ in length: decimated, log-filtered or a shorter kept run.)
Interaction.modes.epoch = function epochMode(chart, e) {
  const pos = getRelativePosition(e, chart);
  if (!chart.isPointInArea(pos)) return [];
  const items = [];
  for (const meta of chart.getSortedVisibleDatasetMetas()) {
    const els = meta.data;
    if (!els.length || pos.x < els[0].x - 8 || pos.x > els[els.length - 1].x + 8) continue;
    let lo = 0;
    let hi = els.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (els[mid].x < pos.x) lo = mid; else hi = mid;
    }
    const index = Math.abs(els[lo].x - pos.x) <= Math.abs(els[hi].x - pos.x) ? lo : hi;
    if (!els[index].skip) items.push({ element: els[index], datasetIndex: meta.index, index });
  }
  return items;
};

// One drawn line: a store's points -> (smoothed) -> (non-positive dropped on a log axis;
// epoch 0 dropped and the rest thinned on a log epoch axis) -> the dataset's data, built
// incrementally: each redraw handles only the new points.
export class Trace {
  // store: { points: [{ x, y }], version }; dataset: the Chart.js dataset it fills;
  // log: a log value axis; logX: a log epoch axis.
  constructor(store, dataset, { beta = 0, log = false, logX = false } = {}) {
    this.store = store;
    this.dataset = dataset;
    this.beta = beta;
    this.log = log;
    this.logX = logX;
    this.rebuild();
  }

  rebuild() {
    this.version = this.store.version;
    this.done = 0;          // store points handled so far
    this.drawn = [];        // [{ x, y: drawn value | null (a gap), raw: stored y }]
    this.smoother = this.beta ? new Smoother(this.beta) : null;
  }

  get hasPoints() {
    return this.store.points.length > 0;
  }

  sync() {
    if (this.store.version !== this.version) this.rebuild();  // cleared or thinned
    const points = this.store.points;
    for (let i = this.done; i < points.length; i++) {
      const { x, y: raw } = points[i];
      let y = Number.isFinite(raw) ? raw : null;  // inf / nan: a gap in the line
      if (this.smoother) y = this.smoother.next(y);
      // log(0) is not on the axis: drop the point if its value or its measurement is <= 0
      // (else a run of zero train error would draw the average sinking towards 0 forever).
      if (this.log && y !== null && (y <= 0 || raw <= 0)) continue;
      // (The smoother still sees every point: thinning changes what is drawn, not the average.)
      if (this.logX && !keepOnLogEpochs(this.drawn.at(-1)?.x, x)) continue;
      this.drawn.push({ x, y, raw });
    }
    this.done = points.length;
    this.dataset.data = this.drawn;
  }
}

// Legend entries drawn as short lines in each dataset's own dash, cap and width (with
// usePointStyle, Chart.js takes the point's style, which has no dash).
export function lineLabels(chart) {
  return Legend.defaults.labels.generateLabels(chart).map((item) => {
    const d = chart.data.datasets[item.datasetIndex];
    return { ...item, lineDash: d.borderDash || [], lineCap: d.borderCapStyle || 'butt', lineWidth: d.borderWidth, strokeStyle: d.borderColor };
  });
}

// The options every chart starts from; `y` is the value axis. Lines longer than `threshold`
// points are drawn through `samples` points picked by LTTB (largest triangle three buckets),
// which keeps the shape: Chart.js's cost grows with the points it draws, not with the data.
export function baseOptions(y, { samples = 400, threshold = 800 } = {}) {
  return {
    animation: false,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'epoch', intersect: false },
    scales: { x: epochAxis(false), y },
    plugins: {
      legend: {
        position: 'top',
        labels: {
          usePointStyle: true, pointStyle: 'line', pointStyleWidth: 30, boxHeight: 8, generateLabels: lineLabels,
        },
      },
      tooltip: { callbacks: { title: (items) => `Epoch ${items[0].raw.x}` } },
      decimation: { enabled: true, algorithm: 'lttb', samples, threshold },
    },
  };
}

// Redraws of the live charts are spread over animation frames: a frame draws the charts
// that waited longest until it has spent FRAME_DRAW_MS (at least one chart), the others
// draw in the next frames, so no single frame grows long enough to drop the next one.
// Frames are also spaced so that drawing takes at most 1/DRAW_SHARE of the main thread:
// after a frame whose drawing took d ms the next waits (DRAW_SHARE - 1) * d ms. A fast
// machine redraws every frame; a slow one (or a 20-layer chart) redraws less often, and the
// page keeps answering the learner. The wait is capped, so one slow frame (the first
// layout, a resize) does not stall the charts.
const DRAW_SHARE = 4;
const FRAME_DRAW_MS = 6;
const MAX_WAIT_MS = 100;
const waiting = new Set();  // charts with something new to draw, longest waiting first
let frameId = 0;
let nextFrameAt = 0;

function scheduleFrame() {
  if (!frameId) frameId = requestAnimationFrame(runFrame);
}

function runFrame() {
  frameId = 0;
  const start = performance.now();
  if (start < nextFrameAt) {
    scheduleFrame();
    return;
  }
  for (const c of waiting) {
    waiting.delete(c);
    try {
      c.draw();
    } catch (error) {
      queueMicrotask(() => { throw error; });  // reported as uncaught; the other charts still draw
    }
    if (performance.now() - start >= FRAME_DRAW_MS) break;
  }
  const now = performance.now();
  nextFrameAt = now + Math.min((DRAW_SHARE - 1) * (now - start), MAX_WAIT_MS);
  if (waiting.size) scheduleFrame();
}

// A Chart.js line chart fed by traces, zoomed and panned along x (zoom.js; its "Reset zoom"
// button is the one whose aria-controls names the canvas). Subclasses set this.traces (in
// drawing order: first on top) and call this.redraw() when something changed.
export class LiveChart {
  // plugins: inline Chart.js plugins for this chart only.
  constructor(canvas, options, plugins = []) {
    this.traces = [];
    this.chart = new Chart(canvas, { type: 'line', data: { datasets: [] }, options, plugins });
    this.zoom = new ZoomControl(this.chart, { button: resetButtonFor(canvas) });
  }

  // Draws at the next frame the charts may use (at most once per animation frame).
  redraw() {
    waiting.add(this);
    scheduleFrame();
  }

  // Puts the datasets of the traces with points into the chart (lines without a point, such
  // as a missing test set, are left out, legend included). Called by draw, and at once when
  // the traces change, so that chart.data.datasets names the lines before the next frame.
  listDatasets() {
    const shown = this.traces.filter((t) => t.hasPoints).map((t) => t.dataset);
    const now = this.chart.data.datasets;
    if (shown.length !== now.length || shown.some((d, i) => d !== now[i])) this.chart.data.datasets = shown;
  }

  draw() {
    for (const t of this.traces) t.sync();
    this.listDatasets();
    this.zoom.follow();
    this.chart.update('none');
  }

  destroy() {
    waiting.delete(this);
    this.zoom.destroy();
    this.chart.destroy();
  }
}
