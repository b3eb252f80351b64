// The experiment spec's types (engine/spec/spec.cpp): its names, the spec as a person writes
// it, the spec as the engine fills it, and what a run reports (engine/train/metrics.h,
// summary.h). Part of the package `descent`'s types: descent.d.ts re-exports all of it. The
// JSON Schema of the spec is spec.schema.json. The name lists are checked against the engine
// by tests/wasm/spec-schema.test.mjs.

// --- the experiment spec: names ------------------------------------------------------------

export type GeneratedSource = 'circles' | 'moons' | 'xor' | 'blobs' | 'spiral' | 'flower' | 'linear' | 'plane' | 'sine';
export type BuiltInSource = 'digits' | 'iris' | 'wine' | 'breast_cancer';
export type DataSource = GeneratedSource | BuiltInSource | 'csv' | 'inline';
export type Task = 'classification' | 'regression';
export type Mismatch = 'none' | 'shift' | 'rotate' | 'noise';
export type ActivationName = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'prelu' | 'softmax';
export type NormName = 'none' | 'batch' | 'layer' | 'instance';
export type InitScheme = 'zeros' | 'random' | 'xavier' | 'glorot' | 'he' | 'random_uniform' | 'xavier_uniform' |
  'glorot_uniform' | 'he_uniform' | 'identity' | 'explicit';
export type OptimizerName = 'gd' | 'momentum' | 'rmsprop' | 'adam';
export type ScheduleName = 'constant' | 'inverse_time' | 'exponential' | 'staircase' | 'step_drops';
export type Monitor = 'dev_loss' | 'dev_error';

// --- the experiment spec as a person writes it: every field optional ------------------------
// Missing fields take the engine's defaults; unknown fields are refused (a typo is an error).

interface DataFields {
  samples?: number;  // generators: examples before the split, 4..100000 (400)
  noise?: number;    // generators: std of the Gaussian noise (sine/plane: of the target), 0..10 (0.1)
  factor?: number;   // circles: inner radius / outer radius, > 0 and <= 1 (0.5)
  classes?: number;  // blobs: clusters; spiral: arms; 2..20 (3)
  task?: Task;       // csv and inline: what y is (classification)
  csv?: string;      // csv: the file's text, with a header row
  label?: string;    // csv: the label column's name ('' : the last column)
  x?: number[][];    // inline: m rows of n_x features
  y?: number[];      // inline: m labels (class indices) or targets
}
export type DataSpec =
  | (DataFields & { source?: GeneratedSource | BuiltInSource })
  | (DataFields & { source: 'csv'; csv: string })
  | (DataFields & { source: 'inline'; x: number[][]; y: number[] });

// The separate form of data: the sets as given, and no split. A set's own source is a source
// with seed_offset (added to the seed for its draw); train_dev, dev and test may instead take
// examples of the training source (train_dev first, then dev, then test; one stays in train).
export type SetSourceSpec = DataSpec & {
  seed_offset?: number;  // 0..1000000 (0)
  from?: never;          // a source: not taken from train
};
export interface FromTrainSpec {
  from: 'train';  // the only set examples may be taken from
  take: number;   // 1..100000, fewer than the training source has
}
export type SetSpec = SetSourceSpec | FromTrainSpec;
export interface SeparateDataSpec {
  train: SetSourceSpec;  // the training set's source (never taken from a set)
  train_dev?: SetSpec;   // the training distribution, not trained on: variance vs data mismatch
  dev?: SetSpec;
  test?: SetSpec;
}

export interface SplitSpec {
  train?: number;  // ratio, > 0 and <= 1 (0.7); train + dev + test = 1 unless counts are given
  dev?: number;    // ratio, 0..1 (0.3)
  test?: number;   // ratio, 0..1 (0)
  dev_count?: number;   // absolute dev examples, 0..100000; with test_count, the ratios are ignored
  test_count?: number;  // absolute test examples, 0..100000
  stratify?: boolean;   // keep each class's share in every set (false)
  mismatch?: Mismatch;  // dev/test drawn from another distribution than train ('none')
  mismatch_amount?: number;  // shift or noise in feature stds, rotation in radians; 0..100 (0.5)
}

export interface LayerSpec {
  units?: number;               // n_l, 1..4096 (1)
  activation?: ActivationName;  // g (relu); softmax on the output layer only
  slope?: number;               // leaky_relu: fixed slope (0.01); prelu: starting slope (0.25); -10..10
  keep_prob?: number;           // inverted dropout, > 0 and <= 1 (1: none); 1 on the output layer
  norm?: NormName;              // before g ('none'); none on the output layer
  channels?: number;            // batch/instance norm channels, dividing units (0: one per unit)
}

