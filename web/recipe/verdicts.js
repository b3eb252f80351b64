// Each step's verdict from its figures: { status: 'pass' | 'warn' | 'fail' | 'info',
// headline, figures: [{ label, value }], advice: [text], stop (the walk cannot go on),
// chart (a description for charts.js, or null), data (the raw numbers, for tests) }. Pure.
import { errorOf, isFiniteNumber, num, pct, readNumber } from './format.js';
import { LR_RANGE } from './plan.js';

export const PASS_ERROR = 0.02;  // the overfit check passes at <= 2% training error
export const WARN_ERROR = 0.10;
export const COLOURS = { train: '#0072b2', dev: '#d55e00', mark: '#1d2330', good: '#009e73', faint: '#9fb3c8', others: ['#009e73', '#cc79a7', '#e69f00'] };

const fig = (label, value) => ({ label, value });
const curve = (epochs, key) => epochs.map((e) => ({ x: e.epoch, y: readNumber(e[key]) })).filter((p) => Number.isFinite(p.y));

// The engine refused or failed: say so, and stop.
export function engineFailure(answer, what) {
  const message = answer?.error?.message || 'no answer';
  return {
    status: 'fail', headline: `The engine could not run ${what}: ${message}`, figures: [],
    advice: ['fix what the message names in the playground, then run the recipe again'], stop: true, chart: null, data: {},
  };
}

const classesOf = (expected) => Math.round(Math.exp(expected));
const expectation = (expected) => (classesOf(expected) === 2 ? 'ln 2 (a sigmoid output)' : `ln ${classesOf(expected)} (a ${classesOf(expected)}-class softmax)`);

// (1) The loss before any training, against ln 2 or ln k.
export function initialLossVerdict(answer, spec = {}) {
  if (!answer?.ok) return engineFailure(answer, 'the network');
  const check = answer.summary?.initial_loss || {};
  const epochs = answer.epochs || [];
  const value = readNumber(check.value ?? epochs[0]?.train_loss);
  const expected = readNumber(check.expected);
  const last = epochs.at(-1);
  const after = fig(`Training loss after ${last?.epoch ?? 0} epochs`, num(readNumber(last?.train_loss)));
  const chart = {
    x: { title: 'Epoch' }, y: { title: 'Training loss' },
    series: [{ label: 'Training loss', points: curve(epochs, 'train_loss'), colour: COLOURS.train }],
  };
  if (!isFiniteNumber(expected)) {
    return { status: 'info', headline: `Initial loss ${num(value)}: a regression (mean squared error) has no expected value to check it against.`,
      figures: [fig('Initial loss', num(value)), after], advice: [], stop: !isFiniteNumber(value), chart, data: { value, expected: null } };
  }
  chart.series.push({ label: `Expected: ${expectation(expected).split(' (')[0]}`, points: epochs.length ? [{ x: 0, y: expected }, { x: last.epoch, y: expected }] : [], colour: COLOURS.mark, dashed: true });
  const gap = value - expected;
  const figures = [fig('Initial loss', num(value)), fig(`Expected, ${expectation(expected)}`, num(expected)),
    fig('Difference', isFiniteNumber(gap) ? `${gap >= 0 ? '+' : '−'}${num(Math.abs(gap))} (${(100 * Math.abs(gap) / expected).toFixed(1)}%)` : '–'), after];
  const data = { value, expected, gap };
  if (!isFiniteNumber(value)) {
    return { status: 'fail', headline: `The initial loss is ${num(value)}: the network's first outputs saturate.`, figures,
      advice: ['the initial weights are far too large: use He or Xavier initialisation with scale 1',
        ...(spec.normalize ? [] : ['normalise the inputs'])], stop: true, chart, data };
  }
  if (Math.abs(gap) <= 0.1 * expected) {
    return { status: 'pass', headline: `The initial loss ${num(value)} is within ${(100 * Math.abs(gap) / expected).toFixed(1)}% of ${expectation(expected)}: the network starts out unsure, as it should.`,
      figures, advice: [], stop: false, chart, data };
  }
  const near = Math.abs(gap) <= 0.5 * expected;
  return {
    status: near ? 'warn' : 'fail',
    headline: `The initial loss ${num(value)} is ${near ? 'some way' : 'far'} from ${expectation(expected)}: the network starts out ${gap > 0 ? 'confidently wrong' : 'already sure'}.`,
    figures,
    advice: [...(spec.normalize ? [] : ['normalise the inputs: large raw inputs make large first outputs']),
      'the initial weights may be too large: He or Xavier initialisation, scale 1 (or smaller weights in the last layer)',
      'or the classes are unbalanced: compare with the loss of always predicting the class frequencies'],
    stop: false, chart, data,
  };
}

