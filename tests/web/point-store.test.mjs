// The bounded series store of web/charts/point-store.js.
//   node --test tests/web/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frozenStore, PointStore } from '../../web/charts/point-store.js';

// Pushes epochs from..to-1 (or 0..n-1 with one number).
const pushEpochs = (store, from, to) => {
  if (to === undefined) [from, to] = [0, from];
  for (let x = from; x < to; x++) store.push({ x, y: x / 10 });
};

test('every point is kept up to the capacity', () => {
  const s = new PointStore(8);
  pushEpochs(s, 8);
  assert.deepEqual(s.points.map((p) => p.x), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(s.stride, 1);
});

test('past the capacity the series thins to every 2nd, then every 4th epoch, evenly spaced', () => {
  const s = new PointStore(8);
  const v0 = s.version;
  pushEpochs(s, 9);
  assert.deepEqual(s.points.map((p) => p.x), [0, 2, 4, 6, 8]);
  assert.equal(s.stride, 2);
  assert.notEqual(s.version, v0);
  pushEpochs(s, 9, 40);
  assert.equal(s.stride, 8);
  assert.deepEqual(s.points.map((p) => p.x), [0, 8, 16, 24, 32]);
  assert.ok(s.points.length <= s.capacity);
});

test('a million points stay within the capacity', () => {
  const s = new PointStore(2000);
  pushEpochs(s, 1_000_000);
  assert.ok(s.points.length <= 2000 && s.points.length >= 1000, `${s.points.length}`);
  const gaps = new Set(s.points.slice(1).map((p, i) => p.x - s.points[i].x));
  assert.deepEqual([...gaps], [s.stride]);
});

test('clear starts over and a frozen copy does not follow the store', () => {
  const s = new PointStore(8);
  pushEpochs(s, 20);
  const copy = frozenStore(s);
  s.clear();
  assert.deepEqual(s.points, []);
  assert.equal(s.stride, 1);
  pushEpochs(s, 3);
  assert.equal(s.points.length, 3);
  assert.ok(copy.points.length > 3);
});

test('a capacity that cannot thin evenly is refused', () => {
  assert.throws(() => new PointStore(7), /capacity must be an even integer/);
});
