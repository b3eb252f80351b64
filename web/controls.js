// The experiment form: one labelled input per state field, each with a one-line tooltip.
// A value that is not allowed is refused beside its input, and the last good value stays.
import { FIELDS, formatValue, parseValue } from './state.js';

const UI = {
  seed: { label: 'Seed', help: 'Fixes the data, the initial weights and the batch order: the same seed gives the same run.' },
  samples: { label: 'Samples', help: 'How many points the circles data set has before the train/dev split (70/30).' },
  noise: { label: 'Noise', help: 'Standard deviation of the Gaussian noise added to each point.' },
  hidden: { label: 'Hidden units', help: 'Units per hidden layer, comma-separated: "8,8" is two layers of 8.' },
  activation: { label: 'Activation', help: 'The non-linearity g(z) of every hidden layer; the output is a sigmoid unit.' },
  init: { label: 'Initialisation', help: 'How W starts: He sqrt(2/n_prev) suits ReLU, Xavier sqrt(1/n_prev) suits tanh.' },
  lr: { label: 'Learning rate', help: 'alpha in W := W - alpha dW. It can change while the network trains.' },
  batch: { label: 'Mini-batch size', help: 'Examples per gradient step: 1 is SGD, the training-set size is batch GD.' },
  epochs: { label: 'Epochs', help: 'Passes over the training set.' },
  speed: { label: 'Speed', help: 'Epochs per second shown live: slow 10, normal 60, fast 300, or as fast as possible.' },
};

const NAMES = {
  relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'linear',
  he: 'He', xavier: 'Xavier', random: 'Random (N(0,1))', zeros: 'Zeros',
  slow: 'Slow', normal: 'Normal', fast: 'Fast', max: 'Maximum',
};

function allowedText(field) {
  switch (field.type) {
    case 'int': return `a whole number from ${field.min} to ${field.max}`;
    case 'number': return `a number from ${field.min} to ${field.max}`;
    case 'layers': return 'up to 16 layer sizes from 1 to 1024, separated by commas (empty for none)';
    default: return `one of ${field.options.join(', ')}`;
  }
}

export class Controls {
  // form: the <form> element to fill; onChange(name, value) gets accepted values.
  constructor(form, state, onChange) {
    this.inputs = {};
    this.messages = {};
    for (const field of FIELDS) {
      const ui = UI[field.name];
      const row = document.createElement('div');
      row.className = 'field';
      const id = `field-${field.name}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = ui.label;
      label.title = ui.help;
      let input;
      if (field.type === 'choice') {
        input = document.createElement('select');
        for (const option of field.options) input.add(new Option(NAMES[option] || option, option));
      } else {
        input = document.createElement('input');
        input.type = 'text';
        input.inputMode = field.type === 'layers' ? 'text' : 'decimal';
        input.autocomplete = 'off';
        input.spellcheck = false;
      }
      input.id = id;
      input.name = field.name;
      input.title = ui.help;
      input.value = formatValue(field, state[field.name]);
      const message = document.createElement('p');
      message.className = 'field-error';
      message.id = `${id}-error`;
      message.hidden = true;
      input.setAttribute('aria-describedby', message.id);
      input.addEventListener('change', () => {
        const value = parseValue(field, input.value);
        if (value === undefined) {
          this.showError(field.name, `${ui.label} "${input.value}" is not allowed: use ${allowedText(field)}.`);
          return;
        }
        this.showError(field.name, null);
        onChange(field.name, value);
      });
      row.append(label, input, message);
      form.append(row);
      this.inputs[field.name] = input;
      this.messages[field.name] = message;
    }
  }

  // Shows text (or clears it with null) beside the named control, as plain text.
  showError(name, text) {
    const message = this.messages[name];
    const input = this.inputs[name];
    if (!message) return false;
    message.textContent = text || '';
    message.hidden = !text;
    input.setAttribute('aria-invalid', text ? 'true' : 'false');
    return true;
  }

  clearErrors() {
    for (const name of Object.keys(this.messages)) this.showError(name, null);
  }
}

// The state field that holds an engine spec field ("optimizer.learning_rate" -> "lr").
export function stateNameOf(specField) {
  const f = String(specField || '');
  if (f.startsWith('optimizer.learning_rate')) return 'lr';
  if (f.startsWith('batch_size')) return 'batch';
  if (f.startsWith('epochs')) return 'epochs';
  if (f.startsWith('seed')) return 'seed';
  if (f.startsWith('data.samples')) return 'samples';
  if (f.startsWith('data.noise')) return 'noise';
  if (f.startsWith('layers')) return 'hidden';
  if (f.startsWith('init')) return 'init';
  return null;
}
