#pragma once
// Sigmoid: g(z) = 1 / (1 + e^-z), g'(z) = a (1 - a).
#include "core/types.h"

namespace descent {

struct Sigmoid {
  template <class T>
  static void value(const ConstRef<T>& Z, Ref<T> A) {
    A.array() = T(1) / (T(1) + (-Z.array()).exp());
  }
  // dZ = dA * a (1 - a)
  template <class T>
  static void backward(const ConstRef<T>& /*Z*/, const ConstRef<T>& A, const ConstRef<T>& dA,
                       Ref<T> dZ) {
    dZ.array() = dA.array() * A.array() * (T(1) - A.array());
  }
};

}  // namespace descent
