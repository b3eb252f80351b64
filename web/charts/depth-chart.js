// One statistic of every layer against the layer index at one epoch (1 = the first hidden
// layer, L = the output layer), on a log axis for the norms and the activations' spread:
// activations that grow as 1.5^l draw a straight rising line, vanishing ones a falling line.
// The points take the layers' colours of the chart over the epochs (viridis, first darkest).
import { baseOptions, LiveChart, valueLabel } from './chart-base.js';
import { formatStat, layerColor, yScale } from './layers-chart.js';

export class DepthChart extends LiveChart {
  constructor(canvas) {
    const options = baseOptions(yScale('act_std'));
    // offset: half a step of room at each end, so the first and last layers' points show whole.
    options.scales.x = {
      type: 'linear', min: 1, offset: true, title: { display: true, text: 'Layer' },
      ticks: { stepSize: 1, precision: 0, maxRotation: 0 },
    };
    options.plugins.legend.display = false;  // one line: the slider beside the chart names its epoch
    options.plugins.tooltip.callbacks.title = (items) => `Layer ${items[0].raw.x}`;
    options.plugins.tooltip.callbacks.label = (item) => valueLabel(item, (v) => formatStat(this.stat, v));
    super(canvas, options);
    this.stat = 'act_std';
    this.dataset = {
      label: '', data: [], borderColor: '#5b6475', backgroundColor: '#5b6475', borderWidth: 1.5,
      pointRadius: 4, pointHoverRadius: 6, pointBackgroundColor: [], pointBorderColor: [], tension: 0,
      clip: 6,  // pixels past the plot area: a point at the top or bottom of the axis shows whole
      // The output layer has an activation of its own: the step to it is dashed.
      segment: { borderDash: (ctx) => (ctx.p1DataIndex === this.dataset.data.length - 1 && ctx.p1DataIndex > 1 ? [4, 4] : undefined) },
    };
  }

  // points: [{ x: layer, y, raw }] (depth-data.js depthPoints) of `stat` at `epoch`.
  show(stat, points, epoch) {
    if (stat !== this.stat) {
      this.stat = stat;
      this.chart.options.scales.y = yScale(stat);
    }
    const n = points.length;
    const colors = points.map((_, i) => layerColor(i, n));
    Object.assign(this.dataset, { label: `Epoch ${epoch}`, data: points, pointBackgroundColor: colors, pointBorderColor: colors });
    const x = this.chart.options.scales.x;
    // A suggested end, not a max: the axis still ends at the last layer, and a zoom (which
    // sets min and max) stays while the run goes on.
    x.suggestedMax = Math.max(n, 2);
    x.title.text = n > 1 ? `Layer (1 = first hidden layer, ${n} = output layer)` : 'Layer';
    this.redraw();
  }

  draw() {
    this.chart.data.datasets = this.dataset.data.length ? [this.dataset] : [];
    this.zoom.follow();
    this.chart.update('none');
  }
}
