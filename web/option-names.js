// The words a menu shows for each option of the spec ("gd" -> "Gradient descent").
const NAMES = {
  circles: 'Circles', moons: 'Moons', xor: 'XOR', blobs: 'Gaussian blobs', spiral: 'Spiral', flower: 'Flower (planar)',
  linear: 'Linearly separable', plane: 'Plane (regression)', sine: 'Sine (regression)', digits: 'Digits 8x8 (real)',
  iris: 'Iris (real)', wine: 'Wine (real)', breast_cancer: 'Breast cancer (real)', csv: 'CSV file…', inline: 'Inline data (from the spec)',
  relu: 'ReLU', leaky_relu: 'Leaky ReLU', prelu: 'PReLU', tanh: 'tanh', sigmoid: 'sigmoid',
  he: 'He', xavier: 'Xavier', glorot: 'Glorot', random: 'Random N(0,1)', zeros: 'Zeros', he_uniform: 'He uniform',
  xavier_uniform: 'Xavier uniform', glorot_uniform: 'Glorot uniform', random_uniform: 'Random uniform', identity: 'Identity',
  explicit: 'Explicit weights (from the spec)',
  gd: 'Gradient descent', momentum: 'Momentum', rmsprop: 'RMSProp', adam: 'Adam',
  constant: 'None (constant)', inverse_time: '1 / (1 + decay · epoch)', exponential: 'k^epoch', staircase: 'Staircase',
  step_drops: 'Step drops (from the spec)',
  none: 'None', shift: 'Shifted', rotate: 'Rotated', noise: 'Noisier', softmax: 'softmax',
  dev_loss: 'Dev loss', dev_error: 'Dev error',
  slow: 'Slow · 10 epochs/s', normal: 'Normal · 60/s', fast: 'Fast · 300/s', max: 'Maximum',
};
const BY_KEY = { output: { linear: 'linear' }, act: { linear: 'linear' }, norm: { none: 'no norm', batch: 'batch norm', layer: 'layer norm', instance: 'instance norm' } };

export const optionName = (key, option) => BY_KEY[key]?.[option] ?? NAMES[option] ?? option;
