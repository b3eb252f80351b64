// The results table: a row per trial, the best one marked; a click on a column header
// sorts by it (again: the other way), and the header says so with aria-sort.
import { h } from './dom.js';
import { formatValue, labelOf, paramOf, shortOf } from './params.js';
import { formatLoss, formatPercent, sortRows } from './results.js';

const STATUS_TEXT = { done: 'done', running: 'running…', queued: 'queued', failed: 'failed', cancelled: 'cancelled', missing: 'missing' };

export class ResultsTable {
  constructor(container) {
    this.sort = { key: 'number', direction: 'ascending' };
    this.table = h('table', { className: 'sr-table' });
    this.wrap = h('div', { className: 'sr-table-wrap', tabIndex: 0, role: 'region', 'aria-label': 'Search results' }, [this.table]);
    container.append(this.wrap);
    this.rows = [];
    this.names = [];
    this.best = null;
    this.render();
  }

  // rows: from results.js; names: the searched hyperparameters; best: the best row or null.
  update(rows, names, best) {
    Object.assign(this, { rows, names, best });
    this.render();
  }

  columns() {
    return [
      { key: 'round', text: 'Round', num: true },
      { key: 'number', text: 'Trial', num: true },
      ...this.names.map((n) => ({ key: n, text: shortOf(n), title: labelOf(n), num: true, format: (v) => formatValue(paramOf(n).scale, v) })),
      { key: 'train_error', text: 'Train error', num: true, format: formatPercent },
      { key: 'dev_error', text: 'Dev error', num: true, format: formatPercent },
      { key: 'dev_loss', text: 'Dev loss', num: true, format: formatLoss },
      { key: 'epochs', text: 'Epochs', num: true, format: (v, row) => (row.status === 'done' ? String(v) : '—') },
      { key: 'ms', text: 'Time (s)', num: true, format: (v) => (v ? (v / 1000).toFixed(2) : '—') },
      { key: 'status', text: 'Status' },
    ];
  }

  sortBy(key) {
    const same = this.sort.key === key;
    this.sort = { key, direction: same && this.sort.direction === 'ascending' ? 'descending' : 'ascending' };
    this.render();
  }

  render() {
    const columns = this.columns();
    const caption = h('caption', { textContent: this.rows.length
      ? 'One row per trial; click a column’s header to sort by it. ★ marks the lowest dev error.'
      : 'No trials yet: choose the ranges and press Run search, or import collected results.' });
    const head = h('tr', {}, columns.map((c) => {
      const sorted = this.sort.key === c.key;
      const button = h('button', { type: 'button', className: 'sr-sort', title: `Sort by ${c.title ?? c.text}` },
        [h('span', { textContent: c.text }), h('span', { className: 'sr-arrow', 'aria-hidden': 'true',
          textContent: sorted ? (this.sort.direction === 'ascending' ? '▲' : '▼') : '' })]);
      button.addEventListener('click', () => this.sortBy(c.key));
      return h('th', { scope: 'col', className: c.num ? 'sr-num' : '', 'aria-sort': sorted ? this.sort.direction : 'none' }, [button]);
    }));
    const body = h('tbody');
    for (const row of sortRows(this.rows, this.sort.key, this.sort.direction)) {
      const best = row === this.best;
      const cells = columns.map((c) => {
        const v = c.key in row && c.key !== 'values' ? row[c.key] : row.values?.[c.key];
        const text = c.format ? c.format(v, row) : String(v ?? '—');
        if (c.key === 'number') {
          return h('th', { scope: 'row', className: 'sr-num' }, best
            ? [h('span', { className: 'sr-star', textContent: '★ ', title: 'The best trial: the lowest dev error' }), text, ' ', h('span', { className: 'sr-best-tag', textContent: 'best' })]
            : [text]);
        }
        const cell = h('td', { className: c.num ? 'sr-num' : `sr-state sr-${row.status}`, textContent: text });
        if (c.key === 'status' && row.error) cell.title = row.error;
        return cell;
      });
      body.append(h('tr', { className: best ? 'sr-best' : '', 'aria-current': best ? 'true' : undefined, title: row.error ?? undefined }, cells));
    }
    this.table.replaceChildren(caption, h('thead', {}, [head]), body);
  }
}
