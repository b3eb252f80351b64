// The loss along the straight line from the initial (t = 0) to the final (t = 1) weights:
// one Chart.js line, with the two ends marked.
import { Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { short } from './form.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

export class LineChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.chart = null;
  }

  // t: positions along the line, loss: the loss there (null where not finite); colour: the run's.
  show(t, loss, colour) {
    const data = t.map((x, i) => ({ x, y: typeof loss[i] === 'number' && Number.isFinite(loss[i]) ? loss[i] : null }));
    // The samples nearest t = 0 and t = 1 carry the run's start (hollow) and end (filled) marks.
    const nearest = (target) => t.reduce((best, x, i) => (Math.abs(x - target) < Math.abs(t[best] - target) ? i : best), 0);
    const start = nearest(0), end = nearest(1);
    const dataset = {
      label: 'Loss', data, borderColor: colour, backgroundColor: colour, borderWidth: 2, tension: 0, spanGaps: false,
      pointRadius: data.map((_, i) => (i === start || i === end ? 5 : 0)),
      pointBackgroundColor: data.map((_, i) => (i === start ? '#ffffff' : colour)),
      pointBorderWidth: 2,
    };
    if (this.chart) {
      this.chart.data.datasets = [dataset];
      this.chart.update();
      return;
    }
    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: { datasets: [dataset] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, parsing: false, normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { type: 'linear', title: { display: true, text: 't (0: initial weights, 1: final weights)' },
            ticks: { callback: (v) => short(v) } },
          y: { type: 'linear', title: { display: true, text: 'Training loss' }, ticks: { callback: (v) => short(v) } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: (items) => `t = ${short(items[0].parsed.x)}`, label: (item) => `loss ${short(item.parsed.y)}` } },
        },
      },
    });
  }

  // For tests and readers: [{ t, loss }].
  series() {
    return this.chart ? this.chart.data.datasets[0].data.map(({ x, y }) => ({ t: x, loss: y })) : [];
  }
}
