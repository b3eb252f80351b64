// A workload's network, data and optimizer in TensorFlow.js, written for speed the way a
// TF.js user would: tf.variable parameters, pre-built batch tensors, optimizer.minimize.
//
// Shapes (TF.js layout, rows are examples; Descent's own layout is features x batch):
//   B = batch, n_l = units of layer l, L = number of weight layers
//   X_k: (B x n_0)  batch k of the inputs       Y_k: (B x n_L) one-hot labels, or (B x 1) 0/1
//   W_l: (n_{l-1} x n_l)                         b_l: (n_l)
// Hidden layers: ReLU. Output: n_L = 1 -> sigmoid + binary cross-entropy, else softmax +
// softmax cross-entropy; both from the logits, mean over the batch.

// mulberry32: a small seeded uniform generator in [0, 1).
function uniform(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Box-Muller on a uniform generator: N(0, 1) samples.
function normal(next) {
  return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

// The data, drawn once from the seed: examples rows of N(0, 1) inputs, uniform labels.
function makeData(tf, { layers, batch, examples, seed }) {
  const nIn = layers[0];
  const nOut = layers[layers.length - 1];
  const classes = nOut === 1 ? 2 : nOut;
  const u = uniform(seed);
  const n = normal(u);
  const x = new Float32Array(examples * nIn).map(() => n());
  const labels = Array.from({ length: examples }, () => Math.floor(u() * classes));
  const batches = [];
  for (let start = 0; start < examples; start += batch) {
    const rows = Math.min(batch, examples - start);
    const y = new Float32Array(rows * nOut);
    for (let r = 0; r < rows; r++) {
      if (nOut === 1) y[r] = labels[start + r];
      else y[r * nOut + labels[start + r]] = 1;
    }
    batches.push({
      X: tf.tensor2d(x.subarray(start * nIn, (start + rows) * nIn), [rows, nIn]),  // (B x n_0)
      Y: tf.tensor2d(y, [rows, nOut]),                                             // (B x n_L)
    });
  }
  return batches;
}

// He-normal weights for ReLU layers, Glorot-normal for the output; zero biases.
function makeParameters(tf, layers, seed) {
  const n = normal(uniform(seed ^ 0x9e3779b9));
  const params = [];
  for (let l = 1; l < layers.length; l++) {
    const [fanIn, fanOut] = [layers[l - 1], layers[l]];
    const std = l < layers.length - 1 ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
    const w = new Float32Array(fanIn * fanOut).map(() => std * n());
    // tf.variable keeps the initial tensor's data; the tensor itself is let go.
    const initial = [tf.tensor2d(w, [fanIn, fanOut]), tf.zeros([fanOut])];
    params.push({
      W: tf.variable(initial[0], true, `W${l}`),  // (n_{l-1} x n_l)
      b: tf.variable(initial[1], true, `b${l}`),  // (n_l)
    });
    tf.dispose(initial);
  }
  return params;
}

function makeOptimizer(tf, optimizer) {
  const { name, learning_rate: lr } = optimizer;
  if (name === 'adam') return tf.train.adam(lr, optimizer.beta1, optimizer.beta2, optimizer.epsilon);
  if (name === 'gd') return tf.train.sgd(lr);
  throw new Error(`[tfjs-net]: optimizer.name "${name}" is not one of adam, gd`);
}

// One dense layer, A_l = g(A_{l-1} W_l + b_l), g = ReLU or identity. Variants:
//   fused:  one _FusedMatMul kernel (bias and ReLU inside); TF.js's own gradient.
//   ops:    matMul, add, relu as separate kernels; TF.js's own gradients.
//   custom: the fused forward with a hand-written gradient (tf.customGrad) that transposes
//           explicitly, as the wasm backend's matMul with transposeA/B is ~10x slower than
//           transpose + matMul; the first layer does not compute dX, which nobody needs.
// Each variant makes a layer, (A_{l-1}) => A_l, from its parameters { W, b }.
const DENSE = {
  fused: (tf, { W, b }, relu) => (A) => tf.fused.matMul({ a: A, b: W, bias: b, activation: relu ? 'relu' : 'linear' }),
  ops: (tf, { W, b }, relu) => (A) => {
    const Z = tf.add(tf.matMul(A, W), b);
    return relu ? tf.relu(Z) : Z;
  },
  custom: (tf, { W, b }, relu, first) => {
    const f = customDense(tf, relu, first);
    return first ? (A) => f(W, b, A) : (A) => f(A, W, b);
  },
};

// The gradient of A_l = g(A W + b), by the chain rule (rows are examples):
//   dZ = dA_l * g'(Z)   dW = A^T dZ   db = sum over rows of dZ   dA = dZ W^T
function customDense(tf, relu, first) {
  const forward = (A, W, b) => tf.fused.matMul({ a: A, b: W, bias: b, activation: relu ? 'relu' : 'linear' });
  const backward = (dY, A, W, Y) => {
    const dZ = relu ? tf.mul(dY, tf.step(Y)) : dY;  // ReLU'(Z) = step(A_l)
    const dW = tf.matMul(tf.transpose(A), dZ);
    const db = tf.sum(dZ, 0);
    return { dZ, dW, db };
  };
  if (first) {
    // The input is data: gradients for W and b only (A rides along, not differentiated).
    let input = null;
    const f = tf.customGrad((W, b, save) => {
      const Y = forward(input, W, b);
      save([Y]);
      return { value: Y, gradFunc: (dY, [Y1]) => { const { dW, db } = backward(dY, input, W, Y1); return [dW, db]; } };
    });
    return (W, b, A) => { input = A; return f(W, b); };
  }
  return tf.customGrad((A, W, b, save) => {
    const Y = forward(A, W, b);
    save([A, W, Y]);
    return {
      value: Y,
      gradFunc: (dY, [A1, W1, Y1]) => {
        const { dZ, dW, db } = backward(dY, A1, W1, Y1);
        return [tf.matMul(dZ, tf.transpose(W1)), dW, db];
      },
    };
  });
}

// Builds the workload; returns { step(), parameters, dispose(), vars, loss(k) }. step() runs
// forward, loss, backward and the update on the next batch and returns the loss (a scalar the
// caller disposes). vars and loss(k) (the loss on batch k) are for checks.
export function buildNet(tf, request, variant = 'fused') {
  if (!DENSE[variant]) throw new Error(`[tfjs-net]: variant "${variant}" is not one of ${Object.keys(DENSE)}`);
  const { layers } = request;
  const batches = makeData(tf, request);
  const params = makeParameters(tf, layers, request.seed);
  const net = params.map((p, l) => DENSE[variant](tf, p, l < params.length - 1, l === 0));
  const vars = params.flatMap(({ W, b }) => [W, b]);
  const optimizer = makeOptimizer(tf, request.optimizer);
  const binary = layers[layers.length - 1] === 1;
  const MEAN = tf.Reduction.MEAN;

  const loss = ({ X, Y }) => {
    const A = net.reduce((input, layer) => layer(input), X);
    return binary
      ? tf.losses.sigmoidCrossEntropy(Y, A, undefined, 0, MEAN)
      : tf.losses.softmaxCrossEntropy(Y, A, undefined, 0, MEAN);
  };

  let k = 0;
  return {
    vars,
    batches: batches.length,
    loss: (k) => loss(batches[k]),
    parameters: vars.reduce((sum, v) => sum + v.size, 0),
    step() {
      const batch = batches[k];
      k = (k + 1) % batches.length;
      return optimizer.minimize(() => loss(batch), true, vars);
    },
    dispose() {
      optimizer.dispose();
      tf.dispose(vars);
      for (const { X, Y } of batches) tf.dispose([X, Y]);
    },
  };
}
