// The training-recipe assistant: one button walks the playground's data set and network
// through the practical recipe (Ng's and Karpathy's) in trial workers of its own, and reports
// each step with its figures and chart; Apply loads the best trial into the playground.
// mountRecipe(element, lab) returns what tests and the console read (window.descent.recipe).
//   lab.spec(): the playground's spec; lab.apply(spec, note): load a spec into it;
//   lab.workerUrl: the training worker bundle (only workers load the engine).
import { defaultPoolSize, TrialPool } from '../search/pool.js';
import { num, pct } from './format.js';
import { StepView } from './report.js';
import { Cancelled, STEPS, walkRecipe } from './walk.js';
import { el } from '../dom.js';

function button(text, title) {
  const b = el('button', '', text);
  b.type = 'button';
  b.title = title;
  return b;
}

export function mountRecipe(element, lab) {
  element.classList.add('recipe');
  const intro = el('p', 'rc-intro', 'Checks this playground’s data set and network the way the practical recipe does '
    + '(Andrew Ng’s course, Karpathy’s “recipe for training neural networks”), one step at a time, in workers of its own: '
    + 'the playground’s run is left alone.');
  const runButton = button('Run the recipe', 'Walk the current data set and network through the six steps below');
  const cancelButton = button('Cancel', 'Stop the walk; the steps done so far stay');
  cancelButton.disabled = true;
  const status = el('p', 'rc-status', 'Ready: six steps, a few seconds on the built-in data sets (longer for big networks or many epochs).');
  status.setAttribute('role', 'status');
  const bar = el('div', 'rc-bar');
  bar.append(runButton, cancelButton, status);
  const list = el('ol', 'rc-steps');
  list.setAttribute('aria-label', 'Recipe steps');
  const views = STEPS.map((step, i) => new StepView(list, step, i + 1));
  const applyBox = el('div', 'rc-apply');
  const applyText = el('p', 'rc-apply-text');
  const applyButton = button('Apply', 'Load the best trial’s settings into the playground');
  applyBox.append(applyText, applyButton);
  applyBox.hidden = true;
  element.replaceChildren(intro, bar, list, applyBox);

  let pool = null;
  let walkId = 0;        // a newer walk makes an older one's callbacks stale
  let current = -1;      // the step running
  let running = false;
  let verdicts = [];
  let best = null;

  const setRunning = (on) => {
    running = on;
    runButton.disabled = on;
    cancelButton.disabled = !on;
    element.setAttribute('aria-busy', String(on));
    status.classList.toggle('rc-busy', on);
  };

  function run() {
    if (running) return;
    const id = ++walkId;
    const fresh = () => id === walkId;
    pool ||= new TrialPool({ size: Math.max(2, Math.min(4, defaultPoolSize())), workerUrl: lab.workerUrl });
    verdicts = [];
    best = null;
    current = -1;
    applyBox.hidden = true;
    for (const view of views) view.set('waiting');
    setRunning(true);
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    walkRecipe(pool, lab.spec(), {
      cancelled: () => !fresh(),
      running(index, note) {
        if (!fresh()) return;
        current = index;
        views[index].set('running', note);
        status.textContent = `Step ${index + 1} of ${STEPS.length} · ${STEPS[index].title}: ${note}`;
      },
      result(index, verdict) {
        if (!fresh()) return;
        verdicts[index] = verdict;
        views[index].show(verdict);
      },
    }).then((outcome) => {
      if (!fresh()) return;
      const counts = ['pass', 'warn', 'fail'].map((s) => verdicts.filter((v) => v?.status === s).length);
      const tally = `${counts[0]} passed, ${counts[1]} to check, ${counts[2]} failed`;
      if (outcome.stoppedAt !== null) {
        for (let i = outcome.stoppedAt + 1; i < views.length; i += 1) views[i].set('skipped');
        status.textContent = `Stopped at step ${outcome.stoppedAt + 1} after ${seconds()} s (${tally}): see what to try there.`;
        return;
      }
      best = outcome.best;
      status.textContent = `Done in ${seconds()} s: ${tally}.`;
      const score = best.score.name === 'dev error' ? pct(best.score.value) : num(best.score.value);
      applyText.textContent = `Best trial: α = ${num(best.learningRate)}, L2 λ = ${num(best.l2)}, ${best.spec.epochs} epochs with early stopping; ${best.score.name} ${score}.`;
      applyBox.hidden = false;
    }, (err) => {
      if (!fresh() || err instanceof Cancelled) return;  // cancel() has said so already
      const index = Math.max(0, current);
      views[index].show({ status: 'fail', headline: `The step failed: ${err.message || err}`, figures: [],
        advice: ['run the recipe again; if it fails again, please report it'], chart: null });
      for (let i = index + 1; i < views.length; i += 1) views[i].set('skipped');
      status.textContent = `The recipe stopped at step ${index + 1}: ${err.message || err}`;
    }).finally(() => {
      if (fresh()) setRunning(false);
    });
  }

  function cancel() {
    if (!running) return;
    walkId += 1;   // the walk's callbacks go stale and it throws Cancelled at its next await
    setRunning(false);
    pool?.cancel();
    if (current >= 0 && !verdicts[current]) views[current].set('cancelled');
    for (let i = current + 1; i < views.length; i += 1) views[i].set('skipped');
    status.textContent = `Cancelled during step ${current + 1}; the steps done so far are kept.`;
  }

  runButton.addEventListener('click', run);
  cancelButton.addEventListener('click', cancel);
  applyButton.addEventListener('click', () => {
    if (!best) return;
    lab.apply(best.spec, `Training recipe: loaded the best trial (α = ${num(best.learningRate)}, L2 λ = ${num(best.l2)}).`);
    applyText.textContent = `Applied: the playground now has α = ${num(best.learningRate)} and L2 λ = ${num(best.l2)}. Press Train to run it.`;
  });

  return {
    run, cancel,
    running: () => running,
    // Per step: { id, status, headline, data } (null for a step not reached).
    results: () => STEPS.map((step, i) => (verdicts[i] ? { id: step.id, status: verdicts[i].status, headline: verdicts[i].headline, data: verdicts[i].data } : null)),
    // The best refined trial: { learningRate, l2, spec, score } or null.
    best: () => (best ? { learningRate: best.learningRate, l2: best.l2, spec: best.spec, score: best.score.value } : null),
  };
}
