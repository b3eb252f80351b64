// Types of the package `descent`: the ES module descent.js (web/embed/element.js), the DOM
// events of an embedded lesson, the postMessage protocol of embed.html (web/embed/messages.js,
// bridge.js), the experiment spec (engine/spec/spec.cpp) and what a run reports
// (engine/train/metrics.h, summary.h). The JSON Schema of the spec is spec.schema.json.
// Checked by tests/types (tsc) and tests/wasm/spec-schema.test.mjs (name lists vs the engine).

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

// --- lesson files (public/lessons/*.json) ---------------------------------------------------

export type MeasureName = 'gap' | 'data_mismatch' | 'final_loss' | 'test_error' | 'loss_spread' | 'act_std_growth';

export interface LessonFile {
  id: string;        // as in lessons/index.json: "initialization"
  title: string;
  text: string;      // every number in it is a claim or a constant
  question: string;  // what to look at
  measure: MeasureName;
  claims: Array<{ says: string; path: string; runs?: number[] }>;  // `says` names the value at `path` (of `runs`, 0-based; all by default)
  constants?: string[];  // numbers of the text that are not claims ("2" of ln 2)
  runs: Array<{ label: string; spec: ExperimentSpec }>;
}
export type LessonIndex = Array<{ id: string; title: string }>;
// A course's own lesson file, loaded by URL: only runs (each with a spec object) are needed.
export type CourseLessonFile = Partial<Omit<LessonFile, 'runs'>> & { runs: Array<{ label?: string; spec: ExperimentSpec }> };

// --- lesson options (web/embed/options.js) ---------------------------------------------------

// The playground's controls, by their key in the spec table (web/spec/table.js).
export type ControlName = 'dataset' | 'samples' | 'noise' | 'factor' | 'classes' | 'split' | 'stratify' | 'mismatch' |
  'mismatch_amount' | 'normalize' | 'jitter' | 'flip' | 'shift' | 'output' | 'init' | 'scale' | 'l2' | 'l1' | 'early' |
  'patience' | 'monitor' | 'min_delta' | 'optimizer' | 'lr' | 'beta1' | 'beta2' | 'epsilon' | 'schedule' | 'decay' | 'k' |
  'interval' | 'batch' | 'epochs' | 'seed' | 'bayes';
// The hidden layers' lists: one value per hidden layer ("hidden" [16, 8]).
export type LayerControlName = 'hidden' | 'act' | 'norm' | 'keep';
export type ChartName = 'metrics' | 'boundary';
export type MetricName = 'error' | 'loss';
export type SpeedName = 'slow' | 'normal' | 'fast' | 'max';  // 10, 60, 300 epochs a second, as fast as possible

// A value for a control, read as the control reads its text ("60/20/20", "full", true).
export type SettingValue = string | number | boolean | ReadonlyArray<string | number>;

// Where the lesson's experiment comes from: at most one of lesson, spec or settings.
export type LessonSource =
  // A lesson id with an optional run index ("initialization", "initialization/2"), or the URL of
  // a lesson file, absolute or relative to the document ("/course/mine.json?run=1").
  | { lesson: string; spec?: never; settings?: never }
  | { spec: ExperimentSpec | string; lesson?: never; settings?: never }  // an object or JSON text
  | { settings: string; lesson?: never; spec?: never }  // as in the playground's link: "optimizer=adam&lr=0.001"
  | { lesson?: never; spec?: never; settings?: never };  // the default experiment

// Lists may also be given comma-separated ("optimizer,lr"), as in attributes.
export type LessonOptions = LessonSource & {
  controls?: readonly ControlName[] | string;  // shown (default: optimizer, lr, l2)
  locked?: readonly ControlName[] | string;    // shown but not editable
  charts?: readonly ChartName[] | string;      // default: metrics, and boundary for 2-D data
  metric?: MetricName;  // what the metrics chart shows ('error')
  speed?: SpeedName;    // ('fast')
  title?: string;       // at most 4000 characters (default: the lesson's)
  text?: string;        // at most 4000 characters (default: the lesson's)
};

