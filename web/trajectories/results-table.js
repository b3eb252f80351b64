// The table beside the surface plot: per method, the steps it took to come within the
// tolerance of the minimum, its final loss and what became of it.
import { h, short } from './form.js';
import { swatch } from './methods.js';
import { outcome } from './surfaces.js';

// rows: [{ method, path }]; returns a <table> (or a note when there are no paths).
export function resultsTable(rows, { surface, steps, tolerance }) {
  if (!rows.length) return h('p', { className: 'tj-muted', textContent: 'Turn on a method to see its path.' });
  const table = h('table', { className: 'tj-table' });
  table.append(h('caption', { textContent: `After up to ${steps} steps; “steps” counts until the loss is within ${short(tolerance)} of the minimum.` }));
  const head = h('tr', {}, ['Method', 'Steps to tolerance', 'Final loss', 'Outcome'].map((text, i) =>
    h('th', { scope: 'col', textContent: text, className: i === 1 || i === 2 ? 'tj-num' : '' })));
  table.append(h('thead', {}, [head]));
  const body = h('tbody');
  for (const { method, path } of rows) {
    const result = outcome(path, surface);
    const name = h('th', { scope: 'row' }, [swatch(method), h('span', { textContent: method.label })]);
    const reached = path.steps_to_tolerance;
    body.append(h('tr', {}, [
      name,
      h('td', { className: 'tj-num', textContent: reached === null || reached === undefined ? '—' : String(reached) }),
      h('td', { className: 'tj-num', textContent: short(path.final_loss) }),
      h('td', { className: `tj-outcome tj-${result.split(' ')[0]}`, textContent: result }),  // tj-converged, tj-stalled...
    ]));
  }
  table.append(body);
  return table;
}
