#pragma once
// Mean squared error for regression with a linear output, Y: (k x m) real targets.
//   J = 1/m sum_i ||a_i - y_i||^2
// Its "error" is the same mean squared error (there is no misclassification to count).
#include "core/types.h"

namespace descent {

struct MeanSquaredError {
  // A, Y: (k x m)
  template <class T>
  static double cost(const ConstRef<T>& A, const ConstRef<T>& Y) {
    return (A.template cast<double>() - Y.template cast<double>()).squaredNorm() /
           static_cast<double>(A.cols());
  }

  template <class T>
  static double error(const ConstRef<T>& A, const ConstRef<T>& Y) {
    return cost<T>(A, Y);
  }

  // With a linear output, dZ_L = m dJ/dZ_L = 2 (A - Y).
  template <class T>
  static void output_dZ(const ConstRef<T>& A, const ConstRef<T>& Y, Ref<T> dZ) {
    dZ = T(2) * (A - Y);
  }
};

}  // namespace descent
