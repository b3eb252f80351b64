#pragma once
// Softmax over the k units of each example (column): a_j = e^{z_j} / sum_i e^{z_i}.
// The largest z of the column is subtracted first, so e^z never overflows.
#include "core/types.h"

namespace descent {

struct Softmax {
  template <class T>
  static void value(const ConstRef<T>& Z, Ref<T> A) {
    for (Eigen::Index i = 0; i < Z.cols(); ++i) {
      A.col(i).array() = (Z.col(i).array() - Z.col(i).maxCoeff()).exp();
      A.col(i) /= A.col(i).sum();
    }
  }
  // The Jacobian-vector product: dZ = A * (dA - sum_j dA_j A_j), per column.
  // (With cross-entropy the network skips this and uses dZ = A - Y directly.)
  template <class T>
  static void backward(const ConstRef<T>& A, const ConstRef<T>& dA, Ref<T> dZ) {
    for (Eigen::Index i = 0; i < A.cols(); ++i)
      dZ.col(i).array() = A.col(i).array() * (dA.col(i).array() - dA.col(i).dot(A.col(i)));
  }
};

}  // namespace descent
