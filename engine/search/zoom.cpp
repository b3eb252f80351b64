#include "search/zoom.h"

#include <algorithm>
#include <cmath>

#include "search/results.h"

namespace descent {
namespace {

constexpr double kMargin = 0.25;  // of the old width, on each side of the best trials' span

// The range of p around the best trials (their values x, coordinates u), on p's scale.
// Each side moves in by at most half its gap, so the range is strictly narrower unless the best
// already touch both ends; and it is never narrower than 1/4 of the old (a single best point
// leaves a gap of at least half the width on one side).
Param narrowed(const Param& p, const std::vector<double>& x, const std::vector<double>& u) {
  const double lo = p.u_lo(), hi = p.u_hi(), width = hi - lo;
  const auto [u_min, u_max] = std::minmax_element(u.begin(), u.end());
  const double a = std::clamp(*u_min, lo, hi), b = std::clamp(*u_max, lo, hi);
  double new_lo = a - std::min(kMargin * width, (a - lo) / 2);
  double new_hi = b + std::min(kMargin * width, (hi - b) / 2);
  if (p.whole()) {  // inward to whole coordinates: the best (whole) values stay inside
    new_lo = std::ceil(new_lo);
    new_hi = std::floor(new_hi);
  }
  const double x1 = p.from_u(new_lo), x2 = p.from_u(new_hi);  // reversed for one_minus_log
  const auto [x_min, x_max] = std::minmax_element(x.begin(), x.end());
  Param q = p;
  // Containment in value space too: the round trip through u may miss a value by an ulp.
  q.min = std::clamp(std::min(std::min(x1, x2), *x_min), p.min, p.max);
  q.max = std::clamp(std::max(std::max(x1, x2), *x_max), p.min, p.max);
  return q;
}

}  // namespace

nlohmann::ordered_json zoom(Fields& f) {
  const std::vector<Param> params = read_params(f.array("params"), "params");
  const std::vector<Result> results = read_results(f.array("results"), "results", params);
  const std::vector<size_t> order = ranked(results);
  const int finite = static_cast<int>(std::count_if(results.begin(), results.end(),
                                                    [](const Result& r) { return std::isfinite(r.dev_error); }));
  if (finite == 0)
    throw SpecError("results", std::to_string(results.size()) + " results, none with a dev_error",
                    "allowed: at least one result with a finite dev_error");
  const int k = f.integer("best", std::min(3, finite), 1, finite);
  f.finish();

  nlohmann::ordered_json best = nlohmann::ordered_json::array();
  for (int j = 0; j < k; ++j) best.push_back(order[static_cast<size_t>(j)]);
  std::vector<Param> next;
  for (size_t i = 0; i < params.size(); ++i) {
    std::vector<double> x, u;
    for (int j = 0; j < k; ++j) {
      const Result& r = results[order[static_cast<size_t>(j)]];
      x.push_back(r.x[i]);
      u.push_back(r.u[i]);
    }
    next.push_back(narrowed(params[i], x, u));
  }
  return {{"ok", true}, {"params", to_json(next)}, {"best", std::move(best)}};
}

}  // namespace descent
