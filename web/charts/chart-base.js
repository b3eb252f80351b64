// What the live charts share: the Chart.js pieces they use, a redraw at most once per
// animation frame, the trace that turns stored points into drawn ones (smoothed, log-safe),
// a hover mode that finds each line's point nearest the pointer's epoch, and number formats.
//
// Points live outside Chart.js (in PointStores): the decimation plugin swaps dataset.data for
// its own array, so each trace hands its drawn array to its dataset on every redraw.
import {
  Chart, Decimation, Interaction, Legend, LinearScale, LineController, LineElement,
  LogarithmicScale, PointElement, Ticks, Tooltip,
} from 'chart.js';
import { getRelativePosition } from 'chart.js/helpers';
import { Smoother } from '../smoothing.js';

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

// 0.123 -> "0.123", 1.2e-7 -> "1.20e-7", Infinity -> "∞".
export function formatNumber(v) {
  if (typeof v !== 'number') return '–';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

// A fraction as a percentage: 0.125 -> "12.5%", 0.3 -> "30%".
export function formatPercent(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return formatNumber(v);
  return `${Number((v * 100).toPrecision(3))}%`;
}

// Tick labels for a log axis: Chart.js's own choice of which ticks get a label, in our format.
export function logTicks(format) {
  return function callback(value, index, ticks) {
    return Ticks.formatters.logarithmic.call(this, value, index, ticks) === '' ? '' : format(value);
  };
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

// One drawn line: a store's points -> (smoothed) -> (non-positive dropped on a log axis) ->
// the dataset's data, built incrementally: each redraw handles only the new points.
export class Trace {
  // store: { points: [{ x, y }], version }; dataset: the Chart.js dataset it fills.
  constructor(store, dataset, { beta = 0, log = false } = {}) {
    this.store = store;
    this.dataset = dataset;
    this.beta = beta;
    this.log = log;
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
      if (this.log && y !== null && y <= 0) continue;  // log(0) is not on the axis
      this.drawn.push({ x, y, raw });
    }
    this.done = points.length;
    this.dataset.data = this.drawn;
  }
}

// The options every chart starts from; `y` is the value axis.
export function baseOptions(y) {
  return {
    animation: false,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'epoch', intersect: false },
    scales: {
      x: { type: 'linear', min: 0, title: { display: true, text: 'Epoch' }, ticks: { precision: 0 } },
      y,
    },
    plugins: {
      legend: {
        position: 'top',
        labels: { usePointStyle: true, pointStyle: 'line', pointStyleWidth: 30, boxHeight: 8 },
      },
      tooltip: { callbacks: { title: (items) => `Epoch ${items[0].raw.x}` } },
      // samples and threshold default to the chart's width in pixels (and 4 times it).
      decimation: { enabled: true, algorithm: 'lttb' },
    },
  };
}

// A Chart.js line chart fed by traces, redrawn at most once per animation frame.
// Subclasses set this.traces (in drawing order: first on top) and call this.redraw().
export class LiveChart {
  // plugins: inline Chart.js plugins for this chart only.
  constructor(canvas, options, plugins = []) {
    this.pendingFrame = 0;
    this.traces = [];
    this.chart = new Chart(canvas, { type: 'line', data: { datasets: [] }, options, plugins });
  }

  redraw() {
    if (this.pendingFrame) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      this.draw();
    });
  }

  draw() {
    for (const t of this.traces) t.sync();
    // Lines without a point (no test set, say) are left out, legend included.
    const shown = this.traces.filter((t) => t.hasPoints).map((t) => t.dataset);
    const now = this.chart.data.datasets;
    if (shown.length !== now.length || shown.some((d, i) => d !== now[i])) this.chart.data.datasets = shown;
    this.chart.update('none');
  }

  destroy() {
    cancelAnimationFrame(this.pendingFrame);
    this.pendingFrame = 0;
    this.chart.destroy();
  }
}
