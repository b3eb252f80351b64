// The page's state as one declarative table (name, type, default, limits). It round-trips
// through location.hash, the seed included, and builds the experiment spec. Missing keys
// keep their defaults; bad ones fall back to them and are reported, never trusted.

const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'];
const INITS = ['he', 'xavier', 'random', 'zeros'];

export const FIELDS = [
  { name: 'seed', type: 'int', default: 1, min: 0, max: 2 ** 53 - 1 },
  { name: 'samples', type: 'int', default: 400, min: 4, max: 100000 },
  { name: 'noise', type: 'number', default: 0.1, min: 0, max: 10 },
  { name: 'hidden', type: 'layers', default: [8, 8] },
  { name: 'activation', type: 'choice', default: 'relu', options: ACTIVATIONS },
  { name: 'init', type: 'choice', default: 'he', options: INITS },
  { name: 'lr', type: 'number', default: 0.1, min: 1e-6, max: 100 },
  { name: 'batch', type: 'int', default: 32, min: 1, max: 100000 },
  { name: 'epochs', type: 'int', default: 300, min: 1, max: 1000000 },
  { name: 'speed', type: 'choice', default: 'normal', options: ['slow', 'normal', 'fast', 'max'] },
];

export function defaults() {
  return Object.fromEntries(FIELDS.map((f) => [f.name, structuredClone(f.default)]));
}

// Parses one value from text; returns undefined when it is not allowed.
export function parseValue(field, text) {
  const t = String(text).trim();
  switch (field.type) {
    case 'int': {
      if (!/^\d+$/.test(t)) return undefined;
      const x = Number(t);
      return Number.isSafeInteger(x) && x >= field.min && x <= field.max ? x : undefined;
    }
    case 'number': {
      if (!/^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
      const x = Number(t);
      return Number.isFinite(x) && x >= field.min && x <= field.max ? x : undefined;
    }
    case 'choice':
      return field.options.includes(t) ? t : undefined;
    case 'layers': {
      if (t === '') return [];
      const units = t.split(',').map((u) => u.trim());
      if (units.length > 16 || !units.every((u) => /^\d{1,4}$/.test(u))) return undefined;
      const xs = units.map(Number);
      return xs.every((x) => x >= 1 && x <= 1024) ? xs : undefined;
    }
    default:
      return undefined;
  }
}

export function formatValue(field, value) {
  return field.type === 'layers' ? value.join(',') : String(value);
}

// Reads a hash such as "#lr=0.1&hidden=8,8". Returns { state, rejected: [names] }.
export function fromHash(hash) {
  const state = defaults();
  const rejected = [];
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  for (const [name, text] of params) {
    const field = FIELDS.find((f) => f.name === name);
    const value = field ? parseValue(field, text) : undefined;
    if (value === undefined) rejected.push(name);
    else state[name] = value;
  }
  return { state, rejected };
}

export function toHash(state) {
  const params = new URLSearchParams();
  for (const f of FIELDS) params.set(f.name, formatValue(f, state[f.name]));
  return `#${params.toString().replaceAll('%2C', ',')}`;
}

// The experiment spec this state describes (the engine validates it again).
export function toSpec(state) {
  return {
    seed: state.seed,
    data: { source: 'circles', samples: state.samples, noise: state.noise },
    layers: [
      ...state.hidden.map((units) => ({ units, activation: state.activation })),
      { units: 1, activation: 'sigmoid' },
    ],
    init: { scheme: state.init },
    optimizer: { name: 'gd', learning_rate: state.lr },
    batch_size: state.batch,
    epochs: state.epochs,
  };
}
