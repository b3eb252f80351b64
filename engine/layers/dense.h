#pragma once
// The linear part of a fully connected layer: Z = W A_prev + b.
//   W: (n_l x n_{l-1})   b: (n_l x 1)   A_prev: (n_{l-1} x m)   Z: (n_l x m)
// Without a bias (batch norm follows, and its beta plays b's part), Z = W A_prev.
// Gradients follow the course: dZ is m dJ/dZ, so dW = 1/m dZ A_prev^T and db = 1/m sum dZ.
// Kernel: the three products through kernels::sgemm (core/gemm.h) instead of Eigen. The
// default for float in the WASM SIMD build, where Eigen does not vectorise; a native build
// opts in with -DDESCENT_GEMM_KERNEL=1.
#include <string>
#include <type_traits>

#include "core/gemm.h"
#include "layers/parameters.h"

#ifndef DESCENT_GEMM_KERNEL
#ifdef __wasm_simd128__
#define DESCENT_GEMM_KERNEL 1
#else
#define DESCENT_GEMM_KERNEL 0
#endif
#endif

namespace descent {

template <class T, bool Kernel = DESCENT_GEMM_KERNEL && std::is_same_v<T, float>>
class Dense {
  static_assert(!Kernel || std::is_same_v<T, float>, "[Dense]: kernels::sgemm is float only");

 public:
  Dense(int l, int n_prev, int n, bool bias, Parameters<T>& params)
      : n_prev_(n_prev), n_(n) {
    W_ = params.add("W" + std::to_string(l), n_, n_prev_);
    b_ = bias ? params.add("b" + std::to_string(l), n_, 1) : -1;
  }

  // Z = W A_prev + b
  void forward(const Parameters<T>& p, const ConstRef<T>& A_prev, Ref<T> Z) const {
    if constexpr (Kernel)
      product(false, false, 1.0f, p.value(W_), A_prev, Z);  // (n_l x m)
    else
      Z.noalias() = p.value(W_) * A_prev;              // (n_l x m)
    if (b_ >= 0) Z.colwise() += p.value(b_).col(0);  // broadcast b over the batch
  }

  // dW = 1/m dZ A_prev^T; db = 1/m sum_batch dZ; dA_prev = W^T dZ (when asked for).
  void backward(Parameters<T>& p, const ConstRef<T>& A_prev, const ConstRef<T>& dZ,
                Ref<T>* dA_prev) const {
    const T inv_m = T(1) / T(dZ.cols());
    if constexpr (Kernel)
      product(false, true, inv_m, dZ, A_prev, p.grad(W_));        // (n_l x n_{l-1})
    else {  // product then scale: inv_m * (dZ A_prev^T) makes a temporary for a 1-row dZ
      p.grad(W_).noalias() = dZ * A_prev.transpose();  // (n_l x n_{l-1})
      p.grad(W_) *= inv_m;
    }
    if (b_ >= 0) {
      MatrixMap<T> db = p.grad(b_);  // (n_l x 1)
      if constexpr (Kernel) {        // column by column: Eigen's rowwise sum is 3x slower in WASM
        db.setZero();
        for (Eigen::Index j = 0; j < dZ.cols(); ++j) db += dZ.col(j);
        db *= inv_m;
      } else {
        db = inv_m * dZ.rowwise().sum();
      }
    }
    if (!dA_prev) return;
    if constexpr (Kernel)
      product(true, false, 1.0f, p.value(W_), dZ, *dA_prev);  // (n_{l-1} x m)
    else
      dA_prev->noalias() = p.value(W_).transpose() * dZ;  // (n_{l-1} x m)
  }

  int units() const { return n_; }
  int inputs() const { return n_prev_; }
  int W_id() const { return W_; }
  int b_id() const { return b_; }  // -1 without a bias

 private:
  // C = alpha op(X) op(Y), op transposing when asked; C's shape gives M and N.
  static void product(bool trans_x, bool trans_y, T alpha, const ConstRef<T>& X,
                      const ConstRef<T>& Y, Ref<T> C) {
    const auto K = trans_x ? X.rows() : X.cols();
    kernels::sgemm(trans_x, trans_y, int(C.rows()), int(C.cols()), int(K), alpha, X.data(),
                   int(X.outerStride()), Y.data(), int(Y.outerStride()), 0.0f, C.data(),
                   int(C.outerStride()));
  }

  int n_prev_, n_;
  int W_, b_;  // ids in the parameter buffer
};

}  // namespace descent
