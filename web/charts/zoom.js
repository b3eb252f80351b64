// Zoom and pan on the charts: the wheel (or a pinch) zooms, a drag pans, a double click or
// the chart's "Reset zoom" button shows everything again. chartjs-plugin-zoom does the
// zooming and needs Hammer.js for the drag and the pinch; both are registered here, once,
// for every chart that makes a ZoomControl.
//
// A zoom is the x scale's min and max written into the chart's options by the plugin. The
// live charts never write them (their axes follow the data only while they are unset), so a
// run that adds epochs leaves a zoom where the learner put it; a reset unsets them again.
import { Chart } from 'chart.js';

// Hammer.js reads `window` as it loads: the plugin is loaded in a page only, so that Node's
// unit tests can import the charts' pure parts.
const zoomPlugin = typeof window === 'undefined' ? null : (await import('chartjs-plugin-zoom')).default;
if (zoomPlugin) Chart.register(zoomPlugin);

// The narrowest epoch range a zoom shows (one epoch).
export const MIN_EPOCH_RANGE = 1;

// The plugin's options. mode: 'x' (epoch charts: the value axis keeps fitting the data) or
// 'xy' (the search scatters); changed(): called after every zoom or pan step.
export function zoomOptions(mode, changed) {
  return {
    zoom: { wheel: { enabled: true, speed: 0.1 }, pinch: { enabled: true }, mode, onZoom: changed },
    pan: { enabled: true, mode, threshold: 4, onPan: changed },
    limits: mode === 'x' ? { x: {} } : { x: { min: 'original', max: 'original' }, y: { min: 'original', max: 'original' } },
  };
}

// The x limits of a zoom or pan: the data's first and last x (one range over all datasets,
// each sorted by x); {} (no limit) without data.
export function dataLimits(datasets, minRange = MIN_EPOCH_RANGE) {
  let min = Infinity;
  let max = -Infinity;
  for (const d of datasets) {
    const data = d._data ?? d.data;  // the decimation plugin keeps the full array as _data
    if (!data?.length) continue;
    min = Math.min(min, data[0].x);
    max = Math.max(max, data[data.length - 1].x);
  }
  return min <= max ? { min, max, minRange } : {};
}

// Whether the range [min, max] shows all of [limits.min, limits.max] (zoomed all the way out).
export function showsAll({ min, max }, limits) {
  return limits.min !== undefined && min <= limits.min && max >= limits.max;
}

// The page's control of a canvas: the element matching `selector` whose aria-controls names
// the canvas, or null (an embedded chart has none).
export function controlOf(canvas, selector) {
  if (!canvas.id) return null;
  return canvas.ownerDocument.querySelector(`${selector}[aria-controls~="${CSS.escape(canvas.id)}"]`);
}

// The "Reset zoom" button of a canvas.
export const resetButtonFor = (canvas) => controlOf(canvas, 'button.reset-zoom');

const controlsOf = new WeakMap();  // button -> the ZoomControls it resets (one card may hold two charts)

// Zoom and pan on one Chart.js chart, its reset by double click or by `button` (shown only
// while the chart is zoomed or panned).
export class ZoomControl {
  constructor(chart, { mode = 'x', button = null } = {}) {
    this.chart = chart;
    this.mode = mode;
    this.zoomed = false;
    chart.options.plugins.zoom = zoomOptions(mode, () => this.changed());
    chart.canvas.addEventListener('dblclick', () => this.reset());
    this.button = button;
    if (button) {
      if (!controlsOf.has(button)) {
        controlsOf.set(button, new Set());
        button.addEventListener('click', () => { for (const c of controlsOf.get(button)) c.reset(); });
      }
      controlsOf.get(button).add(this);
    }
    this.show();
    chart.update('none');  // the plugin reads its options (and starts listening) at an update
  }

  // After a zoom or pan step: zoomed out all the way is not zoomed (the axis follows the data again).
  changed() {
    const limits = this.chart.options.plugins.zoom.limits.x;
    if (this.mode === 'x' && showsAll(this.chart.scales.x, limits)) this.reset();
    else {
      this.zoomed = true;
      this.show();
    }
  }

  // Keeps the x limits at the data's ends (epoch charts), before each update.
  follow() {
    if (this.mode === 'x') this.chart.options.plugins.zoom.limits.x = dataLimits(this.chart.data.datasets);
  }

  // Shows everything again: the axes follow the data.
  reset() {
    if (this.zoomed) {
      this.zoomed = false;
      this.chart.resetZoom('none');
    }
    this.show();
  }

  // The x range shown: { min, max }.
  get range() {
    const { min, max } = this.chart.scales.x;
    return { min, max };
  }

  show() {
    if (this.button) this.button.hidden = ![...controlsOf.get(this.button)].some((c) => c.zoomed);
  }

  destroy() {
    if (this.button) controlsOf.get(this.button).delete(this);
  }
}
