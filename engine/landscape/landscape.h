#pragma once
// The loss landscape of the real network, after Li, Xu, Taylor, Studer & Goldstein,
// "Visualizing the Loss Landscape of Neural Nets" (NeurIPS 2018): train, record the
// parameters, draw the trajectories on the plane of their two principal directions
// (landscape/pca.h) over the training loss on a grid of that plane, and the loss along the
// straight line from the initial to the final weights (their section 3, "1-D linear
// interpolation", after Goodfellow et al. 2015).
//   P  number of parameters    R  grid points per side
#include <string>
#include <vector>

#include "landscape/pca.h"
#include "train/session.h"

namespace descent {

// JSON in, JSON out; never throws. Request:
//   {"spec": <experiment spec>, "runs": [{"label", "optimizer": {name, learning_rate, beta1,
//    beta2, epsilon}}] (1 to 4; a run's optimizer replaces the spec's, its missing keys take
//    the engine's defaults as in a spec; no runs: the spec as it is), "epochs": 1..2000 (default: the spec's),
//    "record_every": steps between snapshots (default: about 100 snapshots a run),
//    "resolution": 5..81 (41), "margin": 0..5 (0.2, of the trajectories' extent, each side)}
// Every run has the spec's seed: the same data, initial weights and batch order.
// Answer: {"ok": true, "plane": {"explained": [e1, e2]}, "record_every": S,
//   "grid": {"resolution": R, "alpha": [a0, a1], "beta": [b0, b1], "values": [R*R losses,
//            row by row from (a0, b0) upwards: values[j*R + i] at (alpha_i, beta_j)]},
//   "runs": [{"label", "points": [[alpha, beta, loss], ...], "final_train_loss",
//             "stopped" (only when the run ended early: why)}],
//   "line": {"t": [61 values, -0.25 to 1.25], "loss": [...]} (the first run), "seconds"}
// A point's loss is that of its snapshot; the grid's that of the plane (the trajectory
// leaves the plane where the explained variance is below 1). Losses are the trainer's
// training loss (no weight penalty); those that are not finite are null. Batch norm's running
// averages are state outside theta: the plane is evaluated with the first run's final ones.
// Errors: {"ok": false, "error": {field, given, allowed, message}}.
std::string landscape(const std::string& request_json);

// The loss landscape of a run already trained (or part-trained): the path session recorded
// as it trained (Session::path), with other optimizers' runs beside it if asked. JSON in,
// JSON out; never throws. Request: {"label": the session's run ("This run"), "runs":
// [{"label", "optimizer"}] (0 to 3 other runs: the session's spec with that optimizer, from
// the same initial weights and batch order, for as many steps as the session has taken),
// "resolution": 5..81 (41), "margin": 0..5 (0.2)}. Answer: as landscape()'s without
// record_every, the session's run first, each run with "steps" (the step of each point), and
// {"steps", "epoch", "finished"} of the session. The plane's origin is the session's current
// weights, the last point of its path: that point's loss is the training loss the session
// reports for them (history().back().train_loss at the end of an epoch). The session's
// weights, history and batch order stay as they were. A session that has taken no step:
// {"ok": false, "error": {"field": "run", ...}}.
std::string run_landscape(Session& session, const std::string& request_json);

// An R x R grid of the plane: alpha from a0 to a1, beta from b0 to b1.
struct PlaneGrid {
  int resolution = 41;  // R >= 2
  double a0 = -1, a1 = 1, b0 = -1, b1 = 1;
};

// The training loss of session's network at origin + alpha d1 + beta d2 over the grid into
// values (R*R, row by row from (a0, b0) upwards). theta: (P) scratch for the float weights.
// With values' capacity and theta's size ready, it allocates nothing: one forward pass of
// the training set per point through the network's own caches.
void evaluate_plane(Session& session, const Plane& plane, const PlaneGrid& grid, Vector<float>& theta,
                    std::vector<double>& values);

}  // namespace descent
