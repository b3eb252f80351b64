// Types of the package `descent`: the ES module descent.js (web/embed/element.js), the DOM
// events of an embedded lesson, the postMessage protocol of embed.html (web/embed/messages.js,
// bridge.js), lesson files and options, and window.descent; the experiment spec and what a run
// reports are in spec.d.ts, re-exported here. Checked by tests/types (tsc) and
// tests/wasm/spec-schema.test.mjs (name lists vs the engine and the modules).
export * from './spec';
import type { CompactEpoch, EpochRecord, ExperimentSpec, FilledSpec, RunSummary } from './spec';

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
