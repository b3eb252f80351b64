#pragma once
// The finished trials a search learns from (zoom, sensitivity): each trial's parameter values
// and its dev error and loss. A trial that diverged or has no dev set gives null.
#include <limits>
#include <vector>

#include <nlohmann/json.hpp>

#include "search/param_space.h"

namespace descent {

struct Result {
  std::vector<double> x;  // each parameter's value, in params' order
  std::vector<double> u;  // the same in each parameter's sampling coordinate
  double dev_error = std::numeric_limits<double>::quiet_NaN();
  double dev_loss = std::numeric_limits<double>::quiet_NaN();
};

// results: [{values: {name: value}, dev_error, dev_loss, id?}] at `path`; every parameter
// needs a value. Throws SpecError naming e.g. "results[3].values.learning_rate".
std::vector<Result> read_results(const nlohmann::json* array, const std::string& path,
                                 const std::vector<Param>& params);

// Indices of the results, best first: by dev_error, ties by dev_loss; non-finite last.
std::vector<size_t> ranked(const std::vector<Result>& results);

}  // namespace descent
