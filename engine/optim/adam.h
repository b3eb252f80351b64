#pragma once
// Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1),
// with the course's names (deeplearning.ai, "Improving Deep Neural Networks", week 2).
// t counts the calls of update() from 1:
//   v_dtheta    := beta1 * v_dtheta + (1 - beta1) * dtheta
//   S_dtheta    := beta2 * S_dtheta + (1 - beta2) * dtheta^2         (elementwise square)
//   v_corrected := v_dtheta / (1 - beta1^t)
//   S_corrected := S_dtheta / (1 - beta2^t)
//   theta       := theta - alpha * v_corrected / (sqrt(S_corrected) + epsilon)
// The bias corrections 1 - beta^t are computed in double, then rounded to T once.
// Shapes: P = number of parameters.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/threads.h"
#include "optim/optimizer.h"

namespace descent {

template <class T>
class Adam final : public Optimizer<T> {
 public:
  // beta1, beta2 in [0, 1) (0.9 and 0.999 in the paper); epsilon >= 0 (1e-8).
  Adam(Eigen::Index P, double beta1, double beta2, double epsilon)
      : v_dtheta_(Vector<T>::Zero(P)),
        S_dtheta_(Vector<T>::Zero(P)),
        beta1_(beta1),
        beta2_(beta2),
        epsilon_(T(epsilon)) {
    if (P < 0) throw std::invalid_argument("[Adam]: P must be >= 0");
    if (!(beta1 >= 0.0 && beta1 < 1.0))
      throw std::invalid_argument("[Adam]: beta1 is " + std::to_string(beta1) +
                                  "; allowed: 0 <= beta1 < 1");
    if (!(beta2 >= 0.0 && beta2 < 1.0))
      throw std::invalid_argument("[Adam]: beta2 is " + std::to_string(beta2) +
                                  "; allowed: 0 <= beta2 < 1");
    if (!(epsilon >= 0.0))
      throw std::invalid_argument("[Adam]: epsilon is " + std::to_string(epsilon) +
                                  "; allowed: epsilon >= 0");
  }

  // theta, dtheta: (P).
  void update(Eigen::Ref<Vector<T>> theta, const Eigen::Ref<const Vector<T>>& dtheta,
              T alpha) override {
    if (theta.size() != v_dtheta_.size() || dtheta.size() != v_dtheta_.size())
      throw std::invalid_argument("[Adam::update]: theta and dtheta must have P = " +
                                  std::to_string(v_dtheta_.size()) + " entries");
    ++t_;
    const T correction1 = T(1.0 - std::pow(beta1_, double(t_)));  // 1 - beta1^t
    const T correction2 = T(1.0 - std::pow(beta2_, double(t_)));  // 1 - beta2^t
    const T b1 = T(beta1_), one_b1 = T(1.0 - beta1_), b2 = T(beta2_), one_b2 = T(1.0 - beta2_);
    const T epsilon = epsilon_;
    // One pass over the four vectors instead of three, split by ranges of theta across the
    // engine's threads (each element on one thread, in the order of the formulas above, so
    // the result is the same on any count).
    kernels::parallel_ranges(v_dtheta_.size(), kernels::kParallelElements, [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
      update_range(v_dtheta_.data() + begin, S_dtheta_.data() + begin, theta.data() + begin, dtheta.data() + begin,
                   end - begin, b1, one_b1, b2, one_b2, correction1, correction2, alpha, epsilon);
    });
  }
  void reset() override {
    v_dtheta_.setZero();
    S_dtheta_.setZero();
    t_ = 0;
  }

  std::int64_t t() const { return t_; }  // update() calls since construction or reset()

 private:
  // The update of n elements. Parameters, not locals, carry __restrict: clang takes no-alias
  // from parameters only, and without it does not vectorise the loop (in WASM, Adam was a
  // third of the MLP's step).
  static void update_range(T* __restrict v, T* __restrict S, T* __restrict theta, const T* __restrict dtheta,
                           std::ptrdiff_t n, T b1, T one_b1, T b2, T one_b2, T correction1, T correction2, T alpha,
                           T epsilon) {
    for (std::ptrdiff_t i = 0; i < n; ++i) {
      const T v_i = b1 * v[i] + one_b1 * dtheta[i];
      const T S_i = b2 * S[i] + one_b2 * (dtheta[i] * dtheta[i]);
      v[i] = v_i;
      S[i] = S_i;
      theta[i] -= alpha * (v_i / correction1) / (std::sqrt(S_i / correction2) + epsilon);
    }
  }

  Vector<T> v_dtheta_;  // (P) first moment, mean of dtheta
  Vector<T> S_dtheta_;  // (P) second moment, mean of dtheta^2
  double beta1_, beta2_;
  T epsilon_;
  std::int64_t t_ = 0;
};

}  // namespace descent