// (2) Overfit a small sample. plan: { samples, epochs, batch } (plan.js's overfitPlan).
export function overfitVerdict(answer, plan, spec = {}) {
  if (!answer?.ok) return engineFailure(answer, 'the overfit check');
  const s = answer.summary || {};
  const epochs = answer.epochs || [];
  const first = readNumber(epochs[0]?.train_loss), last = readNumber(s.train_loss);
  const error = readNumber(s.overfit?.train_error ?? errorOf(s.train_accuracy));
  const n = plan.samples;
  const figures = [fig('Examples (no regularisation, no dropout)', String(n)),
    fig('Epochs, mini-batch', `${s.epochs_run ?? plan.epochs}, ${plan.batch || n}`),
    fig('Training error', pct(error)),
    fig('Training loss, first → last', `${num(first)} → ${num(last)}`)];
  const chart = {
    x: { title: 'Epoch' }, y: { title: 'Training loss', log: true }, y2: { title: 'Training error', percent: true },
    series: [{ label: 'Training loss', points: curve(epochs, 'train_loss').filter((p) => p.y > 0), colour: COLOURS.train },
      { label: 'Training error', points: curve(epochs, 'train_error'), colour: COLOURS.dev, axis: 'y2' }],
  };
  const data = { samples: n, error, first, last, epochs: s.epochs_run };
  const rate = num(spec.optimizer?.learning_rate);
  if (s.stopped === 'diverged' || !isFiniteNumber(last)) {
    return { status: 'fail', headline: `The loss became NaN or infinite at epoch ${s.epochs_run}: α = ${rate} is too high for this network.`,
      figures, advice: ['the range test (next) finds a rate that works', 'or lower α ten times; check the initialisation scale'], stop: false, chart, data };
  }
  const regression = !isFiniteNumber(error);
  const fell = isFiniteNumber(first) && last < 0.95 * first;
  if (!fell) {
    return { status: 'fail', headline: `The loss did not fall on ${n} examples (${num(first)} → ${num(last)}): α = ${rate} is far too low, or there is a bug.`,
      figures, advice: ['the range test (next) suggests a rate', 'check the initialisation (zeros cannot break symmetry) and the labels'], stop: false, chart, data };
  }
  const ratio = last / first;
  const passed = regression ? ratio <= 0.02 : error <= PASS_ERROR;
  const nearly = regression ? ratio <= 0.1 : error <= WARN_ERROR;
  const reached = regression ? `the loss fell to ${(ratio * 100).toFixed(1)}% of its start` : `${pct(error)} training error`;
  if (passed) return { status: 'pass', headline: `It can overfit ${n} examples: ${reached} after ${s.epochs_run} epochs.`, figures, advice: [], stop: false, chart, data };
  const advice = ['a higher learning rate (the range test, next, suggests one), or train longer', 'a bigger network: more units or layers'];
  if (!spec.normalize) advice.push('normalise the inputs');
  advice.push('check the data and labels: a network that cannot memorise a few examples often has a bug');
  if (nearly) return { status: 'warn', headline: `Nearly: ${reached} on ${n} examples after ${s.epochs_run} epochs; it should reach about 0.`, figures, advice, stop: false, chart, data };
  return { status: 'fail', headline: `The network cannot fit ${n} examples (${reached}): a bug, too small a network, or too low a learning rate.`,
    figures, advice, stop: false, chart, data };
}

// Did step 2 fit its small sample at the learner's α? overfit: overfitVerdict's data
// ({ samples, error, first, last, epochs }). true, false, or null when there is no such run.
export function fittedSample(overfit) {
  if (!overfit) return null;
  if (isFiniteNumber(overfit.error)) return overfit.error <= PASS_ERROR;
  if (isFiniteNumber(overfit.first) && isFiniteNumber(overfit.last) && overfit.first > 0) return overfit.last / overfit.first <= 0.02;
  return null;
}

// What step 2 reached at the learner's α, in words: "1.6% training error on 64 examples in 100 epochs".
const reachedText = (o) => `${isFiniteNumber(o.error) ? `${pct(o.error)} training error` : `a loss of ${num(o.last)} (from ${num(o.first)})`}`
  + ` on ${o.samples} examples${isFiniteNumber(o.epochs) ? ` in ${o.epochs} epochs` : ''}`;

