// One step of the recipe's report, as a list item: its number and title, what it checks, a
// badge (waiting, running, pass, check, fail, cancelled), the verdict's headline, figures,
// advice and chart. Text goes in through textContent only.
import { drawChart } from './charts.js';
import { el } from '../dom.js';

const BADGES = {
  waiting: ['·', 'Waiting'], running: ['…', 'Running'], pass: ['✓', 'Pass'], warn: ['!', 'Check'],
  fail: ['✗', 'Fail'], info: ['i', 'Note'], cancelled: ['–', 'Cancelled'], skipped: ['–', 'Not run'],
};

export class StepView {
  // list: the <ol> to append to; step: { id, title, what }; number: 1-based.
  constructor(list, step, number) {
    this.step = step;
    this.item = el('li', 'rc-step');
    const head = el('div', 'rc-head');
    this.badge = el('span', 'rc-badge');
    const title = el('h3', 'rc-title', `${number}. ${step.title}`);
    title.id = `rc-title-${step.id}`;
    this.item.setAttribute('aria-labelledby', title.id);
    head.append(title, this.badge);
    this.body = el('div', 'rc-body');
    this.item.append(head, el('p', 'rc-what', step.what), this.body);
    list.append(this.item);
    this.chart = null;
    this.set('waiting');
  }

  set(status, note) {
    const [icon, word] = BADGES[status];
    this.item.dataset.status = status;
    this.badge.className = `rc-badge rc-${status}`;
    this.badge.replaceChildren(el('span', 'rc-icon', icon), document.createTextNode(` ${word}`));
    this.badge.setAttribute('aria-label', `${this.step.title}: ${word}`);
    if (status === 'running') this.body.replaceChildren(el('p', 'rc-note', note || ''));
    if (status === 'waiting' || status === 'skipped') this.clearBody();
    if (status === 'cancelled') this.body.replaceChildren(el('p', 'rc-note', 'Cancelled before this step finished.'));
  }

  clearBody() {
    this.chart?.destroy();
    this.chart = null;
    this.body.replaceChildren();
  }

  // verdict: verdicts.js's shape.
  show(verdict) {
    this.clearBody();
    this.set(verdict.status);
    const text = el('div', 'rc-text');
    text.append(el('p', 'rc-headline', verdict.headline));
    if (verdict.figures.length) {
      const table = el('table', 'rc-figures');
      const body = el('tbody');
      for (const { label, value } of verdict.figures) {
        const row = el('tr');
        const th = el('th', '', label);
        th.scope = 'row';
        row.append(th, el('td', '', value));
        body.append(row);
      }
      table.append(body);
      text.append(table);
    }
    if (verdict.advice.length) {
      text.append(el('p', 'rc-advice-title', verdict.status === 'pass' || verdict.status === 'info' ? 'Notes:' : 'What to try:'));
      const list = el('ul', 'rc-advice');
      for (const line of verdict.advice) list.append(el('li', '', line));
      text.append(list);
    }
    this.body.append(text);
    if (verdict.chart && verdict.chart.series.some((s) => s.points.length)) {
      const box = el('div', 'rc-chart');
      const canvas = el('canvas');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `${this.step.title}: ${verdict.chart.y.title} against ${verdict.chart.x.title}`);
      box.append(canvas);
      this.body.append(box);
      this.chart = drawChart(canvas, verdict.chart);
    }
  }
}
