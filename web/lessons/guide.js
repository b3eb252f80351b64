// A lesson as a guided walk, in a panel beside the chart: its text, the question to look
// at, a button per run ("Run 2 · L2") and "Run all", and, as the runs finish, what happened,
// in numbers taken from the runs themselves (lessons/measures.js), never from the lesson file.
// A run counts for the lesson whenever the spec that finished is one of the lesson's runs,
// whether the guide started it or the learner did.
import { el } from '../dom.js';
import { fillSpec } from '../spec/fill.js';
import { deepEqual } from '../spec/path.js';
import { MEASURES, figures, formatNumber, formatPercent } from './measures.js';

const button = (text, title) => Object.assign(el('button', '', text), { type: 'button', title });

export class LessonGuide {
  // section: the card to fill; train(spec, note): load a spec and train it.
  constructor(section, { train }) {
    Object.assign(this, { section, train, lesson: null, results: [], queue: [] });
  }

  open(lesson) {
    this.lesson = lesson;
    this.specs = lesson.runs.map((r) => fillSpec(r.spec));
    this.results = lesson.runs.map(() => null);
    this.queue = [];
    this.render();
    this.section.hidden = false;
  }

  close() {
    this.lesson = null;
    this.queue = [];
    this.section.hidden = true;
    this.section.replaceChildren();
  }

  // Trains run i of the lesson; "all" trains each in turn.
  start(i) {
    if (i === 'all') this.queue = this.lesson.runs.map((_, j) => j);
    else this.queue = [i];
    this.next();
  }

  next() {
    const i = this.queue.shift();
    if (i === undefined) return;
    const run = this.lesson.runs[i];
    this.train(run.spec, `Lesson “${this.lesson.title}”, run ${i + 1} of ${this.lesson.runs.length}: ${run.label}.`);
  }

  // A run finished (spec: the engine's filled spec; epochs: its records).
  onFinished(spec, epochs) {
    if (!this.lesson) return;
    const i = this.specs.findIndex((s) => deepEqual(s, spec));
    if (i < 0) return;
    this.results[i] = figures(this.lesson.measure, epochs);
    this.render();
    this.next();
  }

  render() {
    const { lesson } = this;
    const measure = MEASURES[lesson.measure] ?? MEASURES.final_loss;
    const close = button('Close lesson', 'Hide this lesson’s guide; the settings stay');
    close.addEventListener('click', () => this.close());
    const head = el('div', 'card-head');
    head.append(Object.assign(el('h2', '', lesson.title), { id: 'lesson-heading' }), close);
    const runs = el('div', 'lg-runs');
    lesson.runs.forEach((run, i) => {
      const b = button(`Run ${i + 1} · ${run.label}`, `Train run ${i + 1} of the lesson: ${run.label}`);
      b.addEventListener('click', () => this.start(i));
      runs.append(b);
    });
    const all = button('Run all', 'Train every run of the lesson, one after another');
    all.className = 'primary';
    all.addEventListener('click', () => this.start('all'));
    runs.append(all);
    const question = el('p', 'lg-question');
    question.append(el('strong', '', 'Look at: '), lesson.question);
    this.section.replaceChildren(head, el('p', 'lg-text', lesson.text), question, runs, this.table(measure), this.summary(measure));
  }

  table(measure) {
    const table = el('table', 'lg-table');
    table.append(el('caption', '', 'What happened, from the runs'));
    // A train-dev column only for a lesson whose runs hold a train-dev set out.
    const trainDev = this.lesson.runs.some((run) => run.spec.data?.train_dev !== undefined);
    const header = el('tr');
    const heads = ['Run', 'Cost: start → end', 'Train error', ...(trainDev ? ['Train-dev error'] : []), 'Dev error', 'Test error', measure.label];
    for (const h of heads) header.append(el('th', '', h));
    table.append(header);
    this.lesson.runs.forEach((run, i) => {
      const r = this.results[i];
      const tr = el('tr');
      const name = el('th', '', `${i + 1} · ${run.label}`);
      name.scope = 'row';
      tr.append(name);
      const none = (x) => x === null || x === undefined;
      const cells = r ? [`${formatNumber(r.first_loss)} → ${formatNumber(r.train_loss)}`, formatPercent(r.train_error),
        ...(trainDev ? [none(r.train_dev_error) ? 'no train-dev set' : formatPercent(r.train_dev_error)] : []),
        none(r.dev_error) ? 'no dev set' : formatPercent(r.dev_error),
        none(r.test_error) ? 'no test set' : formatPercent(r.test_error), measure.format(r.measure)]
        : ['not run yet', ...Array(heads.length - 2).fill('')];
      for (const c of cells) tr.append(el('td', '', c));
      table.append(tr);
    });
    return table;
  }

  summary(measure) {
    const done = this.results.every(Boolean);
    const text = done
      ? `${measure.label}: ${this.lesson.runs.map((run, i) => `${run.label} ${measure.format(this.results[i].measure)}`).join(', ')}.`
      : `Train the runs (${this.results.filter(Boolean).length} of ${this.results.length} done); the figures above come from them.`;
    const p = el('p', 'lg-summary', text);
    p.setAttribute('role', 'status');
    return p;
  }

  // For tests and the console: each run's figures (null before it ran).
  figures() {
    return structuredClone(this.results);
  }
}
