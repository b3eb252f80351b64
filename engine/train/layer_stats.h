#pragma once
// Per-layer statistics a learner watches for vanishing and exploding gradients and for
// saturated or dead units, computed from the caches of the last pass.
#include <cmath>

#include "train/network.h"

namespace descent {

struct LayerStats {
  double weight_norm = 0;  // ||W_l||_F
  double grad_norm = 0;    // ||dW_l||_F of the last mini-batch
  double act_mean = 0, act_std = 0;  // of A_l over the evaluated set
  double saturated = 0;    // sigmoid: a < 0.01 or a > 0.99; tanh: |a| > 0.99 (fraction)
  double dead = 0;         // ReLU family: a <= 0 (fraction)
};

// Activation statistics come from the caches of the last forward pass over m examples;
// the gradient norm from the last backward pass.
template <class T>
LayerStats layer_stats(Network<T>& net, size_t l, int m) {
  LayerStats s;
  auto& layer = net.layers[l];
  const auto W = net.params.value(layer.dense().W_id());
  const auto dW = net.params.grad(layer.dense().W_id());
  s.weight_norm = W.template cast<double>().norm();
  s.grad_norm = dW.template cast<double>().norm();
  if (m == 0) return s;
  const auto A = layer.output(m);
  const double n = static_cast<double>(A.size());
  s.act_mean = A.template cast<double>().sum() / n;
  s.act_std = std::sqrt(std::max(0.0, A.template cast<double>().squaredNorm() / n - s.act_mean * s.act_mean));
  switch (layer.config().activation) {
    case Activation::sigmoid:
      s.saturated = ((A.array() < T(0.01)) || (A.array() > T(0.99))).template cast<double>().sum() / n;
      break;
    case Activation::tanh:
      s.saturated = (A.array().abs() > T(0.99)).template cast<double>().sum() / n;
      break;
    case Activation::relu:
    case Activation::leaky_relu:
    case Activation::prelu:
      s.dead = (layer.pre(m).array() <= T(0)).template cast<double>().sum() / n;
      break;
    default:
      break;
  }
  return s;
}

}  // namespace descent
