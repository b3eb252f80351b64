#pragma once
// kind "zoom": coarse to fine (the course's week 3), each parameter's range narrowed around
// the best trials so far.
#include <nlohmann/json.hpp>

#include "spec/fields.h"

namespace descent {

// request {kind: "zoom", params, results, best: k} -> {ok, params: [{name, min, max, scale}],
// best: [indices of the best k results, best first]}. f has read "kind"; this finishes it.
nlohmann::ordered_json zoom(Fields& f);

}  // namespace descent