// --- events ---------------------------------------------------------------------------------

// blocked: the engine refused the spec (see descent:error); unavailable: no training worker could
// start (descent.js served from another origin than the page), an event only.
export type RunState = 'loading' | 'idle' | 'running' | 'paused' | 'finished' | 'blocked' | 'unavailable';

// What was not allowed: `field` names the option, command key or spec path ("optimizer.name").
export interface DescentError {
  field: string;
  given: string;    // the value, as text (cut at 80 characters)
  allowed: string;  // what is allowed, in words
  message: string;  // the whole sentence
}

export interface LoadedDetail {
  spec: FilledSpec;        // the spec the engine runs
  epochs: CompactEpoch[];  // epoch 0
  // When from a lesson file: its id (null for a course's own file), its URL (course files), the run.
  lesson: { id: string | null; url?: string; run: number; label: string | null } | null;
  title: string | null;  // the lesson's heading (null on the playground)
  reset: boolean;  // true after a reset (same spec, same initial weights)
}
// The latest epoch, and every epoch since the last event (at most 10 events a second).
export interface EpochDetail extends CompactEpoch {
  epochs: CompactEpoch[];
}
export interface StateDetail { state: RunState }

export interface DescentEventDetails {
  'descent:loaded': LoadedDetail;
  'descent:epoch': EpochDetail;
  'descent:finished': RunSummary;
  'descent:state': StateDetail;
  'descent:error': DescentError;
}
type DescentEventMap = { [K in keyof DescentEventDetails]: CustomEvent<DescentEventDetails[K]> };

// --- the module's API (descent.js) ----------------------------------------------------------

export interface LessonRunState {
  state: Exclude<RunState, 'unavailable'>;
  latest: EpochRecord | null;
  epochs: EpochRecord[];  // every epoch of the run so far
  totalEpochs: number;
  stepsPerSecond: number;
  stopMessage: string;    // why the run stopped early ('' otherwise)
}

// One embedded lesson: a compact playground in `root`, with its own training worker.
export class Lesson {
  constructor(root: HTMLElement, options?: LessonOptions);
  readonly root: HTMLElement;
  // Settles once the first experiment is loading (options problems come as descent:error).
  readonly ready: Promise<void>;
  // The spec the controls show, filled in (undefined when no worker could start).
  readonly spec: FilledSpec | undefined;
  readonly run: LessonRunState;
  // The lesson file in use, when the experiment came from one (url: a course's own, by URL).
  readonly lesson: ((LessonFile | CourseLessonFile) & { url?: string }) | null;
  // Loads an experiment spec (an object or JSON text); false when it is not one.
  load(spec: ExperimentSpec | string): boolean;
  // Loads a run of a lesson: from lessons/ by id ("initialization/2"; "initialization": run 0),
  // or a course's own lesson file by URL ("https://course.example/mine.json?run=1").
  loadLesson(ref: string): Promise<void>;
  // Loads playground settings ("optimizer=adam&lr=0.001"); bad ones keep their defaults.
  loadSettings(text: string): void;
  train(): void;  // while loading: trains once loaded
  pause(): void;
  reset(): void;  // same spec: the same initial weights
  destroy(): void;  // stops the worker and empties root
  // Sets a control by its key; false (and a descent:error) when the key or value is not allowed.
  set(name: ControlName | LayerControlName, value: SettingValue): boolean;
}

// Fills `element` with a lesson and links lesson.css (from the asset folder) into its document.
export function mount(element: HTMLElement, options?: LessonOptions): Lesson;

// <descent-lesson lesson="optimization" controls="optimizer,lr" locked="epochs" charts="metrics">:
// the attributes are the options (read when the element is connected).
export class DescentLesson extends HTMLElement {
  lesson?: Lesson | null;  // set once connected; null after removal
  connectedCallback(): void;
  disconnectedCallback(): void;
}

// Where worker.js, engine.wasm, lesson.css and lessons/ are served from (same origin as the
// page): an http(s) folder, absolute or relative to the document. null: beside descent.js.
// Call before the first mount(). Throws TypeError for anything else.
export function setAssetPath(folder: string | URL | null): void;
// The folder in use, as an absolute URL ending in '/'.
export function assetPath(): string;

