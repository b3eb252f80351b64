#pragma once
// Gradient descent with momentum, in the course's form (deeplearning.ai, "Improving Deep
// Neural Networks", week 2), an exponentially weighted average of the gradients:
//   v_dtheta := beta * v_dtheta + (1 - beta) * dtheta
//   theta    := theta - alpha * v_dtheta
// v_dtheta starts at 0 and is not bias-corrected (the course's choice). Sources: Polyak 1964,
// "Some methods of speeding up the convergence of iteration methods"; Qian 1999, "On the
// momentum term in gradient descent learning algorithms". Their heavy-ball form
// v := beta * v + dtheta differs from this one only by the factor (1 - beta) folded into alpha.
// Shapes: P = number of parameters.
#include <cstddef>
#include <stdexcept>
#include <string>

#include "core/threads.h"
#include "optim/optimizer.h"

namespace descent {

template <class T>
class Momentum final : public Optimizer<T> {
 public:
  // beta in [0, 1); 0.9 in the course. beta = 0 is plain gradient descent.
  Momentum(Eigen::Index P, double beta)
      : v_dtheta_(Vector<T>::Zero(P)), beta_(T(beta)), one_minus_beta_(T(1.0 - beta)) {
    if (P < 0) throw std::invalid_argument("[Momentum]: P must be >= 0");
    if (!(beta >= 0.0 && beta < 1.0))
      throw std::invalid_argument("[Momentum]: beta is " + std::to_string(beta) +
                                  "; allowed: 0 <= beta < 1");
  }

  // theta, dtheta: (P).
  void update(Eigen::Ref<Vector<T>> theta, const Eigen::Ref<const Vector<T>>& dtheta,
              T alpha) override {
    if (theta.size() != v_dtheta_.size() || dtheta.size() != v_dtheta_.size())
      throw std::invalid_argument("[Momentum::update]: theta and dtheta must have P = " +
                                  std::to_string(v_dtheta_.size()) + " entries");
    // One pass, split across the engine's threads by ranges of theta (each element on one
    // thread, in the order of the formulas above: the same result on any count).
    kernels::parallel_ranges(theta.size(), kernels::kParallelElements, [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
      update_range(v_dtheta_.data() + begin, theta.data() + begin, dtheta.data() + begin, end - begin, beta_,
                   one_minus_beta_, alpha);
    });
  }
  void reset() override { v_dtheta_.setZero(); }

 private:
  // __restrict on parameters, where clang takes it, so the loop vectorises in WASM too.
  static void update_range(T* __restrict v, T* __restrict theta, const T* __restrict dtheta, std::ptrdiff_t n,
                           T beta, T one_minus_beta, T alpha) {
    for (std::ptrdiff_t i = 0; i < n; ++i) {
      const T v_i = beta * v[i] + one_minus_beta * dtheta[i];
      v[i] = v_i;
      theta[i] -= alpha * v_i;
    }
  }

  Vector<T> v_dtheta_;  // (P) velocity
  T beta_, one_minus_beta_;
};

}  // namespace descent
