// The report's small charts, drawn with Chart.js from the descriptions verdicts.js writes:
// { x: { title, log, min, max }, y: { title, log, percent, max }, y2?, series: [{ label,
// points: [{x, y}], colour, dashed, scatter, thin, axis }] }.
import {
  Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, ScatterController, Tooltip,
} from 'chart.js';
import { num } from './format.js';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

const percent = (v) => `${Number((v * 100).toPrecision(3))}%`;

function axis(spec, position) {
  const format = spec.percent ? percent : num;
  const options = {
    type: spec.log ? 'logarithmic' : 'linear',
    position,
    title: { display: true, text: spec.title, font: { size: 11 } },
    ticks: { font: { size: 10 }, maxTicksLimit: 6, callback: (v) => format(v) },
    grid: { color: '#eef1f5', drawOnChartArea: position !== 'right' },
  };
  if (spec.log && position === 'bottom') {
    // Over many decades label only the powers of ten; over two or fewer, 2x and 5x too.
    options.ticks.callback = (v, index, ticks) => {
      const decades = Math.log10(ticks.at(-1).value / ticks[0].value);
      const m = v / 10 ** Math.floor(Math.log10(v) + 1e-9);  // the mantissa, 1 <= m < 10
      const whole = Math.abs(m - Math.round(m)) < 1e-6;
      return whole && (Math.round(m) === 1 || (decades <= 2 && [2, 5].includes(Math.round(m)))) ? num(v) : '';
    };
    options.ticks.maxTicksLimit = 20;
    options.ticks.autoSkip = false;
  }
  if (spec.min !== undefined) options.min = spec.min;
  if (spec.max !== undefined) options.max = spec.max;
  if (spec.percent && !spec.log) options.min = 0;
  return options;
}

function dataset(s) {
  return {
    type: s.scatter ? 'scatter' : 'line',
    label: s.label,
    data: s.points,
    yAxisID: s.axis === 'y2' ? 'y2' : 'y',
    borderColor: s.colour,
    backgroundColor: s.colour,
    borderWidth: s.thin ? 1 : 2,
    borderDash: s.dashed ? [5, 4] : undefined,
    pointRadius: s.scatter ? 5 : 0,
    pointHoverRadius: 5,
    showLine: !s.scatter,
    tension: 0,
    clip: 4,
  };
}

// Draws description into canvas (replacing its chart); returns the Chart.
export function drawChart(canvas, description) {
  Chart.getChart(canvas)?.destroy();
  const { x, y, y2, series } = description;
  const scales = { x: axis(x, 'bottom'), y: axis(y, 'left') };
  if (y2) scales.y2 = axis(y2, 'right');
  const yFormat = (item) => (item.dataset.yAxisID === 'y2' ? y2 : y).percent ? percent : num;
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: series.filter((s) => s.points.length).map(dataset) },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false, parsing: false, normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      scales,
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 2, font: { size: 11 } } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? `${x.log ? 'α' : x.title} = ${num(items[0].parsed.x)}` : ''),
            label: (item) => `${item.dataset.label}: ${yFormat(item)(item.parsed.y)}${item.raw.l2 !== undefined ? ` (λ = ${num(item.raw.l2)})` : ''}`,
          },
        },
      },
    },
  });
}