// --- embed.html <-> its parent: postMessage ---------------------------------------------------

export type ProtocolVersion = 1;
export type CommandId = string | number;  // echoed back on error and rejected; strings at most 200 characters

interface CommandBase { descent: ProtocolVersion; id?: CommandId }
export type LoadCommand = CommandBase & { type: 'load' } & (
  | { spec: ExperimentSpec | string; lesson?: never; settings?: never }
  | { lesson: string; spec?: never; settings?: never }  // as the lesson option: an id ("optimization/2") or a URL
  | { settings: string; spec?: never; lesson?: never });
export type TrainCommand = CommandBase & { type: 'train' };
export type PauseCommand = CommandBase & { type: 'pause' };
export type ResetCommand = CommandBase & { type: 'reset' };
export type SetCommand = CommandBase & { type: 'set'; name: ControlName | LayerControlName; value: SettingValue };
// Parent -> embed.
export type DescentCommand = LoadCommand | TrainCommand | PauseCommand | ResetCommand | SetCommand;
export type DescentCommandType = DescentCommand['type'];

interface EventBase { descent: ProtocolVersion }
export type ReadyMessage = EventBase & { type: 'ready'; version: ProtocolVersion; commands: DescentCommandType[]; events: DescentEventType[] };
export type LoadedMessage = EventBase & { type: 'loaded' } & LoadedDetail;
export type EpochMessage = EventBase & { type: 'epoch' } & EpochDetail;
export type FinishedMessage = EventBase & { type: 'finished'; summary: RunSummary };
export type StateMessage = EventBase & { type: 'state' } & StateDetail;
// A problem while a command ran (or with the options, or the engine refusing a spec).
export type ErrorMessage = EventBase & { type: 'error'; id?: CommandId } & DescentError;
// A command that was not well formed: not carried out.
export type RejectedMessage = EventBase & { type: 'rejected'; id?: CommandId } & DescentError;
// The lesson's content height changed: size the iframe to it (CSS pixels).
export type ResizeMessage = EventBase & { type: 'resize'; height: number };
// Embed -> parent.
export type DescentEvent = ReadyMessage | LoadedMessage | EpochMessage | FinishedMessage | StateMessage | ErrorMessage |
  RejectedMessage | ResizeMessage;
export type DescentEventType = DescentEvent['type'];

// --- window.descent (for test authors and the console) ----------------------------------------

// embed.html
export interface EmbedPageGlobal {
  lesson: Lesson;
  bridge: { lesson: Lesson; origins: string[]; destroy(): void };
  origins: string[];  // the origins it talks to (['*']: any)
}

// The playground (index.html).
export interface PlaygroundGlobal {
  readonly spec: FilledSpec;              // a copy of the spec the controls show
  readonly loadedSpec: FilledSpec | null;  // a copy of the spec the engine runs
  readonly state: Record<ControlName, unknown>;  // the controls' values by key
  readonly extras: string[];  // spec paths shown under "Also set by this spec"
  readonly epochs: EpochRecord[];
  readonly worker: Worker;
  readonly heapBytes: number | null;  // the engine's memory, as last reported
  // The engine's threads, once loaded: the threaded build on a cross-origin isolated page.
  readonly threads: { threaded: boolean; threads: number; reason: string } | null;
  readonly link: string;  // the page's link hash
  // The page's views and controllers, unversioned.
  chart: unknown; metrics: unknown; layersChart: unknown; rateChart: unknown; boundary: unknown;
  trajectories: unknown; search: unknown; recipe: unknown; controller: unknown; guide: unknown;
}

declare global {
  interface HTMLElementTagNameMap {
    'descent-lesson': DescentLesson;
  }
  // A lesson's events bubble from its root (to document); the playground fires the same on document.
  interface HTMLElementEventMap extends DescentEventMap {}
  interface DocumentEventMap extends DescentEventMap {}
  interface Window {
    descent?: EmbedPageGlobal | PlaygroundGlobal;
  }
}
