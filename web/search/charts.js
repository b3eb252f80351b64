// Scatter charts of the dev error against each searched hyperparameter (Chart.js), one
// colour per round, the best trial a larger star. Log-scaled hyperparameters get a log x
// axis; a beta is drawn as 1 - beta on a log axis, where 0.9, 0.99 and 0.999 are evenly spaced.
// Each zooms and pans on both axes (../charts/zoom.js), with a "Reset zoom" button of its own.
import { Chart, Legend, LinearScale, LogarithmicScale, PointElement, ScatterController, Tooltip } from 'chart.js';
import { ZoomControl } from '../charts/zoom.js';
import { h } from './dom.js';
import { axisIsLog, axisTitle, axisValue, formatValue, paramOf } from './params.js';
import { formatLoss, formatPercent } from './results.js';

Chart.register(ScatterController, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend);

const ROUND_COLOURS = ['#0072b2', '#009e73', '#cc79a7', '#56b4e9', '#e69f00', '#5b6475'];
const BEST = '#d55e00';

const tick = (v) => {
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(0).replace('e+', 'e') : String(Number(v.toPrecision(3)));
};

// On a log axis only powers of ten are labelled (and 2 and 5 times them when the axis spans
// less than two decades), else the labels overlap.
const logTick = (v, index, ticks) => {
  const decades = Math.log10(ticks.at(-1).value / ticks[0].value);
  const m = Math.round((v / 10 ** Math.floor(Math.log10(v))) * 1e6) / 1e6;
  return (decades >= 2 ? [1] : [1, 2, 5]).includes(m) ? tick(v) : '';
};

export class SearchCharts {
  constructor(container) {
    this.grid = h('div', { className: 'sr-charts' });
    container.append(this.grid);
    this.charts = new Map();  // name -> { chart, canvas, figure, zoom }
    this.names = [];
  }

  // rows: every trial's row; names: the searched hyperparameters; best: the best row.
  update(rows, names, best) {
    if (names.join() !== this.names.join()) this.rebuild(names);
    const done = rows.filter((r) => r.status === 'done');
    const byError = done.some((r) => Number.isFinite(r.dev_error));
    const metric = byError ? 'dev_error' : 'dev_loss';
    const rounds = [...new Set(done.map((r) => r.round))].sort((a, b) => a - b);
    for (const name of names) {
      const { chart, canvas } = this.charts.get(name);
      const p = paramOf(name);
      const point = (r) => ({ x: axisValue(p.scale, r.values[name]), y: r[metric], value: r.values[name], row: r });
      const usable = (r) => Number.isFinite(r[metric]) && Number.isFinite(r.values?.[name]) && (!axisIsLog(p.scale) || axisValue(p.scale, r.values[name]) > 0);
      chart.data.datasets = [
        ...(best && usable(best) ? [{ label: 'Best', data: [point(best)], backgroundColor: BEST, borderColor: '#1d2330', borderWidth: 1.5,
          pointStyle: 'rectRot', pointRadius: 8, pointHoverRadius: 10, order: 0 }] : []),
        ...rounds.map((round, i) => ({
          // Sorted by x: without parsing, Chart.js takes a dataset's x range from its ends.
          label: `Round ${round}`, data: done.filter((r) => r.round === round && usable(r)).map(point).sort((a, b) => a.x - b.x),
          backgroundColor: `${ROUND_COLOURS[i % ROUND_COLOURS.length]}b3`, borderColor: ROUND_COLOURS[i % ROUND_COLOURS.length],
          borderWidth: 1, pointRadius: 4.5, pointHoverRadius: 6, order: 1,
        })),
      ];
      const y = chart.options.scales.y;
      y.title.text = byError ? 'Dev error' : 'Dev loss';
      y.ticks.callback = byError ? (v) => formatPercent(v).replace('.0%', '%') : tick;
      chart.update('none');
      const n = chart.data.datasets.filter((d) => d.label !== 'Best').reduce((s, d) => s + d.data.length, 0);
      canvas.setAttribute('aria-label', `Scatter chart of the ${y.title.text.toLowerCase()} against ${p.label}: ${n} trials${best ? `, the best at ${formatValue(p.scale, best.values[name])}` : ''}.`);
    }
  }

  rebuild(names) {
    for (const { chart, zoom } of this.charts.values()) {
      zoom.destroy();
      chart.destroy();
    }
    this.charts.clear();
    this.grid.replaceChildren();
    this.names = [...names];
    for (const name of names) {
      const p = paramOf(name);
      const canvas = h('canvas', { role: 'img' });
      const caption = `Dev error against ${p.label}`;
      const reset = h('button', { type: 'button', className: 'reset-zoom', textContent: 'Reset zoom', hidden: true,
        'aria-label': `Reset zoom of the chart of dev error against ${p.label}`, title: 'Show every trial again (or double-click the chart)' });
      const figure = h('figure', { className: 'sr-chart' }, [
        h('figcaption', {}, [h('span', { textContent: caption }), reset]), h('div', { className: 'sr-chart-box' }, [canvas])]);
      this.grid.append(figure);
      const log = axisIsLog(p.scale);
      const chart = new Chart(canvas, {
        type: 'scatter',
        data: { datasets: [] },
        options: {
          animation: false,
          maintainAspectRatio: false,
          parsing: false,
          scales: {
            x: { type: log ? 'logarithmic' : 'linear', title: { display: true, text: axisTitle(p) },
              ticks: { callback: log ? logTick : tick, maxRotation: 0, autoSkip: true } },
            y: { type: 'linear', beginAtZero: true, title: { display: true, text: 'Dev error' }, ticks: {} },
          },
          plugins: {
            legend: { position: 'top', align: 'end', labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8, font: { size: 11 } } },
            tooltip: { callbacks: {
              title: (items) => `Round ${items[0].raw.row.round}, trial ${items[0].raw.row.number}`,
              label: (item) => {
                const r = item.raw.row;
                return [`${p.label} ${formatValue(p.scale, item.raw.value)}`,
                  `dev error ${formatPercent(r.dev_error)}, dev loss ${formatLoss(r.dev_loss)}`];
              },
            } },
          },
        },
      });
      this.charts.set(name, { chart, canvas, figure, zoom: new ZoomControl(chart, { mode: 'xy', button: reset }) });
    }
  }

  // What is drawn, for tests: [{ name, points (trials), best: { x, y } | null, log }].
  points() {
    return this.names.map((name) => {
      const { chart } = this.charts.get(name);
      const sets = chart.data.datasets;
      const best = sets.find((d) => d.label === 'Best')?.data[0];
      return { name, points: sets.filter((d) => d.label !== 'Best').reduce((s, d) => s + d.data.length, 0),
        best: best ? { x: best.x, y: best.y } : null, log: chart.options.scales.x.type === 'logarithmic' };
    });
  }
}
