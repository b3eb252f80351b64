#pragma once
// (Mini-batch) gradient descent: theta := theta - alpha * dtheta.
// Batch GD, SGD and mini-batch GD differ only in the m the trainer feeds it.
#include "optim/optimizer.h"

namespace descent {

template <class T>
class GradientDescent final : public Optimizer<T> {
 public:
  void update(Eigen::Ref<Vector<T>> theta, const Eigen::Ref<const Vector<T>>& dtheta,
              T alpha) override {
    theta.noalias() -= alpha * dtheta;
  }
  void reset() override {}
};

}  // namespace descent
