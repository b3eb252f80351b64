// One statistic of every layer over the epochs, one line per layer: gradient norms on a log
// axis show vanishing or exploding gradients at a glance (on a deep network the lines fan
// out layer by layer); the dead and saturated fractions show units that stopped learning.
// (depth-chart.js draws the same statistics against the layer index, for one epoch.)
// Layers are coloured along a sequential ramp (viridis, dark = first layer, light = last),
// so the order of the layers reads from the colours without the legend.
import {
  baseOptions, formatNumber, formatPercent, formatPercentValue, lineLabels, LiveChart, logTicks, readValue, Trace,
  valueLabel,
} from './chart-base.js';
import { PointStore } from './point-store.js';
import { Smoother } from '../smoothing.js';

// The statistics of each layer in an epoch record's `layers` array. Norms and spreads grow or
// shrink geometrically with depth in a deep network: a log axis shows 1.5^l as a straight line.
export const STATS = {
  grad_norm: { title: 'Gradient norm ‖dW‖', log: true },
  weight_norm: { title: 'Weight norm ‖W‖', log: true },
  act_std: { title: 'Standard deviation of activations A', log: true },
  act_mean: { title: 'Mean of activations A', log: false },
  saturated: { title: 'Saturated units (share of the layer)', fraction: true },
  dead: { title: 'Dead units (share of the layer)', fraction: true },
};
// A value of `stat` as the tooltips and captions show it.
export const formatStat = (stat, v) => (STATS[stat].fraction ? formatPercentValue(v) : formatNumber(v));
const CAPACITY = 2000;  // points per layer and statistic before thinning (see point-store.js)

// Viridis, from 0 to 0.85 of the way (its last, light yellow stops fade on white).
const VIRIDIS = ['#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70', '#7ad151', '#a5db36'];

// The colour of layer i of n: evenly spaced along the ramp, first layer darkest.
export function layerColor(i, n) {
  const t = n <= 1 ? 0 : (i / (n - 1)) * (VIRIDIS.length - 1);
  const k = Math.min(Math.floor(t), VIRIDIS.length - 2);
  const f = t - k;
  const rgb = (hex) => [1, 3, 5].map((j) => parseInt(hex.slice(j, j + 2), 16));
  const a = rgb(VIRIDIS[k]);
  const b = rgb(VIRIDIS[k + 1]);
  return `rgb(${a.map((v, j) => Math.round(v + (b[j] - v) * f)).join(', ')})`;
}

// Legend entries "Layer 1", "2", "3", ...: the colours carry the order, the numbers name it.
function layerLabels(chart) {
  return lineLabels(chart).map((item) => (item.datasetIndex === 0 ? item : { ...item, text: String(item.datasetIndex + 1) }));
}

export function yScale(stat) {
  const { title, log, fraction } = STATS[stat];
  const axisTitle = { display: true, text: log ? `${title}, log scale` : title };
  if (log) return { type: 'logarithmic', title: axisTitle, ticks: { callback: logTicks(formatNumber) } };
  if (fraction) return { type: 'linear', min: 0, max: 1, title: axisTitle, ticks: { callback: formatPercent } };
  return { type: 'linear', title: axisTitle, ticks: { callback: formatNumber } };
}

export class LayersChart extends LiveChart {
  constructor(canvas) {
    const options = baseOptions(yScale('grad_norm'), { samples: 200, threshold: 400 });
    // A compact legend that fits a narrow card with 20 layers: "Layer 1  2  3 ... 12".
    Object.assign(options.plugins.legend.labels, {
      pointStyleWidth: 14, padding: 6, font: { size: 11 }, generateLabels: layerLabels,
    });
    options.plugins.tooltip.callbacks.label = (item) => valueLabel(item, (v) => this.format(v));
    super(canvas, options);
    this.stat = 'grad_norm';
    this.beta = 0;
    this.layers = [];  // per layer: { stores: { stat: PointStore }, dataset }
  }

  clear() {
    this.layers = [];
    this.retrace();
  }

  // epochs: records from the engine, each with `layers: [{ grad_norm, weight_norm, ... }]`.
  append(epochs) {
    const before = this.layers.length;
    for (const e of epochs) {
      const layers = Array.isArray(e.layers) ? e.layers : [];
      while (this.layers.length < layers.length) this.addLayer();
      layers.forEach((l, i) => {
        const stores = this.layers[i].stores;
        for (const stat in stores) {
          const y = readValue(l[stat]);
          if (y !== undefined) stores[stat].push({ x: e.epoch, y });
        }
      });
    }
    if (this.layers.length !== before) this.retrace();
    else this.redraw();
  }

  addLayer() {
    const stores = Object.fromEntries(Object.keys(STATS).map((s) => [s, new PointStore(CAPACITY)]));
    const dataset = {
      label: `Layer ${this.layers.length + 1}`,
      data: [],
      borderWidth: 1.5,
      pointRadius: 0,
      pointHoverRadius: 3,
      tension: 0,
    };
    this.layers.push({ stores, dataset });
  }

  // 'grad_norm' | 'weight_norm' | 'act_std' (log axis), 'act_mean', 'saturated' | 'dead' (0 to 1).
  setStat(stat) {
    if (!(stat in STATS)) throw new RangeError(`LayersChart.setStat: stat must be one of ${Object.keys(STATS).join(', ')}; got ${stat}`);
    this.stat = stat;
    this.chart.options.scales.y = yScale(stat);
    this.retrace();
  }

  // beta from 0 (off) to 0.99, as MetricsChart.setSmoothing: per-epoch gradient norms are
  // noisy, and a smoothed line shows the trend of each layer.
  setSmoothing(beta) {
    new Smoother(beta);  // refuses a beta outside [0, 1) here
    this.beta = beta;
    this.retrace();
  }

  // The points of one layer ('Layer 1', ...) for the shown statistic, or for `stat`.
  series(label, stat = this.stat) {
    const i = Number(/^Layer (\d+)$/.exec(label)?.[1]) - 1;
    const layer = this.layers[i];
    return layer && stat in STATS ? layer.stores[stat].points.map(({ x, y }) => ({ x, y })) : [];
  }

  format(v) {
    return formatStat(this.stat, v);
  }

  // Colours follow the number of layers, so a ramp always runs from dark to light.
  retrace() {
    const n = this.layers.length;
    this.traces = this.layers.map((layer, i) => {
      const color = layerColor(i, n);
      Object.assign(layer.dataset, { borderColor: color, backgroundColor: color });
      return new Trace(layer.stores[this.stat], layer.dataset, { beta: this.beta, log: STATS[this.stat].log });
    });
    this.listDatasets();
    this.redraw();
  }
}
