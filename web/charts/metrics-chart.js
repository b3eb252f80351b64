// Train, dev and test error (or loss) per epoch, the chart a learner reads first. Options:
// which metric, a log axis, smoothing (the course's bias-corrected exponentially weighted
// average), an early-stopping marker, and kept runs drawn faded underneath for comparison.
// Train, dev and test differ in colour (Okabe-Ito) and in dash style, for every reader.
import {
  baseOptions, formatNumber, formatPercent, formatPercentValue, LiveChart, logTicks, readValue, Trace, valueLabel,
} from './chart-base.js';
import { frozenStore, PointStore } from './point-store.js';
import { Smoother } from '../smoothing.js';

const SETS = [
  { key: 'train', name: 'Train', color: '#0072B2', dash: [], cap: 'butt' },    // solid
  { key: 'dev', name: 'Dev', color: '#D55E00', dash: [7, 4], cap: 'butt' },    // dashed
  { key: 'test', name: 'Test', color: '#009E73', dash: [0, 5], cap: 'round' },  // dotted
];
const METRICS = ['error', 'loss'];
const FADED_ALPHA = '59';   // 0x59 / 255 = 35% opacity
const CAPACITY = 20000;     // points per series before it thins (see point-store.js)

// Record field ('dev_loss') <-> series label ('Dev loss').
const field = (set, metric) => `${set.key}_${metric}`;
const labelOf = (set, metric) => `${set.name} ${metric}`;

function yScale(metric, log) {
  const error = metric === 'error';
  const title = {
    display: true,
    text: `${error ? 'Error (% misclassified)' : 'Loss (cost J)'}${log ? ', log scale' : ''}`,
  };
  if (log) return { type: 'logarithmic', title, ticks: { callback: logTicks(error ? formatPercent : formatNumber) } };
  if (error) return { type: 'linear', min: 0, suggestedMax: 0.5, title, ticks: { callback: formatPercent } };
  return { type: 'linear', beginAtZero: true, title, ticks: { callback: formatNumber } };
}

function lineDataset(set, faded) {
  const color = faded ? set.color + FADED_ALPHA : set.color;
  return {
    label: '',
    data: [],
    borderColor: color,
    backgroundColor: color,
    borderDash: set.dash,
    borderCapStyle: set.cap,
    borderWidth: faded ? 1.5 : 2.5,
    pointRadius: 0,
    pointHoverRadius: faded ? 3 : 4,
    tension: 0,
  };
}

// One run's series: a store per record field, and a dataset per set (kept across metric,
// log and smoothing changes, so a line hidden from the legend stays hidden).
function newRun(label, stores) {
  return {
    label,
    stores,
    datasets: Object.fromEntries(SETS.map((s) => [s.key, lineDataset(s, label !== null)])),
  };
}

// A Chart.js plugin drawing dashed vertical lines with a small label: "early stop" at
// marks.earlyStop (set by the page), "diverged" at marks.diverged (the first epoch whose
// training loss was inf or nan). marks: { earlyStop, diverged }, epochs or null.
const epochMarkers = (marks) => ({
  id: 'epochMarkers',
  afterDatasetsDraw(chart) {
    const { ctx, chartArea: area, scales: { x } } = chart;
    const lines = [[marks.earlyStop, 'early stop'], [marks.diverged, 'diverged']];
    lines.forEach(([epoch, text], row) => {
      if (typeof epoch !== 'number') return;
      const px = Math.round(x.getPixelForValue(epoch)) + 0.5;
      if (!(px >= area.left && px <= area.right)) return;
      ctx.save();
      ctx.strokeStyle = '#333';
      ctx.fillStyle = '#333';
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(px, area.top);
      ctx.lineTo(px, area.bottom);
      ctx.stroke();
      ctx.font = '12px system-ui, sans-serif';
      const right = px + 4 + ctx.measureText(text).width <= area.right;  // else left of the line
      ctx.textAlign = right ? 'left' : 'right';
      ctx.textBaseline = 'top';
      ctx.fillText(text, right ? px + 4 : px - 4, area.top + 4 + 16 * row);
      ctx.restore();
    });
  },
});

export class MetricsChart extends LiveChart {
  constructor(canvas) {
    const options = baseOptions(yScale('error', false));
    const marks = { earlyStop: null, diverged: null };
    options.plugins.tooltip.callbacks.label = (item) => valueLabel(item, this.metric === 'error' ? formatPercentValue : formatNumber);
    super(canvas, options, [epochMarkers(marks)]);
    this.marks = marks;
    this.metric = 'error';
    this.log = false;
    this.beta = 0;
    this.kept = [];  // comparison runs, oldest first
    this.current = newRun(null, this.newStores());
    this.retrace();
  }

