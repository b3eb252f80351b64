// The classic surfaces: their names, learning rates that show each method's character in
// 200 steps from the engine's default start, and what to look for. Each note says what the
// default settings show (GD and momentum at these rates, κ = 100 on the bowl), and
// tests/e2e/trajectories.spec.js checks it against the engine's table of steps. The engine
// owns the formulas, the bounds and the starts (engine/landscape/surfaces.h).
export const SURFACES = [
  {
    name: 'bowl', label: 'Elongated bowl',
    rates: { gd: 1.8, momentum: 3, rmsprop: 0.01, adam: 0.1 },
    note: 'A bowl stretched along x by the condition number κ (100 to start): along the valley the slope is κ times gentler than across it. Near its largest stable step (α = 2), gradient descent zig-zags across the valley at every step and crawls along it. Momentum averages the zig-zag into a slow swing and gathers speed along the valley: it reaches the minimum in about half the steps. Lower κ to 10 and the valley is too short for that to pay: gradient descent gets there first. RMSProp and Adam rescale each direction.',
  },
  {
    name: 'normalized_bowl', label: 'Normalised bowl',
    rates: { gd: 0.9, momentum: 3, rmsprop: 0.01, adam: 0.1 },
    note: 'The same bowl after normalising the inputs: round contours, so the gradient points straight at the minimum. Gradient descent goes straight there in a couple of steps; momentum runs along the same straight line but overshoots and swings back before it settles. RMSProp and Adam rescale each direction on its own and leave the straight line.',
  },
  {
    name: 'rosenbrock', label: 'Rosenbrock',
    rates: { gd: 0.003, momentum: 0.01, rmsprop: 0.05, adam: 0.3 },
    note: 'A curved, flat-bottomed valley: finding it is easy, following it to the minimum at (1, 1) is slow.',
  },
  {
    name: 'beale', label: 'Beale',
    rates: { gd: 0.03, momentum: 0.03, rmsprop: 0.03, adam: 0.3 },
    note: 'Steep walls and long flat arms: the gradient’s size changes by orders of magnitude along the way. Momentum gathers speed on the flat arm and reaches the minimum at (3, 0.5) in about half the steps gradient descent needs; Adam scales each step by the size of the recent gradients.',
  },
  {
    name: 'saddle', label: 'Saddle',
    rates: { gd: 0.01, momentum: 0.01, rmsprop: 0.003, adam: 0.01 },
    note: 'A saddle point at (0, 0), where the gradient vanishes: starting just off the ridge y = 0, gradient descent and momentum linger there; RMSProp and Adam scale the tiny sideways gradient up and slide off.',
  },
  {
    name: 'himmelblau', label: 'Himmelblau',
    rates: { gd: 0.01, momentum: 0.03, rmsprop: 0.03, adam: 0.1 },
    note: 'Four minima of equal height: from the same start, different methods (or learning rates) end in different ones.',
  },
  {
    name: 'plateau', label: 'Plateau',
    rates: { gd: 0.1, momentum: 0.1, rmsprop: 0.01, adam: 0.1 },
    note: 'Almost flat far from the minimum (the gradient at the start is about 5e-8): gradient descent and momentum stall; RMSProp and Adam divide by the gradient’s size and cross the plateau.',
  },
];

export const surfaceOf = (name) => SURFACES.find((s) => s.name === name) || SURFACES[0];

// What the table says a path did. On the saddle, which has no minimum, a path either stays
// by the saddle point (loss near 0) or slides off it (loss well below 0).
export function outcome(path, surface) {
  if (path.diverged) return 'diverged';
  if (path.stalled) {
    return surface === 'saddle' ? 'stalled on the saddle' : surface === 'plateau' ? 'stalled on the plateau' : 'stalled';
  }
  if (surface === 'saddle' && typeof path.final_loss === 'number') {
    return path.final_loss > -0.05 ? 'lingering at the saddle' : 'slid off the saddle';
  }
  if (path.steps_to_tolerance !== null && path.steps_to_tolerance !== undefined) return 'converged';
  return 'still moving';
}
