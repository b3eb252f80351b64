#pragma once
// Leaky ReLU and parametric ReLU: g(z) = z if z > 0 else a z, g'(z) = 1 or a.
// The slope a is one value per unit, a: (n_l x 1): fixed for leaky ReLU, learned for PReLU
// (He et al., "Delving Deep into Rectifiers", 2015), where dJ/da = 1/m sum_batch dA * min(z, 0).
#include "core/types.h"

namespace descent {

struct LeakyReLU {
  template <class T>
  static void value(const ConstRef<T>& Z, Ref<T> A, const Eigen::Ref<const Vector<T>>& a) {
    A.array() = (Z.array() > T(0)).select(Z.array(), Z.array().colwise() * a.array());
  }
  // dZ = dA * g'(Z)
  template <class T>
  static void backward(const ConstRef<T>& Z, const ConstRef<T>& dA, Ref<T> dZ,
                       const Eigen::Ref<const Vector<T>>& a) {
    dZ.array() = (Z.array() > T(0)).select(dA.array(), dA.array().colwise() * a.array());
  }
};

}  // namespace descent
