#pragma once
// The linear part of a fully connected layer: Z = W A_prev + b.
//   W: (n_l x n_{l-1})   b: (n_l x 1)   A_prev: (n_{l-1} x m)   Z: (n_l x m)
// Without a bias (batch norm follows, and its beta plays b's part), Z = W A_prev.
// Gradients follow the course: dZ is m dJ/dZ, so dW = 1/m dZ A_prev^T and db = 1/m sum dZ.
#include <string>

#include "layers/parameters.h"

namespace descent {

template <class T>
class Dense {
 public:
  Dense(int l, int n_prev, int n, bool bias, Parameters<T>& params)
      : n_prev_(n_prev), n_(n) {
    W_ = params.add("W" + std::to_string(l), n_, n_prev_);
    b_ = bias ? params.add("b" + std::to_string(l), n_, 1) : -1;
  }

  // Z = W A_prev + b
  void forward(const Parameters<T>& p, const ConstRef<T>& A_prev, Ref<T> Z) const {
    Z.noalias() = p.value(W_) * A_prev;              // (n_l x m)
    if (b_ >= 0) Z.colwise() += p.value(b_).col(0);  // broadcast b over the batch
  }

  // dW = 1/m dZ A_prev^T; db = 1/m sum_batch dZ; dA_prev = W^T dZ (when asked for).
  void backward(Parameters<T>& p, const ConstRef<T>& A_prev, const ConstRef<T>& dZ,
                Ref<T>* dA_prev) const {
    const T inv_m = T(1) / T(dZ.cols());
    p.grad(W_).noalias() = inv_m * (dZ * A_prev.transpose());      // (n_l x n_{l-1})
    if (b_ >= 0) p.grad(b_).col(0) = inv_m * dZ.rowwise().sum();  // (n_l x 1)
    if (dA_prev) dA_prev->noalias() = p.value(W_).transpose() * dZ;  // (n_{l-1} x m)
  }

  int units() const { return n_; }
  int inputs() const { return n_prev_; }
  int W_id() const { return W_; }
  int b_id() const { return b_; }  // -1 without a bias

 private:
  int n_prev_, n_;
  int W_, b_;  // ids in the parameter buffer
};

}  // namespace descent
