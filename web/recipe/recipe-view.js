// The recipe card: the introduction, Run the recipe and Cancel, the status line, a report
// item per step (report.js) and the Apply box. It renders a RecipeModel and wires the
// buttons to it; the playground is reached through lab ({ spec(), apply(spec, note) }).
import { el } from '../dom.js';
import { StepView } from './report.js';
import { STEPS } from './walk.js';

function button(text, title) {
  const b = el('button', '', text);
  b.type = 'button';
  b.title = title;
  return b;
}

export class RecipeView {
  constructor(element, model, lab) {
    this.element = element;
    this.model = model;
    this.lab = lab;
    element.classList.add('recipe');
    const intro = el('p', 'rc-intro', 'Checks this playground’s data set and network the way the practical recipe does '
      + '(Andrew Ng’s course, Karpathy’s “recipe for training neural networks”), one step at a time, in workers of its own: '
      + 'the playground’s run is left alone.');
    const list = el('ol', 'rc-steps');
    list.setAttribute('aria-label', 'Recipe steps');
    this.views = STEPS.map((step, i) => new StepView(list, step, i + 1));
    this.shown = [...model.steps];  // the step states the views show
    element.replaceChildren(intro, this.buildBar(), list, this.buildApply());
    model.listen(() => this.render());
    this.render();
  }

  buildBar() {
    this.runButton = button('Run the recipe', 'Walk the current data set and network through the six steps below');
    this.cancelButton = button('Cancel', 'Stop the walk; the steps done so far stay');
    this.status = el('p', 'rc-status');
    this.status.setAttribute('role', 'status');
    this.runButton.addEventListener('click', () => this.run());
    this.cancelButton.addEventListener('click', () => this.model.cancel());
    const bar = el('div', 'rc-bar');
    bar.append(this.runButton, this.cancelButton, this.status);
    return bar;
  }

  buildApply() {
    this.applyBox = el('div', 'rc-apply');
    this.applyText = el('p', 'rc-apply-text');
    const applyButton = button('Apply', 'Load the best trial’s settings into the playground');
    applyButton.addEventListener('click', () => this.apply());
    this.applyBox.append(this.applyText, applyButton);
    return this.applyBox;
  }

  run() { return this.model.run(this.lab.spec()); }

  apply() {
    const best = this.model.application();
    if (!best) return;
    this.lab.apply(best.spec, best.note);
    this.model.applied();
  }

  render() {
    const { model } = this;
    this.runButton.disabled = model.running;
    this.cancelButton.disabled = !model.running;
    this.element.setAttribute('aria-busy', String(model.running));
    this.status.classList.toggle('rc-busy', model.running);
    this.status.textContent = model.status;
    this.applyText.textContent = model.offer ?? '';
    this.applyBox.hidden = model.offer === null;
    model.steps.forEach((step, i) => {
      if (step === this.shown[i]) return;
      this.shown[i] = step;
      if (step.verdict) this.views[i].show(step.verdict);
      else this.views[i].set(step.status, step.note);
    });
  }
}
