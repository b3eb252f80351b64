#pragma once
// (Mini-batch) gradient descent: theta := theta - alpha * dtheta.
// Batch GD, SGD and mini-batch GD differ only in the m the trainer feeds it.
#include <cstddef>
#include <stdexcept>
#include <string>

#include "core/threads.h"
#include "optim/optimizer.h"

namespace descent {

template <class T>
class GradientDescent final : public Optimizer<T> {
 public:
  void update(Eigen::Ref<Vector<T>> theta, const Eigen::Ref<const Vector<T>>& dtheta,
              T alpha) override {
    if (theta.size() != dtheta.size())
      throw std::invalid_argument("[GradientDescent::update]: theta has " + std::to_string(theta.size()) +
                                  " entries and dtheta " + std::to_string(dtheta.size()) + "; they must match");
    // Split across the engine's threads by ranges of theta (each element on one thread).
    kernels::parallel_ranges(theta.size(), kernels::kParallelElements, [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
      update_range(theta.data() + begin, dtheta.data() + begin, end - begin, alpha);
    });
  }
  void reset() override {}

 private:
  // __restrict on parameters, where clang takes it, so the loop vectorises in WASM too.
  static void update_range(T* __restrict theta, const T* __restrict dtheta, std::ptrdiff_t n, T alpha) {
    for (std::ptrdiff_t i = 0; i < n; ++i) theta[i] -= alpha * dtheta[i];
  }
};

}  // namespace descent
