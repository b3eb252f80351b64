// The worker's side of "see inside the network": the snapshot the page's network diagram
// draws (FromWorker.network, protocol.js), how often it is taken, and the checks of a weight
// edit or a history request before they reach the engine. Used by worker.js only.

const MIN_INTERVAL_MS = 250;  // mid-run: at most 4 snapshots a second...
const MAX_SHARE = 0.1;        // ...and at most a tenth of the time, however long one takes

// The engine's answer, parsed; its error (field, given, allowed, message) thrown as detail.
function parse(answer) {
  const result = JSON.parse(answer);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { detail: result.error });
  return result;
}

const refuse = (field, given, allowed) => {
  const error = { field, given: String(given), allowed, message: `${field} is ${String(given)}; ${allowed}` };
  return Object.assign(new Error(error.message), { detail: error });
};

// The network of session now: the arrays are copies off the engine's heap, each with its own
// buffer (transfer lists them). resolution: 0..64, the per-unit grid for 2-feature data.
export function takeSnapshot(session, { resolution = 0, exact = true, mask = false } = {}) {
  const info = parse(session.network(resolution, mask));
  const floats = (name, l) => session.networkFloats(name, l);
  const layers = info.layers.map((layer, l) => ({
    units: layer.units,
    fanIn: layer.fanIn,
    activation: layer.activation,
    norm: layer.norm,
    keepProb: layer.keepProb,
    W: floats('W', l),
    b: floats('b', l),  // zeros when the layer has no bias (batch norm: beta takes its place)
    gamma: layer.gamma ? floats('gamma', l) : null,
    beta: layer.gamma ? floats('beta', l) : null,
    stats: {
      mean: floats('mean', l),
      std: floats('std', l),
      dead: layer.dead ? floats('dead', l) : null,
      saturated: layer.saturated ? floats('saturated', l) : null,
    },
    weightNorm: floats('weightNorm', l),
    mask: layer.mask ? session.networkMask(l) : null,
  }));
  const grid = info.grid && { ...info.grid, layers: info.layers.map((_, l) => floats('grid', l)) };
  const snapshot = {
    epoch: info.epoch,
    step: info.step,
    exact,
    features: info.features,
    featureNames: info.featureNames,
    image: info.image,
    inputMean: session.networkInputs('inputMean'),
    inputStd: session.networkInputs('inputStd'),
    layers,
    grid,
  };
  const transfer = [snapshot.inputMean.buffer, snapshot.inputStd.buffer];
  for (const layer of layers) {
    for (const a of [layer.W, layer.b, layer.gamma, layer.beta, layer.weightNorm, layer.mask, ...Object.values(layer.stats)]) {
      if (a) transfer.push(a.buffer);
    }
  }
  if (grid) for (const a of grid.layers) transfer.push(a.buffer);
  return { snapshot, transfer };
}

// Whether and how often snapshots are posted: off until the page asks (ToWorker.set 'network').
export class NetworkFeed {
  constructor(send) {
    this.send = send;       // (snapshot, transfer) => posts it
    this.resolution = null; // null: off
    this.last = -Infinity;
    this.cost = 0;          // ms the last snapshot took
  }

  get wanted() { return this.resolution !== null; }

  // value: { grid: 0..64 } or null (off). Returns null, or the error when value is malformed
  // (the setting is then unchanged).
  set(value) {
    if (value === null || value === undefined) {
      this.resolution = null;
      return null;
    }
    const grid = value?.grid ?? 0;
    if (typeof value !== 'object' || !Number.isInteger(grid) || grid < 0 || grid > 64) {
      return refuse('network.grid', JSON.stringify(value?.grid ?? value), 'allowed: an integer from 0 (no heatmaps) to 64, or null to stop').detail;
    }
    this.resolution = grid;
    return null;
  }

  // Takes and posts a snapshot if one is wanted: always when forced, else when the last one is
  // old enough. exact: taken where the run stands still (pause, step, end, load, edit).
  post(session, { force = false, exact = force, mask = false } = {}) {
    if (!this.wanted) return;
    const now = performance.now();
    if (!force && now - this.last < Math.max(MIN_INTERVAL_MS, this.cost / MAX_SHARE)) return;
    const { snapshot, transfer } = takeSnapshot(session, { resolution: this.resolution, exact, mask });
    this.last = performance.now();
    this.cost = this.last - now;
    this.send(snapshot, transfer);
  }
}

// The engine's arguments for a parameter (ToWorker.setWeight, ToWorker.history): layer, unit,
// input (-1: the bias) and, with withValue, value. Throws (detail: the error) when malformed;
// the engine checks the ranges.
export function parameterArgs({ layer, unit, input, value }, withValue) {
  if (!Number.isInteger(layer)) throw refuse('layer', layer, 'allowed: a layer number from 1');
  if (!Number.isInteger(unit) || unit < 0) throw refuse('unit', unit, 'allowed: a unit index from 0');
  if (input !== null && (!Number.isInteger(input) || input < 0)) {
    throw refuse('input', input, 'allowed: an input index from 0, or null for the bias');
  }
  const args = [layer, unit, input === null ? -1 : input];
  if (!withValue) return args;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw refuse('value', value, 'allowed: a finite number');
  return [...args, value];
}

// Sets one parameter (ToWorker.setWeight); returns null, or the error (field, given, allowed,
// message) when the parameter or the value is refused, nothing changed.
export function setWeight(session, body) {
  try {
    parse(session.setWeight(...parameterArgs(body ?? {}, true)));
    return null;
  } catch (err) {
    return err.detail ?? { field: '', given: '', allowed: '', message: String(err.message || err) };
  }
}

// A history request's answer (FromWorker.answer): the engine's, or the error as data.
export function paramHistory(session, request) {
  try {
    return parse(session.paramHistory(...parameterArgs(request ?? {}, false)));
  } catch (err) {
    return { ok: false, error: err.detail ?? { field: '', given: '', allowed: '', message: String(err.message || err) } };
  }
}
