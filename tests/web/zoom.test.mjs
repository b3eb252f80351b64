// The pure parts of zoom and pan on the charts (web/charts/zoom.js) and of the log epoch
// axis (web/charts/chart-base.js): the limits a zoom keeps to, when a zoom shows everything,
// and which points a line keeps on a log epoch axis.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { epochAxis, keepOnLogEpochs, LOG_EPOCH_STEP, Trace } from '../../web/charts/chart-base.js';
import { PointStore } from '../../web/charts/point-store.js';
import { dataLimits, MIN_EPOCH_RANGE, showsAll, zoomOptions } from '../../web/charts/zoom.js';

test('a zoom keeps to the data: from the first x to the last over every line', () => {
  const line = (...xs) => ({ data: xs.map((x) => ({ x, y: 1 })) });
  assert.deepEqual(dataLimits([line(0, 1, 2), line(0, 5), { data: [] }]), { min: 0, max: 5, minRange: MIN_EPOCH_RANGE });
  // A decimated line's full data is its _data.
  assert.deepEqual(dataLimits([{ _data: line(3, 9000).data, data: line(3, 10).data }]).max, 9000);
  assert.deepEqual(dataLimits([]), {});
});

test('zoomed all the way out shows everything, narrower does not', () => {
  const limits = { min: 0, max: 100 };
  assert.equal(showsAll({ min: 0, max: 100 }, limits), true);
  assert.equal(showsAll({ min: 0, max: 99 }, limits), false);
  assert.equal(showsAll({ min: 10, max: 100 }, limits), false);
  assert.equal(showsAll({ min: 0, max: 100 }, {}), false);  // no data, no limits
});

test('epoch charts zoom and pan along x; the search scatters along both axes', () => {
  const changed = () => {};
  const x = zoomOptions('x', changed);
  assert.equal(x.zoom.mode, 'x');
  assert.equal(x.pan.mode, 'x');
  assert.equal(x.zoom.wheel.enabled, true);
  assert.equal(x.zoom.pinch.enabled, true);
  assert.equal(x.zoom.onZoom, changed);
  assert.equal(x.pan.onPan, changed);
  assert.equal(zoomOptions('xy', changed).limits.y.min, 'original');
});

test('the log epoch axis starts at epoch 1; the linear one at 0', () => {
  assert.deepEqual([epochAxis(false).type, epochAxis(false).min], ['linear', 0]);
  assert.deepEqual([epochAxis(true).type, epochAxis(true).min], ['logarithmic', 1]);
});

test('a line on a log epoch axis leaves out epoch 0 and thins to about 1,000 points a decade', () => {
  assert.equal(keepOnLogEpochs(undefined, 0), false);
  assert.equal(keepOnLogEpochs(undefined, 1), true);
  assert.equal(keepOnLogEpochs(1, 2), true);
  assert.equal(keepOnLogEpochs(10000, 10001), false);  // 4.3e-5 decades apart
  const store = new PointStore(30000);
  for (let x = 0; x <= 20000; x++) store.push({ x, y: 1 / (x + 1) });
  const dataset = { data: [] };
  new Trace(store, dataset, { logX: true }).sync();
  const xs = dataset.data.map((p) => p.x);
  assert.equal(xs[0], 1);
  assert.deepEqual(xs.slice(0, 400), Array.from({ length: 400 }, (_, i) => i + 1));  // every early epoch
  assert.ok(xs.length < 5000, `${xs.length} points`);
  for (let i = 1; i < xs.length; i++) assert.ok(Math.log10(xs[i] / xs[i - 1]) >= LOG_EPOCH_STEP - 1e-12);
  // The linear axis keeps every point, epoch 0 included.
  const linear = { data: [] };
  new Trace(store, linear).sync();
  assert.equal(linear.data.length, 20001);
});
