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
    dZ.array() = (Z.array() > T(0)).select(dA.array(), T(0));
  }
};

}  // namespace descent
