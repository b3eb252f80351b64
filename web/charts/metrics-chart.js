// Train, dev and test error (or loss) per epoch, the chart a learner reads first (and
// train-dev, when the run holds a train-dev set out of its training data). Options:
// which metric, a log axis, smoothing (the course's bias-corrected exponentially weighted
// average), an early-stopping marker, and kept runs drawn faded underneath for comparison.
// Train, dev and test differ in colour (Okabe-Ito) and in dash style, for every reader; each
// kept run has one colour of its own (its train, dev and test lines in the same dashes), and
// one legend entry that shows or hides all its lines.
import {
  baseOptions, epochAxis, formatNumber, formatPercent, formatPercentValue, lineLabels, LiveChart, logTicks, readValue, Trace,
  valueLabel,
} from './chart-base.js';
import { frozenStore, PointStore } from './point-store.js';
import { Smoother } from '../smoothing.js';
import { controlOf } from './zoom.js';

const SETS = [
  { key: 'train', name: 'Train', color: '#0072B2', dash: [], cap: 'butt' },    // solid
  { key: 'dev', name: 'Dev', color: '#D55E00', dash: [7, 4], cap: 'butt' },    // dashed
  { key: 'test', name: 'Test', color: '#009E73', dash: [0, 5], cap: 'round' },  // dotted
  // Drawn only when the run has a train-dev set (a line with no points is left out); a brown
  // no kept run takes (RUN_COLORS below), so a kept run's line is never read as train-dev.
  { key: 'train_dev', name: 'Train-dev', color: '#8C510A', dash: [10, 3, 2, 3], cap: 'butt' },  // dash-dot
];
const METRICS = ['error', 'loss'];
// The kept runs' colours, in the order runs take them: the Okabe-Ito colours the current run
// does not use (orange, reddish purple, sky blue, black; its yellow is too light on white),
// then Paul Tol's muted wine, olive, indigo and teal. Both palettes are made to stay apart
// for colour-blind readers; the legend names each run as well.
export const RUN_COLORS = Object.freeze(['#E69F00', '#CC79A7', '#56B4E9', '#000000', '#882255', '#999933', '#332288', '#44AA99']);
const FADED_ALPHA = 'A6';   // 0xA6 / 255 = 65% opacity: faded, the hue still readable
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

// The first colour no other kept run has (after the eighth run, they come round again).
export function nextRunColor(used) {
  return RUN_COLORS.find((c) => !used.includes(c)) ?? RUN_COLORS[used.length % RUN_COLORS.length];
}

// A line of set `set`; a kept run's (faded) in its own colour `runColor`.
function lineDataset(set, runColor) {
  const faded = runColor !== null;
  const color = faded ? runColor + FADED_ALPHA : set.color;
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
// log and smoothing changes, so a line hidden from the legend stays hidden). The current run
// has label and color null.
function newRun(label, stores, color = null) {
  return {
    label,
    stores,
    color,
    hidden: false,
    datasets: Object.fromEntries(SETS.map((s) => [s.key, lineDataset(s, color)])),
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
    // Chart.js builds the legend within super(), before `this` exists: the callbacks reach it
    // through `built`, set once it does.
    const built = { chart: null };
    options.plugins.legend.labels.generateLabels = (chart) => built.chart?.legendItems(chart) ?? [];
    options.plugins.legend.onClick = (event, item) => built.chart?.toggle(item);
    super(canvas, options, [epochMarkers(marks)]);
    built.chart = this;
    this.marks = marks;
    this.metric = 'error';
    this.log = false;
    this.logEpochs = false;
    this.beta = 0;
    this.kept = [];  // comparison runs, oldest first
    this.current = newRun(null, this.newStores());
    this.retrace();
    // The page's "Log epochs" checkbox (its aria-controls names this canvas), if it has one.
    this.logEpochsBox = controlOf(canvas, 'input.log-epochs');
    this.logEpochsBox?.addEventListener('change', () => this.setLogEpochs(this.logEpochsBox.checked));
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
  // Infinity where the engine reported "inf". Labels: 'Train error' ... 'Test loss', 'Train-dev error'.
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

  // A logarithmic epoch axis, from epoch 1: the first epochs of a long run get as much room
  // as the last decade. Epoch 0 (before training) is not on it; a zoom is reset.
  setLogEpochs(on) {
    this.logEpochs = Boolean(on);
    if (this.logEpochsBox) this.logEpochsBox.checked = this.logEpochs;
    this.zoom.reset();
    this.chart.options.scales.x = epochAxis(this.logEpochs);
    this.retrace();
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

  // Keeps the current run, drawn faded under the next ones in a colour of its own, as
  // `${label} · Dev error`... A run kept under a label already used replaces it. Returns
  // false (and keeps nothing) when the current run has no points yet.
  keepRun(label) {
    if (typeof label !== 'string' || label.trim() === '') throw new TypeError('MetricsChart.keepRun: label must be a non-empty string');
    if (!Object.values(this.current.stores).some((s) => s.points.length)) return false;
    const stores = Object.fromEntries(Object.entries(this.current.stores).map(([k, s]) => [k, frozenStore(s)]));
    const others = this.kept.filter((r) => r.label !== label);
    this.kept = others.concat(newRun(label, stores, nextRunColor(others.map((r) => r.color))));
    this.retrace();
    return true;
  }

  // The legend: the current run's train, dev and test lines, then one entry per kept run.
  legendItems(chart) {
    const items = lineLabels(chart);
    const itemOf = (dataset) => items.find((item) => chart.data.datasets[item.datasetIndex] === dataset);
    const shown = SETS.map((s) => itemOf(this.current.datasets[s.key])).filter(Boolean);
    for (const run of this.kept) {
      const first = SETS.map((s) => itemOf(run.datasets[s.key])).find(Boolean);
      if (first) shown.push({ ...first, text: run.label, run: run.label, lineDash: [], lineCap: 'butt', lineWidth: 2.5, hidden: run.hidden });
    }
    return shown;
  }

  // A legend click: a kept run's entry shows or hides all its lines, another entry its line.
  toggle(item) {
    const run = this.kept.find((r) => r.label === item.run);
    if (run) this.showRun(run.label, run.hidden);
    else {
      const dataset = this.chart.data.datasets[item.datasetIndex];
      if (dataset) dataset.hidden = !dataset.hidden;
      this.chart.update('none');
    }
  }

  // Shows (or hides) every line of the kept run `label`.
  showRun(label, shown) {
    const run = this.kept.find((r) => r.label === label);
    if (!run) throw new RangeError(`MetricsChart.showRun: no kept run is named ${label}`);
    run.hidden = !shown;
    for (const dataset of Object.values(run.datasets)) dataset.hidden = run.hidden;
    this.chart.update('none');
  }

  // Whether the kept run `label`'s lines are drawn (a legend click hides them).
  isRunShown(label) {
    return this.kept.some((r) => r.label === label && !r.hidden);
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
      return new Trace(run.stores[field(s, this.metric)], dataset, { beta: this.beta, log: this.log, logX: this.logEpochs });
    }));
    this.listDatasets();
    this.redraw();
  }
}
