#pragma once
// Learning-rate decay, a pure function of the epoch (epochs count from 0), as in the course
// (deeplearning.ai, "Improving Deep Neural Networks", week 2, "Learning rate decay"):
//   constant      alpha0
//   inverse_time  alpha0 / (1 + decay_rate * epoch)
//   exponential   alpha0 * k^epoch
//   staircase     alpha0 / (1 + decay_rate * floor(epoch / time_interval))
//                 (the course's "scheduled" decay, schedule_lr_decay in its assignment)
//   step_drops    alpha0 * product of factor over the drops with drop.epoch <= epoch
//                 (the "discrete staircase" done by hand; drops may come in any order)
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/names.h"

namespace descent {

enum class ScheduleKind { constant, inverse_time, exponential, staircase, step_drops };

inline constexpr NameTable<ScheduleKind, 5> kScheduleNames{{{
    {ScheduleKind::constant, "constant"},
    {ScheduleKind::inverse_time, "inverse_time"},
    {ScheduleKind::exponential, "exponential"},
    {ScheduleKind::staircase, "staircase"},
    {ScheduleKind::step_drops, "step_drops"},
}}};

struct StepDrop {
  int epoch;      // the first epoch at the lower rate
  double factor;  // e.g. 0.1
};

struct ScheduleConfig {
  ScheduleKind kind = ScheduleKind::constant;
  double decay_rate = 1.0;  // inverse_time, staircase
  double k = 0.95;          // exponential
  int time_interval = 1;    // staircase: epochs per step, >= 1
  std::vector<StepDrop> drops;  // step_drops
};

// The learning rate of epoch `epoch` (>= 0). Throws std::invalid_argument on a negative epoch
// or, for staircase, a time_interval < 1.
inline double learning_rate(const ScheduleConfig& s, double alpha0, int epoch) {
  if (epoch < 0)
    throw std::invalid_argument("[learning_rate]: epoch is " + std::to_string(epoch) +
                                "; allowed: epoch >= 0");
  switch (s.kind) {
    case ScheduleKind::constant:
      return alpha0;
    case ScheduleKind::inverse_time:
      return alpha0 / (1.0 + s.decay_rate * epoch);
    case ScheduleKind::exponential:
      return alpha0 * std::pow(s.k, epoch);
    case ScheduleKind::staircase:
      if (s.time_interval < 1)
        throw std::invalid_argument("[learning_rate]: time_interval is " +
                                    std::to_string(s.time_interval) + "; allowed: >= 1");
      return alpha0 / (1.0 + s.decay_rate * (epoch / s.time_interval));  // floor: both >= 0
    case ScheduleKind::step_drops: {
      double alpha = alpha0;
      for (const StepDrop& d : s.drops)
        if (d.epoch <= epoch) alpha *= d.factor;
      return alpha;
    }
  }
  throw std::invalid_argument("[learning_rate]: unknown kind " +
                              std::to_string(static_cast<int>(s.kind)));
}

}  // namespace descent