// The advice for an α well below the suggestion: it follows step 2's numbers, not the ratio alone.
function lowRateAdvice(current, suggested, overfit) {
  const below = `your α (${num(current)}) is ${num(suggested / current)}× below the suggestion`;
  const fitted = fittedSample(overfit);
  if (fitted) return `${below}, yet it reached ${reachedText(overfit)} in step 2: it learns; a larger α may get there in fewer epochs`;
  if (fitted === false) return `${below}, and it reached only ${reachedText(overfit)} in step 2: training will crawl, try a larger α`;
  return `${below}: training may be slow`;
}

// (3) The learning-rate range test: the rate where the loss falls fastest. overfit: step 2's
// verdict data at the learner's α (its advice follows those numbers), if it ran.
export function lrRangeVerdict(answer, spec = {}, overfit = null) {
  if (!answer?.ok) return engineFailure(answer, 'the learning-rate range test');
  const points = answer.points || [];
  const suggested = readNumber(answer.suggested_learning_rate);
  const lowest = readNumber(answer.min_loss_learning_rate);
  const current = spec.optimizer?.learning_rate;
  const smoothed = points.map((p) => ({ x: p.learning_rate, y: readNumber(p.smoothed) })).filter((p) => Number.isFinite(p.y));
  const start = smoothed[0]?.y;
  const ceiling = isFiniteNumber(start) ? start * 1.6 : undefined;  // the explosion would flatten the rest
  const floor = Math.min(...smoothed.map((p) => p.y));
  const figures = [fig('Suggested α (steepest fall)', num(suggested)), fig('α at the lowest loss', num(lowest)),
    fig('Your α', num(current)), fig('Iterations', `${points.length} of ${LR_RANGE.iterations}, α from ${num(LR_RANGE.min)} to ${num(LR_RANGE.max)}`)];
  if (answer.stopped_early) figures.push(fig('Stopped early', answer.reason || 'the loss exploded'));
  const vertical = (x, label, colour) => ({ label, points: [{ x, y: floor }, { x, y: ceiling ?? Math.max(...smoothed.map((p) => p.y)) }], colour, dashed: true });
  const chart = {
    x: { title: 'Learning rate α (log scale)', log: true }, y: { title: 'Training loss', max: ceiling },
    series: [
      { label: 'Loss', points: points.map((p) => ({ x: p.learning_rate, y: readNumber(p.loss) })).filter((p) => Number.isFinite(p.y)), colour: COLOURS.faint, thin: true },
      { label: 'Smoothed loss', points: smoothed, colour: COLOURS.train },
    ],
  };
  if (isFiniteNumber(suggested)) chart.series.push(vertical(suggested, `Suggested α = ${num(suggested)}`, COLOURS.good));
  const data = { suggested, lowest, centre: suggested, points: points.length, stoppedEarly: Boolean(answer.stopped_early) };
  if (!isFiniteNumber(suggested) || suggested <= 0) {
    return { status: 'fail', headline: `No rate between ${num(LR_RANGE.min)} and ${num(LR_RANGE.max)} made the loss fall${answer.reason ? `: ${answer.reason}` : ''}.`,
      figures, advice: ['go back to step 2: the network must be able to fit a small sample first', 'check the data, labels and initialisation'], stop: true, chart, data };
  }
  const advice = [];
  const atEdge = (x) => x <= LR_RANGE.min * 3 || x >= LR_RANGE.max / 3;
  const edge = atEdge(suggested);
  if (edge && isFiniteNumber(lowest) && !atEdge(lowest)) {
    // A steep fall at the very start (a huge first loss) is no guide; a tenth of the rate
    // with the lowest loss is the usual fallback.
    data.centre = lowest / 10;
    advice.push(`the steepest fall is at the edge of the range tested, so the search centres on a tenth of the lowest-loss rate, α = ${num(data.centre)}`);
    figures.push(fig('Search centre', num(data.centre)));
  } else if (edge) advice.push('the steepest fall is at the edge of the range tested: treat the suggestion with care');
  else if (current > 0 && current / suggested >= 3) advice.push(`your α (${num(current)}) is ${num(current / suggested)}× the suggestion: expect the loss to oscillate or diverge`);
  else if (current > 0 && suggested / current >= 10) advice.push(lowRateAdvice(current, suggested, overfit));
  return { status: edge ? 'warn' : 'pass',
    headline: `The loss falls fastest at α ≈ ${num(suggested)}${isFiniteNumber(lowest) ? ` and is lowest at α = ${num(lowest)}` : ''}${answer.stopped_early ? '; beyond that it blows up' : ''}.`,
    figures, advice, stop: false, chart, data };
}
