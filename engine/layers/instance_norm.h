#pragma once
// Instance normalisation (Ulyanov, Vedaldi & Lempitsky, "Instance Normalization", 2016):
// one mean and variance per example and per channel, over that channel's S positions;
// gamma and beta are per channel.
//   mu_cj = mean(Z_cj)   sigma_cj^2 = mean((Z_cj - mu_cj)^2)   (Z_cj: channel c of example j)
//   Z_hat = (Z - mu) / sqrt(sigma^2 + epsilon)                 Z_tilde = gamma * Z_hat + beta
// The statistics never mix examples, so training and inference compute the same thing.
// Shapes: n = C * S features per example, C channels of S positions, feature c*S + s;
//   m examples in the mini-batch.
//   Z, Z_hat, Z_tilde and their gradients: (n x m)   gamma, beta: (C x 1)   mu, sigma: (C x m)
//   Channel c of example j is the segment of rows c*S .. c*S + S - 1 of column j: (S).
#include <cmath>
#include <string>

#include "layers/parameters.h"

namespace descent {

template <class T>
class InstanceNorm {
 public:
  InstanceNorm(int l, int n, int channels, Parameters<T>& params, T epsilon)
      : n_(n), C_(channels), S_(n / channels), epsilon_(epsilon) {
    gamma_ = params.add("gamma" + std::to_string(l), C_, 1);
    beta_ = params.add("beta" + std::to_string(l), C_, 1);
  }

  void init(Parameters<T>& p) {
    p.value(gamma_).setOnes();
    p.value(beta_).setZero();
  }

  void reserve(int m_max) {
    Z_hat.resize(n_, m_max);
    inv_sigma_.resize(C_, m_max);
  }

  // Z (n x m) -> Z_tilde (n x m), the same in training and inference.
  void forward(const Parameters<T>& p, const ConstRef<T>& Z, Ref<T> Z_tilde, bool /*training*/) {
    const int m = static_cast<int>(Z.cols());
    auto gamma = p.value(gamma_);  // (C x 1)
    auto beta = p.value(beta_);    // (C x 1)
    m_ = m;
    for (int j = 0; j < m; ++j) {
      for (int c = 0; c < C_; ++c) {
        auto Z_cj = Z.col(j).segment(c * S_, S_);                // (S) channel c of example j
        auto Z_hat_cj = Z_hat.col(j).segment(c * S_, S_);        // (S)
        const T mu = Z_cj.mean();                                // mean over the positions
        Z_hat_cj.array() = Z_cj.array() - mu;                    // Z - mu
        const T var = Z_hat_cj.squaredNorm() / T(S_);            // sigma^2 = mean((Z - mu)^2)
        inv_sigma_(c, j) = T(1) / std::sqrt(var + epsilon_);     // 1 / sqrt(sigma^2 + epsilon)
        Z_hat_cj *= inv_sigma_(c, j);                            // Z_hat = (Z - mu) / sigma
        // Z_tilde = gamma * Z_hat + beta
        Z_tilde.col(j).segment(c * S_, S_).array() = gamma(c) * Z_hat_cj.array() + beta(c);
      }
    }
  }

  // dZ_tilde (n x m, m-scaled) -> dZ (n x m, m-scaled); dgamma, dbeta (C x 1) into p.grad.
  void backward(Parameters<T>& p, const ConstRef<T>& dZ_tilde, Ref<T> dZ) {
    const int m = m_;
    auto gamma = p.value(gamma_);  // (C x 1)
    auto dgamma = p.grad(gamma_);  // (C x 1)
    auto dbeta = p.grad(beta_);    // (C x 1)
    for (int c = 0; c < C_; ++c) {
      auto dZ_tilde_c = dZ_tilde.middleRows(c * S_, S_);        // (S x m) channel c, all examples
      auto Z_hat_c = Z_hat.block(c * S_, 0, S_, m);             // (S x m)
      dgamma(c) = (dZ_tilde_c.array() * Z_hat_c.array()).sum() / T(m);  // 1/m sum dZ~ * Z_hat
      dbeta(c) = dZ_tilde_c.sum() / T(m);                                // 1/m sum dZ~
      dZ.middleRows(c * S_, S_) = gamma(c) * dZ_tilde_c;        // dZ_hat = dZ~ * gamma
    }
    for (int j = 0; j < m; ++j) {
      for (int c = 0; c < C_; ++c) {
        auto dZ_cj = dZ.col(j).segment(c * S_, S_);              // (S) dZ_hat of channel c, example j
        auto Z_hat_cj = Z_hat.col(j).segment(c * S_, S_);        // (S)
        const T mean_dZ_hat = dZ_cj.mean();                                    // mean(dZ_hat)
        const T mean_dZ_hat_Z_hat = (dZ_cj.array() * Z_hat_cj.array()).mean();  // mean(dZ_hat * Z_hat)
        // dZ = 1/sigma * (dZ_hat - mean(dZ_hat) - Z_hat * mean(dZ_hat * Z_hat))
        dZ_cj.array() =
            inv_sigma_(c, j) * (dZ_cj.array() - mean_dZ_hat - Z_hat_cj.array() * mean_dZ_hat_Z_hat);
      }
    }
  }

  int gamma_id() const { return gamma_; }
  int beta_id() const { return beta_; }

  Matrix<T> Z_hat;  // cache: (n x m_max), Z normalised by the last forward

 private:
  int n_, C_, S_;
  T epsilon_;
  Matrix<T> inv_sigma_;         // (C x m_max): 1 / sqrt(sigma^2 + epsilon) per channel and example
  int gamma_ = -1, beta_ = -1;  // ids in the parameter buffer, (C x 1) each
  int m_ = 0;                   // batch size of the last forward
};

}  // namespace descent
