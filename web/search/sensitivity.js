// "Which hyperparameters mattered": the engine's ranking of the searched hyperparameters by
// how much of the spread in dev error each explains on its own (not shares: explained.js),
// with the level chance alone gives, beside the course's priority for tuning it (1: the
// learning rate first; 4: rarely tuned; some are not in the course's list at all).
import { h } from './dom.js';
import { NOT_LISTED, PRIORITY_TEXT, explainedRows, explainedText } from './explained.js';
import { labelOf } from './params.js';

const pc = (x) => `${Math.round(x * 100)}%`;

export class SensitivityView {
  constructor(container) {
    this.status = h('p', { className: 'sr-note', textContent: 'After a search: how much of the spread in dev error each hyperparameter explains on its own.' });
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

  // ranking: the engine's [{ name, explained (0..1), course_priority, course_note }]; trials: how
  // many it ranked; distinct: name -> how many values each took.
  show(ranking, trials, distinct = {}) {
    this.ranking = explainedRows(ranking, trials, distinct);
    this.status.textContent = explainedText(trials, this.ranking);
    const table = h('table', { className: 'sr-rank' });
    table.append(h('thead', {}, [h('tr', {}, ['Hyperparameter', 'Explained on its own', 'Course priority'].map((t) => h('th', { scope: 'col', textContent: t })))]));
    const body = h('tbody');
    for (const r of this.ranking) {
      const label = labelOf(r.name), percent = Math.round(r.explained * 100);
      const chance = Number.isFinite(r.chance)
        ? [h('span', { className: 'sr-chance', style: `left: ${(r.chance * 100).toFixed(1)}%`, title: `Chance level with these trials: ${pc(r.chance)}` })] : [];
      const bar = h('span', { className: 'sr-bar', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100',
        'aria-valuenow': String(percent), 'aria-label': `${label}: explained on its own`,
        'aria-valuetext': `${percent}%${Number.isFinite(r.chance) ? ` (chance alone: about ${pc(r.chance)})` : ''}` },
      [h('span', { className: 'sr-bar-fill', style: `width: ${(r.explained * 100).toFixed(1)}%` }), ...chance]);
      const shown = h('span', { className: `sr-percent${r.aboveChance ? '' : ' sr-within-chance'}`, textContent: `${percent}%`,
        title: r.aboveChance ? '' : 'No more than chance alone would give with this many trials' });
      const listed = r.course_priority !== null;
      const priority = h('td', { className: `sr-priority sr-p${listed ? r.course_priority : 'none'}` }, [
        h('span', { className: 'sr-priority-tag', textContent: listed ? PRIORITY_TEXT[r.course_priority] : NOT_LISTED }),
        h('span', { className: 'sr-priority-note', textContent: r.course_note })]);
      body.append(h('tr', {}, [h('th', { scope: 'row', textContent: label }),
        h('td', { className: 'sr-explained' }, [h('div', { className: 'sr-explained-box' }, [bar, shown])]), priority]));
    }
    table.append(body);
    this.body.replaceChildren(table);
  }
}