// Explicit starting weights of layer l: W_l (n_l x n_{l-1}) as rows, b_l (n_l; default zeros).
export interface LayerWeights {
  W: number[][];
  b?: number[];
}
export type InitSpec =
  | { scheme?: Exclude<InitScheme, 'explicit'>; scale?: number; weights?: never }
  | { scheme: 'explicit'; scale?: number; weights: LayerWeights[] };  // one entry per layer

export interface RegularizationSpec {
  l2?: number;  // lambda of L2, 0..1e6 (0)
  l1?: number;  // lambda of L1, 0..1e6 (0)
}

export interface OptimizerSpec {
  name?: OptimizerName;    // ('gd')
  learning_rate?: number;  // alpha0, > 0 and <= 100 (0.1)
  beta1?: number;          // momentum's beta and Adam's first moment, >= 0 and < 1 (0.9)
  beta2?: number;          // RMSProp's and Adam's second moment, >= 0 and < 1 (0.999)
  epsilon?: number;        // > 0 and <= 1 (1e-8)
}

// step_drops: from epoch `epoch` on, the rate is multiplied by `factor`.
export interface StepDrop {
  epoch?: number;   // 0..1000000 (1)
  factor?: number;  // > 0 and <= 1e6 (0.1)
}
export interface ScheduleSpec {
  name?: ScheduleName;     // ('constant')
  decay_rate?: number;     // inverse_time, staircase: 0..1e6 (1)
  k?: number;              // exponential: alpha0 * k^epoch, > 0 and <= 1 (0.95)
  time_interval?: number;  // staircase: epochs per step, 1..1000000 (1)
  drops?: StepDrop[];      // step_drops
}

export interface AugmentSpec {
  flip?: boolean;   // images: mirror left-right with probability 1/2 (false)
  shift?: number;   // images: move by up to this many pixels, 0..3 (0)
  jitter?: number;  // add N(0, jitter^2) to each feature, 0..10 (0)
}

export interface EarlyStoppingSpec {
  enabled?: boolean;   // (false)
  monitor?: Monitor;   // ('dev_loss')
  patience?: number;   // epochs without improvement, 1..1000000 (10)
  min_delta?: number;  // an improvement must exceed this, 0..1e6 (0)
}

// The experiment spec (engine/spec/spec.h). Every field is optional; data is one source split
// by split, or separate sets and then no split.
export type ExperimentSpec =
  | (SpecFields & { data?: DataSpec; split?: SplitSpec })
  | (SpecFields & { data: SeparateDataSpec; split?: never });
// The fields of the spec beside data and split.
export interface SpecFields {
  seed?: number;  // 0..2^53-1 (1)
  layers?: LayerSpec[];  // hidden layers then the output layer, 1..64 ([8 relu, 8 relu, 1 sigmoid])
  init?: InitSpec;       // (he, scale 1)
  regularization?: RegularizationSpec;
  optimizer?: OptimizerSpec;
  schedule?: ScheduleSpec;
  batch_size?: number;   // mini-batch size m, 0..100000 (32); 0: the whole training set
  epochs?: number;       // 1..1000000 (300)
  normalize?: boolean;   // inputs: mu and sigma^2 from the training set (false)
  augment?: AugmentSpec;  // training batches only
  early_stopping?: EarlyStoppingSpec;
  bayes_error?: number;      // human-level error (a fraction) for the diagnosis, 0..1 (0)
  overfit_samples?: number;  // > 0: train on only this many examples (a sanity check), 0..100000
  record_every?: number;     // > 0: a mini-batch loss record every this many steps, 0..1000000
}

// --- the spec as the engine fills it (what Lesson.spec and descent:loaded carry) -----------

export interface FilledSource {
  source: DataSource; samples: number; noise: number; factor: number; classes: number;
  task?: Task;                   // csv and inline only
  csv?: string; label?: string;  // csv only
  x?: number[][]; y?: number[];  // inline only
}
export type FilledSetSource = FilledSource & { seed_offset: number };
export type FilledSet = FilledSetSource | { from: 'train'; take: number };
// The separate form as filled: only the sets given, in this order.
export interface FilledSeparateData { train: FilledSetSource; train_dev?: FilledSet; dev?: FilledSet; test?: FilledSet }

export interface FilledSpec {
  seed: number;
  data: FilledSource | FilledSeparateData;
  split?: {  // absent when data is separate sets

    train: number; dev: number; test: number;
    dev_count?: number; test_count?: number;  // only when the spec gave counts
    stratify: boolean; mismatch: Mismatch; mismatch_amount: number;
  };
  layers: Array<{
    units: number; activation: ActivationName;
    slope?: number;     // leaky_relu and prelu only
    keep_prob: number; norm: NormName;
    channels?: number;  // only when > 0
  }>;
  init: { scheme: InitScheme; scale: number; weights?: Array<{ W: number[][]; b: number[] }> };
  regularization: Required<RegularizationSpec>;
  optimizer: Required<OptimizerSpec>;
  schedule: { name: ScheduleName; decay_rate: number; k: number; time_interval: number; drops: Required<StepDrop>[] };
  batch_size: number;
  epochs: number;
  normalize: boolean;
  augment: Required<AugmentSpec>;
  early_stopping: Required<EarlyStoppingSpec>;
  bayes_error: number;
  overfit_samples: number;
  record_every: number;
}

