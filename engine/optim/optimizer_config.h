#pragma once
// Which optimizer, with its hyperparameters, and the one factory that builds it for P
// parameters. The course's defaults: beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8.
#include <memory>
#include <stdexcept>
#include <string>

#include "core/names.h"
#include "optim/adam.h"
#include "optim/gradient_descent.h"
#include "optim/momentum.h"
#include "optim/optimizer.h"
#include "optim/rmsprop.h"

namespace descent {

enum class OptimizerKind { gd, momentum, rmsprop, adam };

inline constexpr NameTable<OptimizerKind, 4> kOptimizerNames{{{
    {OptimizerKind::gd, "gd"},
    {OptimizerKind::momentum, "momentum"},
    {OptimizerKind::rmsprop, "rmsprop"},
    {OptimizerKind::adam, "adam"},
}}};

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::gd;
  double beta1 = 0.9;  // momentum uses beta1 as its beta
  double beta2 = 0.999;  // rmsprop uses beta2
  double epsilon = 1e-8;
};

// P: number of parameters (the length of theta). Throws std::invalid_argument on a bad beta.
template <class T>
std::unique_ptr<Optimizer<T>> make_optimizer(const OptimizerConfig& c, Eigen::Index P) {
  switch (c.kind) {
    case OptimizerKind::gd:
      return std::make_unique<GradientDescent<T>>();
    case OptimizerKind::momentum:
      return std::make_unique<Momentum<T>>(P, c.beta1);
    case OptimizerKind::rmsprop:
      return std::make_unique<RMSProp<T>>(P, c.beta2, c.epsilon);
    case OptimizerKind::adam:
      return std::make_unique<Adam<T>>(P, c.beta1, c.beta2, c.epsilon);
  }
  throw std::invalid_argument("[make_optimizer]: unknown kind " +
                              std::to_string(static_cast<int>(c.kind)));
}

}  // namespace descent
