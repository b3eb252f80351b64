// The exponentially weighted average of web/smoothing.js against values worked out by hand.
//   node --test tests/web/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { smooth, smoothPoints, Smoother } from '../../web/smoothing.js';

// The largest absolute difference between two arrays of numbers (nulls must match).
function maxDiff(a, b) {
  assert.equal(a.length, b.length);
  let d = 0;
  a.forEach((x, i) => {
    if (x === null || b[i] === null) assert.equal(x, b[i], `index ${i}`);
    else d = Math.max(d, Math.abs(x - b[i]));
  });
  return d;
}

test('beta 0.9 over 3 points matches the formula worked by hand', () => {
  // x = 1, 2, 3
  // v1 = 0.1*1             = 0.1    corrected 0.1 / (1 - 0.9)   = 0.1 / 0.1   = 1
  // v2 = 0.9*0.1 + 0.1*2   = 0.29   corrected 0.29 / (1 - 0.81) = 0.29 / 0.19
  // v3 = 0.9*0.29 + 0.1*3  = 0.561  corrected 0.561 / (1 - 0.729) = 0.561 / 0.271
  const expected = [1, 0.29 / 0.19, 0.561 / 0.271];
  assert.ok(maxDiff(smooth([1, 2, 3], 0.9), expected) < 1e-12);
  // 1.526315..., 2.070110...: the average lags behind the rising values.
  assert.ok(Math.abs(expected[1] - 1.5263157894736843) < 1e-12);
  assert.ok(Math.abs(expected[2] - 2.0701107011070112) < 1e-12);
});

test('beta 0 returns the values unchanged', () => {
  const xs = [0.5, 0.25, 3, -1, 0];
  assert.deepEqual(smooth(xs, 0), xs);
});

test('bias correction keeps a constant series constant', () => {
  const xs = Array(50).fill(0.7);
  for (const beta of [0.5, 0.9, 0.98, 0.99]) {
    assert.ok(maxDiff(smooth(xs, beta), xs) < 1e-12, `beta ${beta}`);
  }
  // Without the correction the first value would be (1 - beta) * 0.7 = 0.07 for beta 0.9.
  assert.ok(Math.abs(smooth([0.7], 0.9)[0] - 0.7) < 1e-15);
});

test('nulls and non-finite values come out as null and do not advance t', () => {
  const got = smooth([1, null, 'inf', Infinity, NaN, 2, undefined, 3], 0.9);
  // The same as [1, 2, 3] with the missing values left in place.
  const expected = [1, null, null, null, null, 0.29 / 0.19, null, 0.561 / 0.271];
  assert.ok(maxDiff(got, expected) < 1e-12);
  assert.deepEqual(smooth([null, null], 0.9), [null, null]);
  assert.deepEqual(smooth([], 0.9), []);
  // With beta 0 too, a missing value is null.
  assert.deepEqual(smooth([1, 'inf', 2], 0), [1, null, 2]);
});

test('smoothPoints keeps x and smooths y', () => {
  const got = smoothPoints([{ x: 0, y: 1 }, { x: 1, y: null }, { x: 2, y: 2 }], 0.9);
  assert.deepEqual(got.map((p) => p.x), [0, 1, 2]);
  assert.ok(maxDiff(got.map((p) => p.y), [1, null, 0.29 / 0.19]) < 1e-12);
});

test('Smoother gives the same values one at a time', () => {
  const s = new Smoother(0.9);
  assert.ok(maxDiff([1, 2, 3].map((x) => s.next(x)), smooth([1, 2, 3], 0.9)) < 1e-15);
});

test('a beta outside [0, 1) is refused with a message naming it', () => {
  for (const beta of [1, -0.1, 1.5, NaN, '0.9', undefined]) {
    assert.throws(() => smooth([1], beta), /beta must be a number from 0 to less than 1/);
  }
  assert.throws(() => smooth('1,2', 0.9), /values must be an array/);
});
