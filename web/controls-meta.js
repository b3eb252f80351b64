// What each control of the experiment form says: its label, its one-line tooltip, its
// section, how it is drawn, and when it matters (irrelevant controls are hidden).
import { GENERATED, REGRESSION } from './state.js';

const NAMES = {
  circles: 'Circles', moons: 'Moons', xor: 'XOR', blobs: 'Gaussian blobs', spiral: 'Spiral', flower: 'Flower (planar)',
  linear: 'Linearly separable', plane: 'Plane (regression)', sine: 'Sine (regression)', digits: 'Digits 8x8 (real)',
  iris: 'Iris (real)', wine: 'Wine (real)', breast_cancer: 'Breast cancer (real)', csv: 'CSV file…',
  relu: 'ReLU', leaky_relu: 'Leaky ReLU', prelu: 'PReLU', tanh: 'tanh', sigmoid: 'sigmoid', linear_act: 'linear',
  he: 'He', xavier: 'Xavier', glorot: 'Glorot', random: 'Random N(0,1)', zeros: 'Zeros', he_uniform: 'He uniform',
  xavier_uniform: 'Xavier uniform', glorot_uniform: 'Glorot uniform', identity: 'Identity',
  gd: 'Gradient descent', momentum: 'Momentum', rmsprop: 'RMSProp', adam: 'Adam',
  constant: 'None (constant)', inverse_time: '1 / (1 + decay · epoch)', exponential: 'k^epoch', staircase: 'Staircase',
  none: 'None', shift: 'Shifted', rotate: 'Rotated', noise: 'Noisier',
  auto: 'Automatic', softmax: 'softmax',
  slow: 'Slow · 10 epochs/s', normal: 'Normal · 60/s', fast: 'Fast · 300/s', max: 'Maximum',
  full: 'Full batch',
};
export const optionName = (name, option) => (name === 'output' && option === 'linear' ? 'linear' : NAMES[option] || option);

