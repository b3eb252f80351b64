// "Which hyperparameters mattered": the engine's ranking of the searched hyperparameters by
// the share of the spread in dev error each explains, beside the course's priority for
// tuning it (1: the learning rate first; 4: rarely tuned).
import { h } from './dom.js';
import { labelOf } from './params.js';

const PRIORITY_TEXT = { 1: '1 · tune first', 2: '2 · next', 3: '3 · then', 4: '4 · rarely' };

export class SensitivityView {
  constructor(container) {
    this.status = h('p', { className: 'sr-note', textContent: 'After a search: how much of the spread in dev error each hyperparameter explains.' });
    this.body = h('div');
    this.ranking = [];
    container.append(h('section', { className: 'sr-sensitivity', 'aria-label': 'Which hyperparameters mattered' },
      [h('h3', { textContent: 'Which hyperparameters mattered' }), this.status, this.body]));
  }

  showMessage(text) {
    this.ranking = [];
    this.status.textContent = text;
    this.body.replaceChildren();
  }

  // ranking: [{ name, explained (0..1), course_priority, course_note }]; trials: how many.
  show(ranking, trials) {
    this.ranking = ranking;
    this.status.textContent = `From ${trials} finished trials: the share of the spread in dev error explained by each hyperparameter.`;
    const table = h('table', { className: 'sr-rank' });
    table.append(h('thead', {}, [h('tr', {}, ['Hyperparameter', 'Explained', 'Course priority'].map((t) => h('th', { scope: 'col', textContent: t })))]));
    const body = h('tbody');
    for (const r of ranking) {
      const share = Math.max(0, Math.min(1, Number(r.explained) || 0));
      const percent = `${Math.round(share * 100)}%`;
      const bar = h('span', { className: 'sr-bar', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100',
        'aria-valuenow': String(Math.round(share * 100)), 'aria-label': `${labelOf(r.name)}: explained share` },
      [h('span', { className: 'sr-bar-fill', style: `width: ${(share * 100).toFixed(1)}%` })]);
      const priority = h('td', { className: `sr-priority sr-p${r.course_priority}` }, [
        h('span', { className: 'sr-priority-tag', textContent: PRIORITY_TEXT[r.course_priority] ?? String(r.course_priority ?? '—') }),
        h('span', { className: 'sr-priority-note', textContent: r.course_note ?? '' })]);
      body.append(h('tr', {}, [h('th', { scope: 'row', textContent: labelOf(r.name) }),
        h('td', { className: 'sr-explained' }, [h('div', { className: 'sr-explained-box' }, [bar, h('span', { className: 'sr-percent', textContent: percent })])]), priority]));
    }
    table.append(body);
    this.body.replaceChildren(table);
  }
}