  newStores() {
    const stores = {};
    for (const s of SETS) for (const m of METRICS) stores[field(s, m)] = new PointStore(CAPACITY);
    return stores;
  }

  // A new run: its points and markers go; kept runs stay.
  clear() {
    for (const store of Object.values(this.current.stores)) store.clear();
    Object.assign(this.marks, { earlyStop: null, diverged: null });
    this.redraw();
  }

  // epochs: records from the engine ({ epoch, train_error, dev_loss, ... }).
  append(epochs) {
    const stores = this.current.stores;
    for (const e of epochs) {
      for (const name in stores) {
        const y = readValue(e[name]);
        if (y === undefined) continue;
        stores[name].push({ x: e.epoch, y });
        // Training diverged when its own loss is not finite; an infinite dev loss only means
        // a confident wrong prediction (log 0) on the dev set.
        if (!Number.isFinite(y) && name.startsWith('train') && this.marks.diverged === null) this.marks.diverged = e.epoch;
      }
    }
    this.redraw();
  }

  // The raw (unsmoothed) points of one series of the current run: [{ x: epoch, y }], y is
  // Infinity where the engine reported "inf". Labels: 'Train error' ... 'Test loss'.
  // Exact up to 20,000 epochs; longer runs keep evenly spaced epochs (see point-store.js).
  series(label) {
    for (const s of SETS) {
      for (const m of METRICS) {
        if (labelOf(s, m) === label) return this.current.stores[field(s, m)].points.map(({ x, y }) => ({ x, y }));
      }
    }
    return [];
  }

  // 'error' (a percentage axis) or 'loss'.
  setMetric(metric) {
    if (!METRICS.includes(metric)) throw new RangeError(`MetricsChart.setMetric: metric must be 'error' or 'loss'; got ${metric}`);
    this.metric = metric;
    this.restyle();
  }

  // A logarithmic y axis; zeros and negative values are left out of it.
  setLogScale(on) {
    this.log = Boolean(on);
    this.restyle();
  }

  // beta from 0 (off) to 0.99: the drawn curves are smoothed, the stored points are not.
  setSmoothing(beta) {
    new Smoother(beta);  // refuses a beta outside [0, 1) here, not at the next frame
    this.beta = beta;
    this.retrace();
  }

  // The epoch marked by markEarlyStop, and the first epoch with an inf/nan value (or null).
  get earlyStop() {
    return this.marks.earlyStop;
  }

  get diverged() {
    return this.marks.diverged;
  }

  // A vertical marker at the epoch where early stopping kept its weights; null removes it.
  markEarlyStop(epoch) {
    if (epoch !== null && !Number.isFinite(epoch)) throw new RangeError(`MetricsChart.markEarlyStop: epoch must be a number or null; got ${epoch}`);
    this.marks.earlyStop = epoch;
    this.redraw();
  }

  // Keeps the current run, drawn faded under the next ones as `${label} · Dev error`...
  // A run kept under a label already used replaces it. Returns false (and keeps nothing)
  // when the current run has no points yet.
  keepRun(label) {
    if (typeof label !== 'string' || label.trim() === '') throw new TypeError('MetricsChart.keepRun: label must be a non-empty string');
    if (!Object.values(this.current.stores).some((s) => s.points.length)) return false;
    const stores = Object.fromEntries(Object.entries(this.current.stores).map(([k, s]) => [k, frozenStore(s)]));
    this.kept = this.kept.filter((r) => r.label !== label).concat(newRun(label, stores));
    this.retrace();
    return true;
  }

  clearRuns() {
    this.kept = [];
    this.retrace();
  }

  runs() {
    return this.kept.map((r) => r.label);
  }

  restyle() {
    this.chart.options.scales.y = yScale(this.metric, this.log);
    this.retrace();
  }

  // Rebuilds the traces of the shown metric: the current run on top, then the kept runs.
  retrace() {
    const runs = [this.current, ...this.kept];
    this.traces = runs.flatMap((run) => SETS.map((s) => {
      const dataset = run.datasets[s.key];
      dataset.label = run.label === null ? labelOf(s, this.metric) : `${run.label} · ${labelOf(s, this.metric)}`;
      return new Trace(run.stores[field(s, this.metric)], dataset, { beta: this.beta, log: this.log });
    }));
    this.listDatasets();
    this.redraw();
  }
}