// --- what a run reports -------------------------------------------------------------------

// A metric as the engine writes it: null when there is no such set (or value), and an
// infinite value as the string "inf" / "-inf" (a diverged run).
export type Metric = number | null | 'inf' | '-inf';

// One layer's statistics at the end of an epoch.
export interface LayerStats {
  weight_norm: Metric;  // ||W_l||_F
  grad_norm: Metric;    // ||dW_l||_F of the last mini-batch
  act_mean: Metric;     // mean of A_l over the evaluated set
  act_std: Metric;      // std of A_l
  saturated: Metric;    // fraction: sigmoid a < 0.01 or > 0.99, tanh |a| > 0.99
  dead: Metric;         // fraction: ReLU family a <= 0
}

// The engine's record of one epoch (epoch 0: the untrained network). Errors are fractions.
export interface EpochRecord {
  epoch: number;
  step: number;  // mini-batch updates so far
  train_loss: Metric; train_error: Metric;
  dev_loss: Metric; dev_error: Metric;    // null without a dev set
  test_loss: Metric; test_error: Metric;  // null without a test set
  train_dev_loss: Metric; train_dev_error: Metric;  // null without a train-dev set
  learning_rate: Metric;  // the rate of the coming epoch
  grad_norm: Metric;      // ||dtheta|| of the last mini-batch
  layers: LayerStats[];
}

// An epoch as a lesson reports it (web/embed/batcher.js): null fields are left out.
export interface CompactEpoch {
  epoch: number;
  train_loss?: number | 'inf' | '-inf'; dev_loss?: number | 'inf' | '-inf'; test_loss?: number | 'inf' | '-inf';
  train_error?: number; dev_error?: number; test_error?: number;
  train_dev_loss?: number | 'inf' | '-inf'; train_dev_error?: number;  // with a train-dev set
  learning_rate?: number;
}

// Whether the learning rate is the problem, read from the training-loss curve.
export interface LearningRateVerdict {
  verdict: 'too large' | 'too small' | 'ok' | 'unknown' | 'initial weights too large';
  alpha: Metric;   // the rate the run used
  epochs: number;  // epochs read
  window: number;  // the last epochs read for rises and swings
  initial_loss: Metric; final_loss: Metric; min_loss: Metric;  // train loss: epoch 0, end, lowest
  window_low: Metric; window_high: Metric;  // in the window
  rises: Metric; falls: Metric;             // sums of epoch-to-epoch rises and falls in the window
  early_drop: Metric; late_drop: Metric;    // loss fallen in the first and the last quarter
  dead: Metric; dead_at_start: Metric;      // hidden ReLU activations at 0 (null: no ReLU layer)
  diverged: boolean;
  evidence: string[];  // what was seen, with its numbers
  recipe: string[];    // the course's next move
}

// Bias and variance in the course's terms (errors are fractions).
export interface Diagnosis {
  bayes_error: number;
  train_error: Metric; dev_error: Metric; test_error: Metric;
  train_dev_error: Metric;  // null without a train-dev set
  avoidable_bias: Metric;  // train error - Bayes error
  variance: Metric;        // dev error - train error (null: unknown); with a train-dev set: train-dev - train
  data_mismatch: Metric;   // dev error - train-dev error (null without a train-dev set)
  variance_known: boolean;
  dev_set: 'dev' | 'test' | 'none';  // what gave dev_error
  case: string;      // "high bias", "high variance", "data mismatch", "high variance and data mismatch", "high bias; no data mismatch", ...
  headline: string;  // what to fix first
  recipe: string[];
  learning_rate: LearningRateVerdict;
  with_test_set?: Omit<Diagnosis, 'learning_rate' | 'with_test_set'>;  // no dev set but a test set
}

// The end of a run (descent:finished), of the weights the run ends with.
export interface RunSummary {
  epochs_run: number;
  stopped: 'epochs' | 'early_stopping' | 'diverged';
  message: string;            // why, in words
  best_epoch: number | null;  // early stopping's best epoch
  train_loss: Metric; train_accuracy: Metric;  // accuracy = 1 - error
  dev_loss: Metric; dev_accuracy: Metric;
  test_loss: Metric; test_accuracy: Metric;
  train_dev_loss: Metric; train_dev_accuracy: Metric;  // null without a train-dev set
  diagnosis: Diagnosis;
  initial_loss: { value: Metric; expected: Metric; ok: boolean; note: string };  // expected: ln 2, ln k; null for regression
  overfit?: { samples: number; train_error: Metric; ok: boolean };  // spec.overfit_samples > 0
}
