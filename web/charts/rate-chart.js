// The learning rate alpha over the epochs: the schedule (constant, decayed, or changed by
// hand during the run), one line.
import { baseOptions, formatNumber, LiveChart, readValue, Trace } from './chart-base.js';
import { PointStore } from './point-store.js';

const CAPACITY = 20000;  // points before thinning (see point-store.js)

export class RateChart extends LiveChart {
  constructor(canvas) {
    const options = baseOptions({
      type: 'linear',
      beginAtZero: true,
      grace: '10%',  // a constant rate is drawn below the top edge, not on it
      title: { display: true, text: 'Learning rate α' },
      ticks: { callback: formatNumber },
    });
    options.plugins.legend.display = false;
    options.plugins.tooltip.callbacks.label = (item) => `α = ${formatNumber(item.raw.raw)}`;
    super(canvas, options);
    this.store = new PointStore(CAPACITY);
    this.traces = [new Trace(this.store, {
      label: 'Learning rate',
      data: [],
      borderColor: '#000000',
      backgroundColor: '#000000',
      borderWidth: 2,
      pointRadius: 0,
      pointHoverRadius: 4,
      tension: 0,
    })];
  }

  clear() {
    this.store.clear();
    this.redraw();
  }

  // epochs: records from the engine ({ epoch, learning_rate, ... }).
  append(epochs) {
    for (const e of epochs) {
      const y = readValue(e.learning_rate);
      if (y !== undefined) this.store.push({ x: e.epoch, y });
    }
    this.redraw();
  }

  // The learning rate per epoch: [{ x: epoch, y: alpha }].
  series() {
    return this.store.points.map(({ x, y }) => ({ x, y }));
  }
}
