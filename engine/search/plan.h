#pragma once
// kind "plan": the trials of a random or grid search over a base spec.
#include <nlohmann/json.hpp>

#include "spec/fields.h"

namespace descent {

// request {kind: "plan", base, method: "random" | "grid" | "list", trials, grid_points, seed,
// params, values} -> {ok, params: [{name, min, max, scale}], trials: [{id, values: {name: value}, spec}]}.
// method "list" plans the trials given in values ([{name: value}], each inside params' ranges):
// an imported trial's values written into a spec.
// f has read "kind"; this reads the rest and finishes it.
nlohmann::ordered_json plan(const nlohmann::json& request, Fields& f);

}  // namespace descent
