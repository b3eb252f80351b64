#pragma once
// ReLU: g(z) = max(0, z), g'(z) = 1 if z > 0 else 0.
#include "core/types.h"

namespace descent {

struct ReLU {
  template <class T>
  static void value(const ConstRef<T>& Z, Ref<T> A) {
    A.array() = Z.array().max(T(0));
  }
  // dZ = dA * g'(Z)
  template <class T>
  static void backward(const ConstRef<T>& Z, const ConstRef<T>& /*A*/, const ConstRef<T>& dA,
                       Ref<T> dZ) {
    // A loop, not Eigen's select, which does not vectorise and branches on every sign
    // (half the units: a branch mispredicted at random; 5% of the MLP's step).
    for (Eigen::Index j = 0; j < Z.cols(); ++j) backward_column(Z.col(j).data(), dA.col(j).data(), dZ.col(j).data(), Z.rows());
  }

 private:
  // __restrict on parameters, where clang takes it (not on locals), so the loop vectorises.
  template <class T>
  static void backward_column(const T* __restrict z, const T* __restrict dA, T* __restrict dZ, Eigen::Index n) {
    for (Eigen::Index i = 0; i < n; ++i) {
      const T dA_i = dA[i];  // read always, so the choice below is a select, not a branch
      dZ[i] = z[i] > T(0) ? dA_i : T(0);
    }
  }
};

}  // namespace descent