const isAdaptive = (s) => s.optimizer === 'rmsprop' || s.optimizer === 'adam';
export const META = {
  dataset: { section: 'data', label: 'Data set', help: 'Generated 2-D sets show a decision boundary; the real sets are from scikit-learn.' },
  samples: { section: 'data', label: 'Samples', help: 'Examples generated before the split.', when: (s) => GENERATED.has(s.dataset) },
  noise: { section: 'data', label: 'Noise', help: 'Standard deviation of the noise added to each point (or target).', when: (s) => GENERATED.has(s.dataset) },
  factor: { section: 'data', label: 'Inner radius', help: 'Circles: the inner circle’s radius over the outer’s.', when: (s) => s.dataset === 'circles' },
  classes: { section: 'data', label: 'Classes', help: 'Blobs: clusters; spiral: arms.', when: (s) => s.dataset === 'blobs' || s.dataset === 'spiral' },
  split: { section: 'data', label: 'Train/dev/test %', help: 'Percentages that sum to 100, e.g. 60/20/20 or 98/1/1 for a large data set.' },
  stratify: { section: 'data', label: 'Stratified split', help: 'Keep each class’s share in the train, dev and test sets.', when: (s) => !REGRESSION.has(s.dataset) },
  mismatch: { section: 'data', label: 'Dev/test distribution', help: 'Draw dev and test from another distribution than train, to see why they must match.' },
  normalize: { section: 'data', label: 'Normalise inputs', help: 'Subtract mu and divide by sigma, both from the training set only.' },
  jitter: { section: 'data', label: 'Augment: jitter', help: 'Training batches only: add Gaussian noise of this std to each input.' },
  flip: { section: 'data', label: 'Augment: flip', help: 'Training batches only: mirror images left-right (digits).', when: (s) => s.dataset === 'digits' },
  shift: { section: 'data', label: 'Augment: shift (px)', help: 'Training batches only: move images by up to this many pixels (digits).', when: (s) => s.dataset === 'digits' },
  output: { section: 'network', label: 'Output layer', help: 'Sigmoid for two classes, softmax for k classes, linear for regression; automatic picks from the data.' },
  init: { section: 'init', label: 'Initialisation', help: 'How W starts: He sqrt(2/n_prev) suits ReLU, Xavier sqrt(1/n_prev) suits tanh, zeros never break symmetry.' },
  scale: { section: 'init', label: 'Scale', help: 'Multiplies the initial weights: 10 with Random is the course’s “x10” case.' },
  l2: { section: 'reg', label: 'L2 lambda', help: 'Adds lambda/(2m)·sum ||W||² to the cost; can change while training.' },
  l1: { section: 'reg', label: 'L1 lambda', help: 'Adds lambda/m·sum |w| to the cost; can change while training.' },
  early: { section: 'reg', label: 'Early stopping', help: 'Stop when the dev loss has not improved for “patience” epochs, and keep the best weights.' },
  patience: { section: 'reg', label: 'Patience', help: 'Epochs without improvement before early stopping.', when: (s) => s.early },
  optimizer: { section: 'optim', label: 'Optimizer', help: 'Gradient descent, momentum (beta1), RMSProp (beta2) or Adam (both, bias-corrected).' },
  lr: { section: 'optim', label: 'Learning rate', help: 'alpha, on a log scale; it can change while the network trains.' },
  beta1: { section: 'optim', label: 'beta1', help: 'Momentum’s and Adam’s averaging of gradients: about 1/(1-beta) steps.', when: (s) => s.optimizer === 'momentum' || s.optimizer === 'adam' },
  beta2: { section: 'optim', label: 'beta2', help: 'RMSProp’s and Adam’s averaging of squared gradients.', when: isAdaptive },
  epsilon: { section: 'optim', label: 'epsilon', help: 'Keeps RMSProp and Adam from dividing by zero.', when: isAdaptive },
  schedule: { section: 'optim', label: 'Learning-rate decay', help: 'How alpha falls with the epoch.' },
  decay: { section: 'optim', label: 'Decay rate', help: 'decay_rate in alpha0 / (1 + decay_rate · epoch).', when: (s) => s.schedule === 'inverse_time' || s.schedule === 'staircase' },
  k: { section: 'optim', label: 'k', help: 'alpha = alpha0 · k^epoch.', when: (s) => s.schedule === 'exponential' },
  interval: { section: 'optim', label: 'Time interval', help: 'Staircase: epochs per step down.', when: (s) => s.schedule === 'staircase' },
  batch: { section: 'optim', label: 'Mini-batch size', help: 'Examples per step: 1 is SGD, full batch is batch gradient descent.' },
  epochs: { section: 'optim', label: 'Epochs', help: 'Passes over the training set.' },
  seed: { section: 'optim', label: 'Seed', help: 'Fixes the data, the initial weights and the batch order: the same seed gives the same run.' },
  bayes: { section: 'optim', label: 'Bayes error', help: 'Human-level error (a fraction), for the diagnosis: avoidable bias = train error − Bayes error.' },
  speed: { section: 'run', label: 'Speed', help: 'How fast the run is shown: epochs per second, or as fast as possible.' },
};

export const SECTIONS = [
  { id: 'data', title: 'Data' },
  { id: 'network', title: 'Network' },
  { id: 'init', title: 'Initialisation' },
  { id: 'reg', title: 'Regularisation' },
  { id: 'optim', title: 'Optimisation' },
];

export function allowedText(f) {
  switch (f.type) {
    case 'int': return `a whole number from ${f.min} to ${f.max}`;
    case 'number': return `a number from ${f.min} to ${f.max}`;
    case 'split': return 'three percentages that sum to 100, train first and above 0, e.g. 60/20/20';
    case 'list': return `numbers from ${f.min} to ${f.max}`;
    case 'bool': return 'on or off';
    default: return `one of ${f.options.join(', ')}`;
  }
}
