// How the trajectory plots keep overlapping paths apart (web/trajectories/path-style.js):
// the first path where it is, the others a few pixels to either side of its direction.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SPREAD_PX, chordOf, shifted, spreadOffsets } from '../../web/trajectories/path-style.js';

const close = (a, b) => a.every((x, i) => Math.abs(x - b[i]) < 1e-12);

test('the first path stays put; the others alternate sides, SPREAD_PX apart, across the chord', () => {
  const offsets = spreadOffsets([100, 0], 4);  // a path going right: the normal is vertical
  assert.ok(close(offsets[0], [0, 0]));
  assert.ok(close(offsets[1], [0, SPREAD_PX]));
  assert.ok(close(offsets[2], [0, -SPREAD_PX]));
  assert.ok(close(offsets[3], [0, 2 * SPREAD_PX]));
  const diagonal = spreadOffsets([30, 40], 2, 5);  // perpendicular to (3, 4): (-4, 3)
  assert.ok(close(diagonal[1], [-4, 3]));
  const still = spreadOffsets([0, 0], 2, 2);  // a path that did not move: along the diagonal
  assert.ok(Math.abs(Math.hypot(...still[1]) - 2) < 1e-12);
});

test('chordOf skips gaps; shifted keeps them', () => {
  assert.deepEqual(chordOf([null, [1, 1], [2, 5], null]), [1, 4]);
  assert.deepEqual(chordOf([null, null]), [0, 0]);
  assert.deepEqual(shifted([[1, 2], null], [0.5, -1]), [[1.5, 1], null]);
});
