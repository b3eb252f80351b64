// A course author's use of the package `descent`, checked by `tsc --noEmit -p tests/types`.
// The @ts-expect-error lines must fail to compile: the check cannot pass by accepting anything.
import {
  assetPath, mount, setAssetPath,
  type DescentCommand, type DescentEvent, type ExperimentSpec, type FilledSpec, type Lesson, type RunSummary,
} from 'descent';

// Assets copied by the course's bundler.
setAssetPath('/static/descent/');
setAssetPath(new URL('./vendor/descent/', location.href));
const folder: string = assetPath();
setAssetPath(null);

// A lesson mounted from a script.
const spec: ExperimentSpec = {
  seed: 3,
  data: { source: 'moons', samples: 300, noise: 0.2 },
  split: { train: 0.6, dev: 0.2, test: 0.2 },
  layers: [{ units: 16, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  optimizer: { name: 'adam', learning_rate: 0.01, beta1: 0.9 },
  schedule: { name: 'step_drops', drops: [{ epoch: 100, factor: 0.1 }] },
  early_stopping: { enabled: true, monitor: 'dev_error', patience: 20 },
};
const csvSpec: ExperimentSpec = { data: { source: 'csv', csv: 'a,b,y\n1,2,0\n', label: 'y', task: 'classification' } };
// Separate sets: a training source, a train-dev set taken from it, a dev set of its own.
const separate: ExperimentSpec = {
  seed: 3,
  data: {
    train: { source: 'moons', samples: 300, noise: 0.1 },
    train_dev: { from: 'train', take: 60 },
    dev: { source: 'moons', samples: 100, noise: 0.35, seed_offset: 1 },
    test: { source: 'csv', csv: 'a,b,y\n1,2,0\n', label: 'y' },
  },
  early_stopping: { enabled: true },
};
const explicit: ExperimentSpec = {
  layers: [{ units: 1, activation: 'linear' }],
  init: { scheme: 'explicit', weights: [{ W: [[0.5, -0.5]], b: [0] }] },
};
const host = document.querySelector<HTMLElement>('#lesson');
if (host) {
  const lesson: Lesson = mount(host, { spec, controls: ['optimizer', 'lr', 'batch'], locked: ['epochs'], charts: ['metrics'], metric: 'loss', speed: 'normal', title: 'Adam on the moons' });
  mount(host, { lesson: 'initialization/2', controls: 'optimizer,lr' });
  mount(host, { settings: 'optimizer=adam&lr=0.001' });
  mount(host, { lesson: 'https://course.example/lessons/mine.json?run=1', charts: 'metrics,boundary' });
  void lesson.ready.then(() => {
    lesson.set('lr', 0.003);
    lesson.set('hidden', [16, 8]);
    lesson.load(csvSpec);
    lesson.load(separate);
    lesson.load(JSON.stringify(explicit));
    lesson.train();
  });
  const filled: FilledSpec | undefined = lesson.spec;
  const rate: number | undefined = filled?.optimizer.learning_rate;
  const sets = filled && 'train' in filled.data ? filled.data : undefined;
  const held: number | undefined = sets?.train_dev && 'take' in sets.train_dev ? sets.train_dev.take : sets?.train.seed_offset;
  console.log(held, filled?.split?.train);
  console.log(rate, lesson.run.state, lesson.run.latest?.layers[0]?.dead, folder);

  // The lesson's events, with typed detail.
  host.addEventListener('descent:epoch', (e) => {
    const last = e.detail.epochs.at(-1);
    console.log(e.detail.epoch, e.detail.dev_error ?? NaN, last?.train_loss);
  });
  host.addEventListener('descent:finished', (e) => {
    const summary: RunSummary = e.detail;
    console.log(summary.stopped, summary.dev_accuracy, summary.diagnosis.headline, summary.diagnosis.learning_rate.verdict);
    console.log(summary.train_dev_accuracy, summary.diagnosis.data_mismatch, summary.diagnosis.train_dev_error, lesson.run.latest?.train_dev_error);
  });
  host.addEventListener('descent:loaded', (e) => console.log(e.detail.spec.layers.length, e.detail.lesson?.id, e.detail.reset));
  host.addEventListener('descent:state', (e) => { if (e.detail.state === 'blocked' || e.detail.state === 'unavailable') lesson.pause(); });
  host.addEventListener('descent:error', (e) => console.warn(e.detail.field, e.detail.allowed));
}

// The custom element, and the playground's events on document.
const element = document.createElement('descent-lesson');
element.setAttribute('lesson', 'optimization');
element.addEventListener('descent:finished', (e) => console.log(e.detail.epochs_run));
document.body.append(element);
document.querySelector('descent-lesson')?.lesson?.reset();
document.addEventListener('descent:epoch', (e) => console.log(e.detail.learning_rate));
document.addEventListener('descent:loaded', (e) => console.log(e.detail.title ?? 'the playground', e.detail.lesson?.url));

// An embed.html in an iframe, driven by postMessage.
const frame = document.querySelector('iframe');
const send = (command: DescentCommand) => frame?.contentWindow?.postMessage(command, 'https://descent.example');
send({ descent: 1, type: 'load', lesson: 'regularization/1', id: 'first' });
send({ descent: 1, type: 'load', spec: { optimizer: { name: 'momentum' } } });
send({ descent: 1, type: 'set', name: 'optimizer', value: 'rmsprop', id: 2 });
send({ descent: 1, type: 'train' });

addEventListener('message', (e: MessageEvent<DescentEvent>) => {
  if (e.origin !== 'https://descent.example' || e.data?.descent !== 1) return;
  const msg = e.data;
  switch (msg.type) {
    case 'ready': send({ descent: 1, type: 'train' }); console.log(msg.commands, msg.events); break;
    case 'loaded': console.log(msg.spec.optimizer.name, msg.epochs[0]?.train_loss); break;
    case 'epoch': console.log(msg.epoch, msg.epochs.length); break;
    case 'finished': console.log(msg.summary.best_epoch); break;
    case 'state': console.log(msg.state); break;
    case 'error':
    case 'rejected': console.warn(msg.id, msg.message); break;
    case 'resize': if (frame) frame.style.height = `${msg.height}px`; break;
    default: { const never: never = msg; console.log(never); }
  }
});

// window.descent, on embed.html or on the playground.
const global = window.descent;
if (global && 'bridge' in global) console.log(global.origins, global.lesson.run.state);
else if (global) console.log(global.spec.seed, global.state.lr, global.epochs.length);

// What must not compile.
// @ts-expect-error: not an option name
mount(document.body, { optimiser: 'adam' });
// @ts-expect-error: lesson, spec and settings exclude one another
mount(document.body, { lesson: 'optimization', settings: 'lr=0.1' });
// @ts-expect-error: not a control
mount(document.body, { controls: ['learning_rate'] });
// @ts-expect-error: not a command type
send({ descent: 1, type: 'step' });
// @ts-expect-error: set needs a name and a value
send({ descent: 1, type: 'set', name: 'lr' });
// @ts-expect-error: not an optimizer name
const sgd: ExperimentSpec = { optimizer: { name: 'sgd' } };
// @ts-expect-error: the engine refuses unknown fields
const typo: ExperimentSpec = { optimizer: { name: 'adam' }, epoch: 10 };
// @ts-expect-error: explicit weights need the explicit scheme
const weights: ExperimentSpec = { init: { scheme: 'he', weights: [] } };
// @ts-expect-error: a csv source needs the file's text
const noCsv: ExperimentSpec = { data: { source: 'csv' } };
// @ts-expect-error: an epoch's detail has no summary
element.addEventListener('descent:epoch', (e) => console.log(e.detail.summary));
// @ts-expect-error: examples are taken from train only
const fromDev: ExperimentSpec = { data: { train: { source: 'moons' }, test: { from: 'dev', take: 10 } } };
// @ts-expect-error: separate sets take no split
const splitSets: ExperimentSpec = { data: { train: { source: 'moons' }, dev: { from: 'train', take: 10 } }, split: { train: 0.8, dev: 0.2 } };
// @ts-expect-error: seed_offset is for separate sets only
const oneOffset: ExperimentSpec = { data: { source: 'moons', seed_offset: 2 } };
// @ts-expect-error: train needs a source of its own
const trainFrom: ExperimentSpec = { data: { train: { from: 'train', take: 10 } } };
// @ts-expect-error: from needs take
const noTake: ExperimentSpec = { data: { train: {}, dev: { from: 'train' } } };
console.log(sgd, typo, weights, noCsv, fromDev, splitSets, oneOffset, trainFrom, noTake);
