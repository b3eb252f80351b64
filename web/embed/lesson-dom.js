// The elements of an embedded lesson, built with createElement and textContent only (no
// markup from data, no inline styles): a titled region with its text, the Train, Pause and
// Reset buttons, a status line, the settings and the charts. Ids carry the lesson's prefix.

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('aria-') || key === 'role') node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children);
  return node;
}

function button(name, help, primary = false) {
  return el('button', { type: 'button', textContent: name, title: help, class: primary ? 'descent-primary' : '' });
}

// Returns the parts the lesson fills and listens to.
export function buildLesson(root, prefix) {
  const id = (name) => `${prefix}${name}`;
  const title = el('h3', { id: id('title'), class: 'descent-title' });
  const text = el('p', { class: 'descent-text' });
  const notice = el('p', { class: 'descent-notice', role: 'status', hidden: true });
  const buttons = {
    train: button('Train', 'Train the network, live', true),
    pause: button('Pause', 'Pause training; Train resumes it'),
    reset: button('Reset', 'Back to epoch 0 with the same initial weights'),
  };
  buttons.pause.disabled = true;
  const progress = el('progress', { max: 1, value: 0, 'aria-label': 'Epoch progress' });
  const status = el('p', { class: 'descent-status', role: 'status', textContent: 'Loading the engine…' });
  const error = el('p', { id: id('error'), class: 'descent-error', role: 'alert', hidden: true });
  const form = el('form', { class: 'descent-controls', noValidate: true });
  form.setAttribute('aria-labelledby', title.id);
  form.addEventListener('submit', (e) => e.preventDefault());

  // The lesson's runs ("zeros", "random x10", "He"), when it has several.
  const runSelect = el('select', { id: id('run'), title: 'Load another of the lesson’s experiments' });
  const runRow = el('div', { class: 'field field-choice descent-run-row', hidden: true },
    el('label', { htmlFor: runSelect.id, textContent: 'Experiment' }), runSelect);
  form.append(runRow);

  const metricsCanvas = el('canvas', { role: 'img', 'aria-label': 'Line chart of train and dev error per epoch' });
  const metricsFigure = el('figure', { class: 'descent-figure descent-metrics' },
    el('div', { class: 'descent-chart-box' }, metricsCanvas));
  const caption = el('figcaption', { id: id('boundary-caption'), class: 'descent-caption' });
  const boundaryCanvas = el('canvas', { 'aria-label': 'Decision boundary with the training and dev points' });
  const boundaryFigure = el('figure', { class: 'descent-figure descent-boundary', hidden: true },
    el('div', { class: 'descent-boundary-box' }, boundaryCanvas), caption);

  const card = el('section', { class: 'descent-card', 'aria-labelledby': title.id },
    el('header', { class: 'descent-head' }, title, text),
    notice,
    el('div', { class: 'descent-body' },
      el('div', { class: 'descent-side' },
        el('div', { class: 'descent-buttons' }, buttons.train, buttons.pause, buttons.reset),
        progress, status, error, form),
      el('div', { class: 'descent-charts' }, metricsFigure, boundaryFigure)));
  root.classList.add('descent-lesson');
  root.replaceChildren(card);
  return { title, text, notice, buttons, progress, status, error, form, runRow, runSelect, metricsCanvas,
    metricsFigure, boundaryCanvas, boundaryFigure, caption };
}
