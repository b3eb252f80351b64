// Exponentially weighted averages with bias correction, as in the course (Improving Deep
// Neural Networks, week 2: "Exponentially weighted averages", "Bias correction"):
//
//   v_0 = 0
//   v_t = beta * v_{t-1} + (1 - beta) * x_t            t = 1, 2, ...
//   v_corrected_t = v_t / (1 - beta^t)
//
// v_t averages roughly the last 1 / (1 - beta) values (beta = 0.9: about 10). Without the
// correction the first values are pulled towards v_0 = 0; with it a constant series stays
// constant from the first value on. beta = 0 returns the values unchanged.
//
// Missing values: an x_t that is not a finite number (null, undefined, NaN, ±Infinity, the
// engine's string "inf") comes out as null at its position and leaves v and t as they were,
// so the average skips it: [1, null, 3] is averaged as if it were [1, 3].
// Pure: no DOM, no Chart.js; tested with node:test in tests/web/smoothing.test.mjs.

function checkBeta(beta) {
  if (typeof beta !== 'number' || !(beta >= 0 && beta < 1)) {
    throw new RangeError(`smoothing: beta must be a number from 0 to less than 1; got ${beta}`);
  }
}

const isValue = (x) => typeof x === 'number' && Number.isFinite(x);

// The average one value at a time, for series that grow (the charts smooth as epochs arrive).
export class Smoother {
  constructor(beta) {
    checkBeta(beta);
    this.beta = beta;
    this.v = 0;         // v_t, uncorrected
    this.t = 0;         // how many values have been averaged
    this.betaPowT = 1;  // beta^t
  }

  // The corrected average after x_t, or null when x_t is missing (v and t unchanged).
  next(x) {
    if (!isValue(x)) return null;
    if (this.beta === 0) return x;
    this.t += 1;
    this.v = this.beta * this.v + (1 - this.beta) * x;  // v_t = beta v_{t-1} + (1 - beta) x_t
    this.betaPowT *= this.beta;
    return this.v / (1 - this.betaPowT);                 // v_corrected = v_t / (1 - beta^t)
  }
}

// values: [number | null | ...] -> [number | null], the same length.
export function smooth(values, beta) {
  if (!Array.isArray(values)) throw new TypeError('smooth: values must be an array');
  const s = new Smoother(beta);
  return values.map((x) => s.next(x));
}

// points: [{ x, y }] -> [{ x, y: smoothed y | null }], the same length; x is kept.
export function smoothPoints(points, beta) {
  if (!Array.isArray(points)) throw new TypeError('smoothPoints: points must be an array of { x, y }');
  const s = new Smoother(beta);
  return points.map((p) => ({ x: p.x, y: s.next(p.y) }));
}
