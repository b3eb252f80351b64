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
    for (Eigen::Index j = 0; j < Z.cols(); ++j) {
      const T* __restrict z = Z.col(j).data();
      const T* __restrict da = dA.col(j).data();
      T* __restrict dz = dZ.col(j).data();
      for (Eigen::Index i = 0; i < Z.rows(); ++i) {
        const T da_i = da[i];  // read always, so the choice below is a select, not a branch
        dz[i] = z[i] > T(0) ? da_i : T(0);
      }
    }
  }
};

}  // namespace descent
