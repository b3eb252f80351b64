#pragma once
// Linear (identity): g(z) = z, g'(z) = 1.
#include "core/types.h"

namespace descent {

struct Linear {
  template <class T>
  static void value(const ConstRef<T>& Z, Ref<T> A) {
    A = Z;
  }
  // dZ = dA
  template <class T>
  static void backward(const ConstRef<T>& /*Z*/, const ConstRef<T>& /*A*/, const ConstRef<T>& dA,
                       Ref<T> dZ) {
    dZ = dA;
  }
};

}  // namespace descent
