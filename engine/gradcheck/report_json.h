#pragma once
// A gradient-check report as JSON, for the runner and the page.
#include <cmath>

#include <nlohmann/json.hpp>

#include "gradcheck/gradcheck.h"

namespace descent {

inline nlohmann::ordered_json to_json(const GradcheckReport& r) {
  using json = nlohmann::ordered_json;
  auto number = [](double x) { return std::isfinite(x) ? json(x) : json(std::isnan(x) ? "nan" : "inf"); };
  json blocks = json::array();
  for (const auto& b : r.blocks) {
    json worst = json::array();
    for (const auto& c : b.worst)
      worst.push_back({{"row", c.row}, {"col", c.col}, {"analytic", number(c.analytic)},
                       {"numeric", number(c.numeric)}});
    blocks.push_back({{"block", "d" + b.name}, {"difference", number(b.difference)},
                      {"verdict", gradcheck_verdict(b.difference)}, {"worst", worst}});
  }
  return {{"difference", number(r.difference)},
          {"verdict", gradcheck_verdict(r.difference)},
          {"epsilon", r.epsilon},
          {"bands", {1e-7, 1e-5, 1e-3}},
          {"blocks", blocks},
          {"notes", r.notes}};
}

}  // namespace descent
