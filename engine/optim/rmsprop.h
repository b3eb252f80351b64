#pragma once
// RMSProp (Hinton, Srivastava & Swersky, "Neural Networks for Machine Learning", Lecture 6e,
// 2012), in the course's form (deeplearning.ai, "Improving Deep Neural Networks", week 2):
//   S_dtheta := beta2 * S_dtheta + (1 - beta2) * dtheta^2          (elementwise square)
//   theta    := theta - alpha * dtheta / (sqrt(S_dtheta) + epsilon)
// S_dtheta starts at 0 and is not bias-corrected. epsilon sits outside the square root, as in
// the course and PyTorch (Keras puts it inside).
// Shapes: P = number of parameters.
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "core/threads.h"
#include "optim/optimizer.h"

namespace descent {

template <class T>
class RMSProp final : public Optimizer<T> {
 public:
  // beta2 in [0, 1) (0.999 by default, 0.9 in Hinton's lecture); epsilon >= 0.
  RMSProp(Eigen::Index P, double beta2, double epsilon)
      : S_dtheta_(Vector<T>::Zero(P)),
        beta2_(T(beta2)),
        one_minus_beta2_(T(1.0 - beta2)),
        epsilon_(T(epsilon)) {
    if (P < 0) throw std::invalid_argument("[RMSProp]: P must be >= 0");
    if (!(beta2 >= 0.0 && beta2 < 1.0))
      throw std::invalid_argument("[RMSProp]: beta2 is " + std::to_string(beta2) +
                                  "; allowed: 0 <= beta2 < 1");
    if (!(epsilon >= 0.0))
      throw std::invalid_argument("[RMSProp]: epsilon is " + std::to_string(epsilon) +
                                  "; allowed: epsilon >= 0");
  }

  // theta, dtheta: (P).
  void update(Eigen::Ref<Vector<T>> theta, const Eigen::Ref<const Vector<T>>& dtheta,
              T alpha) override {
    if (theta.size() != S_dtheta_.size() || dtheta.size() != S_dtheta_.size())
      throw std::invalid_argument("[RMSProp::update]: theta and dtheta must have P = " +
                                  std::to_string(S_dtheta_.size()) + " entries");
    // One pass, split across the engine's threads by ranges of theta (each element on one
    // thread, in the order of the formulas above: the same result on any count).
    kernels::parallel_ranges(theta.size(), kernels::kParallelElements, [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
      update_range(S_dtheta_.data() + begin, theta.data() + begin, dtheta.data() + begin, end - begin, beta2_,
                   one_minus_beta2_, alpha, epsilon_);
    });
  }
  void reset() override { S_dtheta_.setZero(); }

 private:
  // __restrict on parameters, where clang takes it, so the loop vectorises in WASM too.
  static void update_range(T* __restrict S, T* __restrict theta, const T* __restrict dtheta, std::ptrdiff_t n,
                           T beta2, T one_minus_beta2, T alpha, T epsilon) {
    for (std::ptrdiff_t i = 0; i < n; ++i) {
      const T S_i = beta2 * S[i] + one_minus_beta2 * (dtheta[i] * dtheta[i]);
      S[i] = S_i;
      theta[i] -= alpha * dtheta[i] / (std::sqrt(S_i) + epsilon);
    }
  }

  Vector<T> S_dtheta_;  // (P) running mean of the squared gradient
  T beta2_, one_minus_beta2_, epsilon_;
};

}  // namespace descent
