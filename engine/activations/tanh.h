#pragma once
// Tanh: g(z) = tanh(z), g'(z) = 1 - a^2.
#include "core/types.h"

namespace descent {

struct Tanh {
  template <class T>
  static void value(const ConstRef<T>& Z, Ref<T> A) {
    A.array() = Z.array().tanh();
  }
  // dZ = dA * (1 - a^2)
  template <class T>
  static void backward(const ConstRef<T>& /*Z*/, const ConstRef<T>& A, const ConstRef<T>& dA,
                       Ref<T> dZ) {
    dZ.array() = dA.array() * (T(1) - A.array().square());
  }
};

}  // namespace descent
