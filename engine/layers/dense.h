#pragma once
// A fully connected layer: Z = W A_prev + b, A = g(Z).
//   W: (n_l x n_{l-1})   b: (n_l x 1)   A_prev: (n_{l-1} x m)   Z, A: (n_l x m)
// Caches are allocated once for the largest batch (m_max); a pass over m <= m_max columns
// works on their first m columns and allocates nothing.
#include <string>

#include "activations/activation.h"
#include "layers/parameters.h"

namespace descent {

struct LayerConfig {
  int units = 1;
  Activation activation = Activation::relu;
};

template <class T>
class Dense {
 public:
  Dense(int l, int n_prev, LayerConfig config, Parameters<T>& params)
      : n_prev_(n_prev), n_(config.units), g_(config.activation) {
    W_ = params.add("W" + std::to_string(l), n_, n_prev_);
    b_ = params.add("b" + std::to_string(l), n_, 1);
  }

  void reserve(int m_max) {
    Z.resize(n_, m_max);
    A.resize(n_, m_max);
    dZ.resize(n_, m_max);
    dA.resize(n_, m_max);
  }

  // Z = W A_prev + b; A = g(Z)
  void forward(const Parameters<T>& p, const ConstRef<T>& A_prev, int m) {
    auto W = p.value(W_);  // (n_l x n_{l-1})
    auto b = p.value(b_);  // (n_l x 1)
    auto Zm = Z.leftCols(m);
    Zm.noalias() = W * A_prev;        // (n_l x m)
    Zm.colwise() += b.col(0);         // broadcast b over the batch
    activate<T>(g_, Zm, A.leftCols(m));
  }

  // dZ = dA * g'(Z), from the dA this layer was handed.
  void activation_backward_step(int m) {
    activation_backward<T>(g_, Z.leftCols(m), A.leftCols(m), dA.leftCols(m), dZ.leftCols(m));
  }

  // From dZ (n_l x m): dW = 1/m dZ A_prev^T, db = 1/m sum over the batch of dZ,
  // and, unless this is the first layer, dA_prev = W^T dZ.
  void backward(Parameters<T>& p, const ConstRef<T>& A_prev, int m, Ref<T>* dA_prev) {
    const T inv_m = T(1) / T(m);
    auto dZm = dZ.leftCols(m);
    auto dW = p.grad(W_);
    dW.noalias() = inv_m * (dZm * A_prev.transpose());  // (n_l x n_{l-1})
    p.grad(b_).col(0) = inv_m * dZm.rowwise().sum();      // (n_l x 1)
    if (dA_prev) dA_prev->noalias() = p.value(W_).transpose() * dZm;  // (n_{l-1} x m)
  }

  int units() const { return n_; }
  int inputs() const { return n_prev_; }
  Activation activation() const { return g_; }
  int W_id() const { return W_; }
  int b_id() const { return b_; }

  Matrix<T> Z, A, dZ, dA;  // caches: (n_l x m_max)

 private:
  int n_prev_, n_;
  Activation g_;
  int W_, b_;  // ids in the parameter buffer
};

}  // namespace descent
