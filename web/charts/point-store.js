// The points of one chart series, { x: epoch, y }, with a bounded length so that a run of a
// million epochs cannot fill the page's memory. Every point is kept until `capacity` is
// reached; then every other point is dropped and from there on only every 2nd epoch is kept,
// then every 4th, and so on: the series stays evenly spaced and between capacity/2 and
// capacity points long. A chart is a few hundred pixels wide, so nothing visible is lost.
// `version` changes when points are dropped, so views built from the points know to rebuild.
// Pure: no DOM, no Chart.js.

export class PointStore {
  constructor(capacity) {
    if (!(Number.isInteger(capacity) && capacity >= 4 && capacity % 2 === 0)) {
      throw new RangeError(`PointStore: capacity must be an even integer of at least 4; got ${capacity}`);
    }
    this.capacity = capacity;
    this.version = 0;
    this.clear();
  }

  clear() {
    this.points = [];    // [{ x, y }], x increasing
    this.stride = 1;     // one point kept per `stride` pushed
    this.received = 0;   // points pushed since the last clear
    this.version += 1;
  }

  // Adds a point; returns whether it was kept.
  push(point) {
    const n = this.received++;
    if (n % this.stride !== 0) return false;
    if (this.points.length === this.capacity) {
      this.thin();
      if (n % this.stride !== 0) return false;
    }
    this.points.push(point);
    return true;
  }

  // Keeps every other point (those pushed at multiples of the doubled stride).
  thin() {
    const kept = [];
    for (let i = 0; i < this.points.length; i += 2) kept.push(this.points[i]);
    this.points = kept;
    this.stride *= 2;
    this.version += 1;
  }
}

// A fixed copy of a store's points (a kept comparison run), read the same way.
export function frozenStore(store) {
  return { points: store.points.slice(), version: 0 };
}
