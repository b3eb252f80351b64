// Train and dev error per epoch, as a Chart.js line chart. Points are appended as epochs
// arrive and the chart redraws at most once per animation frame; long runs are decimated.
import {
  Chart, LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Decimation,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Decimation);

// Okabe-Ito colours, told apart by colour-blind readers, and by dash style as well.
const SERIES = [
  { key: 'train_error', label: 'Train error', color: '#0072B2', dash: [] },
  { key: 'dev_error', label: 'Dev error', color: '#D55E00', dash: [6, 4] },
];

export class ErrorChart {
  constructor(canvas) {
    this.pendingFrame = 0;
    // The source points of each series. The decimation plugin swaps dataset.data for its
    // own array, so points are kept here and handed to the chart on each redraw.
    this.points = SERIES.map(() => []);
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: SERIES.map((s) => ({
          label: s.label,
          data: [],
          borderColor: s.color,
          backgroundColor: s.color,
          borderDash: s.dash,
          borderWidth: 2,
          pointRadius: 0,
          pointHoverRadius: 4,
          tension: 0,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { type: 'linear', min: 0, title: { display: true, text: 'Epoch' }, ticks: { precision: 0 } },
          y: {
            type: 'linear', min: 0, suggestedMax: 0.6,
            title: { display: true, text: 'Error (fraction misclassified)' },
            ticks: { callback: (v) => `${Math.round(v * 100)}%` },
          },
        },
        plugins: {
          legend: { position: 'top', labels: { usePointStyle: false, boxHeight: 2 } },
          tooltip: {
            callbacks: {
              title: (items) => `Epoch ${items[0].parsed.x}`,
              label: (item) => `${item.dataset.label}: ${(item.parsed.y * 100).toFixed(1)}%`,
            },
          },
          decimation: { enabled: true, algorithm: 'lttb', samples: 400, threshold: 800 },
        },
      },
    });
  }

  clear() {
    this.points = SERIES.map(() => []);
    this.redraw();
  }

  // epochs: metrics records from the engine ({ epoch, train_error, dev_error, ... }).
  append(epochs) {
    SERIES.forEach((s, i) => {
      const data = this.points[i];
      for (const e of epochs) if (typeof e[s.key] === 'number') data.push({ x: e.epoch, y: e[s.key] });
    });
    this.redraw();
  }

  // The points of one series, for the page's readers and tests: [{ x: epoch, y }].
  series(label) {
    const i = SERIES.findIndex((s) => s.label === label);
    return i < 0 ? [] : this.points[i].map(({ x, y }) => ({ x, y }));
  }

  redraw() {
    if (this.pendingFrame) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      this.chart.data.datasets.forEach((d, i) => { d.data = this.points[i]; });
      this.chart.update('none');
    });
  }
}
