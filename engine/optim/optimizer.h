#pragma once
// Optimizers see the flat parameter vector theta and its gradient dtheta, never layers.
// Per-parameter state (v_dW, S_dW...) lives in vectors of the same layout, allocated once
// when the optimizer is built for P parameters.
#include "core/types.h"

namespace descent {

template <class T>
class Optimizer {
 public:
  virtual ~Optimizer() = default;
  // theta, dtheta: (P); alpha: this step's learning rate.
  virtual void update(Eigen::Ref<Vector<T>> theta, const Eigen::Ref<const Vector<T>>& dtheta,
                      T alpha) = 0;
  // Forget the state (velocities, step count), as when a run restarts.
  virtual void reset() = 0;
};

}  // namespace descent
