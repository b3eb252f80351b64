// How the plots keep overlapping paths apart. Pure (no DOM), so node:test can import it.
//   Paths that share a course (gradient descent under momentum, both from the same start to
//   nearly the same minimum) would hide one another: each is drawn a few pixels to one side
//   of the first path's overall direction, the first (the reader's own run) where it is.

export const SPREAD_PX = 3;  // pixels between neighbouring paths

// [dx, dy] in pixels for each of count paths: 0 for the first, then +gap, -gap, +2 gap, ...
// along the normal of chord ([dx, dy] from the first path's start to its end, in pixels).
// A chord of no length spreads them along the diagonal (1, -1) / sqrt 2.
export function spreadOffsets(chord, count, gap = SPREAD_PX) {
  const [cx, cy] = chord, length = Math.hypot(cx, cy);
  const [nx, ny] = length > 1e-9 ? [-cy / length, cx / length] : [Math.SQRT1_2, -Math.SQRT1_2];
  const offsets = [];
  for (let i = 0; i < count; i++) {
    const k = i === 0 ? 0 : Math.ceil(i / 2) * (i % 2 ? 1 : -1);  // 0, 1, -1, 2, -2, ...
    offsets.push([k * gap * nx, k * gap * ny]);
  }
  return offsets;
}

// The chord of a path's pixel points ([x, y] or null where not finite): first to last finite.
export function chordOf(points) {
  const first = points.find(Boolean), last = points.findLast(Boolean);
  return first && last ? [last[0] - first[0], last[1] - first[1]] : [0, 0];
}

// points shifted by [dx, dy] (null stays null).
export const shifted = (points, [dx, dy]) => points.map((p) => (p ? [p[0] + dx, p[1] + dy] : null));
