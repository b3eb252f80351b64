// Wires the page: state <-> hash, the form, the trainer (worker) and the chart.
// Nothing here trains; the worker does.
import { Controls, stateNameOf } from './controls.js';
import { ErrorChart } from './error-chart.js';
import { SPEEDS } from './protocol.js';
import { fromHash, toHash, toSpec } from './state.js';
import { Trainer } from './trainer.js';

const $ = (id) => document.getElementById(id);
const buttons = { train: $('train'), pause: $('pause'), step: $('step'), reset: $('reset') };
const statusLine = $('status');
const errorBox = $('error');
const progress = $('progress');
const notice = $('notice');

const { state, rejected } = fromHash(location.hash);
if (rejected.length) {
  notice.textContent = `Some settings in the link were not valid and were reset to defaults: ${rejected.join(', ')}.`;
  notice.hidden = false;
}
history.replaceState(null, '', toHash(state));

const chart = new ErrorChart($('error-chart'));
let loadedSpec = '';
let latest = null;       // the newest epoch record
let runState = 'idle';
let stepsPerSecond = 0;
let totalEpochs = state.epochs;

const percent = (x) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : '–');

function render() {
  buttons.train.disabled = runState === 'running' || runState === 'finished' || runState === 'loading';
  buttons.pause.disabled = runState !== 'running';
  buttons.step.disabled = runState === 'running' || runState === 'finished' || runState === 'loading';
  buttons.reset.disabled = runState === 'loading';
  progress.max = totalEpochs;
  progress.value = latest ? latest.epoch : 0;
  if (!latest) {
    statusLine.textContent = 'Loading the engine…';
    return;
  }
  const speed = runState === 'running' && stepsPerSecond ? ` · ${stepsPerSecond.toLocaleString('en')} steps/s` : '';
  const word = { idle: 'Ready', running: 'Training', paused: 'Paused', finished: 'Finished' }[runState] || '';
  statusLine.textContent =
    `${word} · epoch ${latest.epoch} of ${totalEpochs} · train error ${percent(latest.train_error)}` +
    ` · dev error ${percent(latest.dev_error)}${speed}`;
}

function showEngineError(error) {
  const name = stateNameOf(error.field);
  if (!(name && controls.showError(name, error.message))) {
    errorBox.textContent = error.message;
    errorBox.hidden = false;
  }
  if (runState === 'loading') runState = latest ? 'idle' : 'idle';
  render();
}

const trainer = new Trainer(new URL('./worker.js', import.meta.url), {
  onLoaded(msg) {
    chart.clear();
    chart.append(msg.epochs);
    latest = msg.epochs[msg.epochs.length - 1];
    if (msg.spec) {
      loadedSpec = JSON.stringify(toSpec(state));
      totalEpochs = msg.spec.epochs;
    }
    render();
  },
  onProgress(msg) {
    chart.append(msg.epochs);
    if (msg.epochs.length) latest = msg.epochs[msg.epochs.length - 1];
    stepsPerSecond = msg.stepsPerSecond;
    render();
  },
  onState(msg) {
    runState = msg.state;
    render();
  },
  onError: showEngineError,
});

function load() {
  errorBox.hidden = true;
  controls.clearErrors();
  runState = 'loading';
  trainer.load(toSpec(state));
  trainer.set('speed', SPEEDS[state.speed]);
  render();
}

const controls = new Controls($('experiment'), state, (name, value) => {
  state[name] = value;
  history.replaceState(null, '', toHash(state));
  if (name === 'speed') {
    trainer.set('speed', SPEEDS[value]);
  } else if (name === 'lr' && (runState === 'running' || runState === 'paused')) {
    trainer.set('learning_rate', value);  // live: the run goes on with the new alpha
  } else {
    load();
  }
});

buttons.train.addEventListener('click', () => trainer.train());
buttons.pause.addEventListener('click', () => trainer.pause());
buttons.step.addEventListener('click', () => trainer.step('epoch'));
buttons.reset.addEventListener('click', () => {
  // Same spec: the engine's reset (same initial weights). Changed spec: load it afresh,
  // which with the same seed and architecture also starts from the same weights.
  if (JSON.stringify(toSpec(state)) === loadedSpec) trainer.reset();
  else load();
});
$('experiment').addEventListener('submit', (event) => event.preventDefault());

// For test authors and the console: the live chart's series, read from the page.
window.descent = { chart, state };

load();
