#pragma once
// An optimizer's path on a two-parameter surface: the engine's own optimizers (the ones that
// train networks) step theta = (x, y) down the surface's exact gradient.
//   points[k] = (x, y, f) after k updates; points[0] is the start, so a full run has
//   steps + 1 points. Update k (from 1) uses learning_rate(schedule, alpha0, k - 1): the
//   schedule's "epoch" is the step count.
#include <array>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "landscape/surfaces.h"
#include "optim/optimizer_config.h"
#include "schedules/schedule.h"

namespace descent {

struct PathResult {
  std::string name;                          // the optimizer's name ("adam")
  std::vector<std::array<double, 3>> points;  // (x, y, f), every one finite
  int steps_to_tolerance = -1;  // first k with f - f_min <= tolerance; -1: never (or no minimum)
  double final_loss = 0;        // f where the path stopped (inf or NaN when it diverged there)
  bool diverged = false;        // x, y or f not finite, or |x| or |y| > 1e6: the path stops
  bool stalled = false;         // the last 10% of the steps moved < 1e-6 in all, not at a minimum
};

inline constexpr double kDivergedAt = 1e6;  // |x| or |y| beyond this: diverged
inline constexpr double kStalledBelow = 1e-6;  // total movement over the last 10% of steps

// Runs `steps` updates from `start`. Throws std::invalid_argument on a bad optimizer config
// (make_optimizer) or schedule (learning_rate).
PathResult run_path(const Surface& surface, const OptimizerConfig& config, double learning_rate,
                    const ScheduleConfig& schedule, Eigen::Vector2d start, int steps, double tolerance);

}  // namespace descent
