#pragma once
// Optimizer paths on a classic surface, JSON in, JSON out, never throws (what the WASM
// bindings expose beside the Session). Request (every key optional):
//   {"surface": "bowl", "condition": 10 (bowl only, 1..1000), "start": [x, y] (the surface's
//    default start), "steps": 200 (1..10000), "tolerance": 1e-3, "resolution": 60 (2..200),
//    "optimizers": [{"name": "gd"|"momentum"|"rmsprop"|"adam", "learning_rate": 0.1,
//                    "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "label": "gd"}] (1..8),
//    "schedule": {"name", "decay_rate", "k", "time_interval", "drops"} (as in the spec;
//                 its epoch is the step count)}
// Answer: {"ok": true, "surface", "condition", "start": [x, y], "bounds": [x0, x1, y0, y1],
//   "minima": [[x, y], ...], "grid": {"resolution": R, "values": [R*R f values, row j (y = y0
//   + j (y1 - y0) / (R - 1)) after row j - 1, x increasing within a row]},
//   "paths": [{"name": label, "points": [[x, y, f], ...] (steps + 1 of them unless diverged),
//              "steps_to_tolerance": n or null, "final_loss": f (null when not finite),
//              "diverged", "stalled"}]}
// or {"ok": false, "error": {"field", "given", "allowed", "message"}}, the message naming
// the field: "optimizers[1].learning_rate is -1; allowed: a number > 0 and <= 100".
#include <string>

namespace descent {

std::string surface_paths(const std::string& request_json);

}  // namespace descent
