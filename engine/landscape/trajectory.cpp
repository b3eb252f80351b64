#include "landscape/trajectory.h"

#include <algorithm>
#include <cmath>

namespace descent {

PathResult run_path(const Surface& surface, const OptimizerConfig& config, double alpha0,
                    const ScheduleConfig& schedule, Eigen::Vector2d start, int steps, double tolerance) {
  PathResult path;
  path.name = kOptimizerNames.name(config.kind);
  const auto optimizer = make_optimizer<double>(config, 2);
  const double f_min = surface.lowest_minimum();  // NaN for the saddle: never within tolerance
  auto within = [&](double f) { return f - f_min <= tolerance; };

  Vector<double> theta = start;  // (2) = (x, y)
  Vector<double> dtheta(2);      // (2) = (df/dx, df/dy)
  double f = surface.value(theta(0), theta(1));
  path.points.reserve(size_t(std::max(steps, 0)) + 1);
  path.points.push_back({theta(0), theta(1), f});
  if (within(f)) path.steps_to_tolerance = 0;

  for (int k = 1; k <= steps; ++k) {
    dtheta = surface.gradient(theta(0), theta(1));
    optimizer->update(theta, dtheta, learning_rate(schedule, alpha0, k - 1));
    f = surface.value(theta(0), theta(1));
    const bool finite = std::isfinite(theta(0)) && std::isfinite(theta(1)) && std::isfinite(f);
    if (finite) path.points.push_back({theta(0), theta(1), f});
    if (!finite || std::abs(theta(0)) > kDivergedAt || std::abs(theta(1)) > kDivergedAt) {
      path.diverged = true;
      break;
    }
    if (path.steps_to_tolerance < 0 && within(f)) path.steps_to_tolerance = k;
  }
  path.final_loss = f;

  // Stalled: the last 10% of the steps (at least one) moved less than kStalledBelow in all.
  const size_t taken = path.points.size() - 1;
  if (!path.diverged && taken > 0 && !within(f)) {
    const size_t tail = std::max<size_t>(1, (taken + 9) / 10);
    double moved = 0;
    for (size_t k = taken - tail + 1; k <= taken; ++k)
      moved += std::hypot(path.points[k][0] - path.points[k - 1][0], path.points[k][1] - path.points[k - 1][1]);
    path.stalled = moved < kStalledBelow;
  }
  return path;
}

}  // namespace descent
