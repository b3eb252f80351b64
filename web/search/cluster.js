// Export for a cluster: the plan file `descent search PLAN` reads (issue 21's format), built
// from the card's settings and the playground's spec exactly as Run search starts its first
// round, and the status line that says what to do with it. Pure.
import { searchBase } from './search-model.js';

export const PLAN_NAME = 'descent-plan.json';

// config: the form's settings (form.js read()); spec: the playground's; k: Refine around best
// k's box, the refine_best of rounds after the first (the plan runs one round).
export function planFile(config, spec, k) {
  const { params, method, trials, gridPoints } = config;
  return { format: 'descent-search-plan', base: searchBase(spec, config), method, trials, grid_points: gridPoints, seed: 1,
    params: params.map((p) => ({ ...p })), rounds: 1, refine_best: k };
}

// The status line after the download: the plan's size, then the steps on the other machine.
export function exportedText(plan) {
  return `Saved ${PLAN_NAME} (${plan.trials} trial${plan.trials === 1 ? '' : 's'}). On a machine with Descent: `
    + `descent search ${PLAN_NAME} --emit DIR, then run DIR/run-parallel.sh (GNU parallel) or cd DIR && sbatch run-slurm.sh (Slurm), `
    + `then descent search collect DIR and import DIR/results.json here. On one machine, descent search ${PLAN_NAME} --jobs N --dir DIR `
    + 'trains them all and collects DIR/results.json by itself.';
}
