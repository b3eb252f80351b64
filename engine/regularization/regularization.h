#pragma once
// Weight penalties on the W of every layer (biases, gammas, betas and slopes are not penalised):
//   L2: cost += lambda/(2m) sum_l ||W_l||_F^2      dW += lambda/m W
//   L1: cost += lambda/m   sum_l sum |w|           dW += lambda/m sign(W)   (a subgradient)
// m is the number of examples the cost is averaged over (the mini-batch).
#include <cmath>

#include "layers/parameters.h"

namespace descent {

struct Regularization {
  double l2 = 0.0;  // lambda of L2
  double l1 = 0.0;  // lambda of L1

  bool active() const { return l2 > 0.0 || l1 > 0.0; }

  // The penalty added to the cost, for the W blocks listed in W_ids.
  template <class T, class Ids>
  double cost(const Parameters<T>& p, const Ids& W_ids, int m) const {
    double sum_sq = 0.0, sum_abs = 0.0;
    for (int id : W_ids) {
      const auto W = p.value(id);
      if (l2 > 0.0) sum_sq += W.template cast<double>().squaredNorm();
      if (l1 > 0.0) sum_abs += W.template cast<double>().cwiseAbs().sum();
    }
    return l2 / (2.0 * m) * sum_sq + l1 / m * sum_abs;
  }

  // Adds the penalty's gradient to dW.
  template <class T, class Ids>
  void add_gradient(Parameters<T>& p, const Ids& W_ids, int m) const {
    for (int id : W_ids) {
      const auto W = p.value(id);
      auto dW = p.grad(id);
      if (l2 > 0.0) dW += T(l2 / m) * W;                                          // dW += lambda/m W
      if (l1 > 0.0) dW.array() += T(l1 / m) * W.array().sign();  // dW += lambda/m sign(W)
    }
  }
};

}  // namespace descent
