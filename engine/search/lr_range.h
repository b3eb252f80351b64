#pragma once
// kind "lr_range": the learning-rate range test (L. N. Smith, "Cyclical Learning Rates for
// Training Neural Networks", 2017): from the initial weights, one mini-batch step per
// iteration while alpha grows geometrically; the loss falls, flattens, then blows up.
#include <nlohmann/json.hpp>

#include "spec/fields.h"

namespace descent {

// request {kind: "lr_range", spec, min, max, iterations} -> {ok, points: [{iteration,
// learning_rate, loss, smoothed}], suggested_learning_rate, min_loss_learning_rate,
// stopped_early, reason}. f has read "kind"; this reads the rest and finishes it.
nlohmann::ordered_json lr_range(const nlohmann::json& request, Fields& f);

struct RangePoint {
  int iteration;         // t = 1, 2, ...
  double learning_rate;  // alpha_t
  double loss;           // the cost J of mini-batch t, before its step
  double smoothed;       // v_t / (1 - beta^t), beta = 0.9
};

// The rate where the smoothed loss falls fastest against log10(alpha) before its minimum:
// the most negative least-squares slope over windows of 2 * half + 1 points. With too few
// points before the minimum, a tenth of the minimum's rate.
double suggested_rate(const std::vector<RangePoint>& points, int half);

}  // namespace descent
