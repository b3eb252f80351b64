// The Per layer card by depth (web/charts/depth-data.js): a statistic against the layer
// index, its growth per layer, the view a run opens in, and why a view is empty.
//   node --test tests/web/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  depthPoints, emptyReason, growthPerLayer, growthText, openingStat, openingView,
} from '../../web/charts/depth-data.js';

// An epoch record of a deep linear network whose activations grow by `r` per layer (15 hidden
// layers), then a sigmoid output layer with its own spread.
const record = (r, epoch = 1) => ({
  epoch,
  layers: [...Array.from({ length: 15 }, (_, l) => ({ act_std: 0.8 * r ** l, grad_norm: 0 })), { act_std: 0.2, grad_norm: 0 }],
});

test('depthPoints: layer l at x = l, the engine\'s "inf" and a log axis\'s zeros not drawn', () => {
  const points = depthPoints(record(1.5), 'act_std', true);
  assert.equal(points.length, 16);
  assert.deepEqual(points[0], { x: 1, y: 0.8, raw: 0.8 });
  assert.equal(points[2].y, 0.8 * 1.5 ** 2);
  const odd = { layers: [{ act_std: 'inf' }, { act_std: 0 }, { act_std: 'nan' }, { act_std: 2 }] };
  assert.deepEqual(depthPoints(odd, 'act_std', true).map((p) => p.y), [null, null, null, 2]);
  assert.deepEqual(depthPoints(odd, 'act_std', false).map((p) => p.y), [null, 0, null, 2]);
  assert.equal(depthPoints(odd, 'act_std', false)[0].raw, Infinity);
  assert.deepEqual(depthPoints(undefined, 'act_std', true), []);
  assert.deepEqual(depthPoints({ epoch: 0, layers: [] }, 'act_std', true), []);
});

test('growthPerLayer: the per-layer factor over the hidden layers, the output layer left out', () => {
  for (const r of [1.5, 0.5, 1]) {
    const g = growthPerLayer(depthPoints(record(r), 'act_std', true));
    assert.ok(Math.abs(g.factor - r) < 1e-12, `${r}: ${g.factor}`);
    assert.deepEqual([g.from.x, g.to.x], [1, 15]);
  }
  assert.equal(growthPerLayer(depthPoints({ layers: [{ act_std: 1 }, { act_std: 2 }] }, 'act_std', true)), null);
  assert.equal(growthPerLayer(depthPoints({ layers: [{ act_std: 0 }, { act_std: 2 }, { act_std: 1 }] }, 'act_std', true)), null);
});

test('growthText says the factor and the two ends, in numbers from the record', () => {
  assert.equal(growthText('act_std', depthPoints(record(1.5), 'act_std', true), 1),
    'At epoch 1, the activation std is multiplied by about 1.5 per layer, from 0.8 at layer 1 to 234 at layer 15.');
  assert.match(growthText('act_std', depthPoints(record(0.494), 'act_std', true), 1), /multiplied by about 0\.49 per layer/);
  assert.match(growthText('act_std', depthPoints(record(1.01), 'act_std', true), 3), /stays about level \(× 1\.01 per layer\)/);
  assert.equal(growthText('act_std', [], 1), '');
});

test('a one-epoch run opens by depth on the activations\' spread; otherwise the learner\'s choice holds', () => {
  assert.equal(openingView(1, null), 'depth');
  assert.equal(openingView(1, 'epochs'), 'depth');  // over one epoch there is nothing to draw
  assert.equal(openingView(300, null), 'epochs');
  assert.equal(openingView(300, 'depth'), 'depth');
  assert.equal(openingStat(1, null), 'act_std');
  assert.equal(openingStat(1, 'dead'), 'dead');
  assert.equal(openingStat(300, null), 'grad_norm');
});

test('emptyReason: a sentence whenever a view would be an empty chart, else nothing', () => {
  const drawn = depthPoints(record(1.5), 'act_std', true);
  assert.equal(emptyReason({ view: 'depth', records: 2, points: drawn, stat: 'act_std', log: true, epoch: 1 }), '');
  assert.equal(emptyReason({ view: 'epochs', records: 2, points: drawn, stat: 'act_std', log: true, epoch: 1 }), '');
  assert.match(emptyReason({ view: 'depth', records: 0, points: [], stat: 'act_std', log: true }), /No per-layer statistics yet/);
  assert.match(emptyReason({ view: 'epochs', records: 1, points: drawn, stat: 'act_std', log: true, epoch: 0 }), /second record.*By depth/);
  const zero = depthPoints(record(1.5, 0), 'grad_norm', true);
  assert.equal(emptyReason({ view: 'depth', records: 1, points: zero, stat: 'grad_norm', log: true, epoch: 0 }),
    'No gradient yet at epoch 0: the first comes with the first mini-batch trained.');
  const diverged = depthPoints({ layers: [{ act_std: 'inf' }, { act_std: 'nan' }] }, 'act_std', true);
  assert.match(emptyReason({ view: 'depth', records: 3, points: diverged, stat: 'act_std', log: true, epoch: 9 }), /diverged/);
});
