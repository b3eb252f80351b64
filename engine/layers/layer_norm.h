#pragma once
// Layer normalisation (Ba, Kiros & Hinton, "Layer Normalization", 2016): one mean and
// variance per example, over its n features; gamma and beta are per feature.
//   mu_j = mean(Z_j)   sigma_j^2 = mean((Z_j - mu_j)^2)   (Z_j: column j, one example)
//   Z_hat = (Z - mu) / sqrt(sigma^2 + epsilon)            Z_tilde = gamma .* Z_hat + beta
// The statistics never mix examples, so training and inference compute the same thing.
// Shapes: n features per example, m examples in the mini-batch.
//   Z, Z_hat, Z_tilde and their gradients: (n x m)   gamma, beta: (n x 1)   mu, sigma: (m)
#include <cmath>
#include <string>

#include "layers/parameters.h"

namespace descent {

template <class T>
class LayerNorm {
 public:
  LayerNorm(int l, int n, Parameters<T>& params, T epsilon) : n_(n), epsilon_(epsilon) {
    gamma_ = params.add("gamma" + std::to_string(l), n_, 1);
    beta_ = params.add("beta" + std::to_string(l), n_, 1);
  }

  void init(Parameters<T>& p) {
    p.value(gamma_).setOnes();
    p.value(beta_).setZero();
  }

  void reserve(int m_max) {
    Z_hat.resize(n_, m_max);
    inv_sigma_.resize(m_max);
  }

  // Z (n x m) -> Z_tilde (n x m), the same in training and inference.
  void forward(const Parameters<T>& p, const ConstRef<T>& Z, Ref<T> Z_tilde, bool /*training*/) {
    const int m = static_cast<int>(Z.cols());
    auto gamma = p.value(gamma_).col(0);  // (n)
    auto beta = p.value(beta_).col(0);    // (n)
    m_ = m;
    for (int j = 0; j < m; ++j) {
      auto Z_j = Z.col(j);                                  // (n) one example
      auto Z_hat_j = Z_hat.col(j);                          // (n)
      const T mu = Z_j.mean();                              // mean over the features
      Z_hat_j.array() = Z_j.array() - mu;                   // Z - mu
      const T var = Z_hat_j.squaredNorm() / T(n_);          // sigma^2 = mean((Z - mu)^2)
      inv_sigma_(j) = T(1) / std::sqrt(var + epsilon_);     // 1 / sqrt(sigma^2 + epsilon)
      Z_hat_j *= inv_sigma_(j);                             // Z_hat = (Z - mu) / sigma
    }
    // Z_tilde = gamma .* Z_hat + beta, gamma and beta broadcast over the batch
    Z_tilde.array() = (Z_hat.leftCols(m).array().colwise() * gamma.array()).colwise() + beta.array();
  }

  // dZ_tilde (n x m, m-scaled) -> dZ (n x m, m-scaled); dgamma, dbeta (n x 1) into p.grad.
  void backward(Parameters<T>& p, const ConstRef<T>& dZ_tilde, Ref<T> dZ) {
    const int m = m_;
    auto gamma = p.value(gamma_).col(0);  // (n)
    auto Z_hat_m = Z_hat.leftCols(m);     // (n x m)
    // dgamma = 1/m sum over the batch of dZ~ .* Z_hat: (n x 1)
    p.grad(gamma_).col(0) = (dZ_tilde.array() * Z_hat_m.array()).rowwise().sum().matrix() / T(m);
    // dbeta = 1/m sum over the batch of dZ~: (n x 1)
    p.grad(beta_).col(0) = dZ_tilde.rowwise().sum() / T(m);
    // dZ_hat = dZ~ .* gamma
    dZ.array() = dZ_tilde.array().colwise() * gamma.array();
    for (int j = 0; j < m; ++j) {
      auto dZ_j = dZ.col(j);                                                   // (n) dZ_hat of example j
      auto Z_hat_j = Z_hat_m.col(j);                                           // (n)
      const T mean_dZ_hat = dZ_j.mean();                                       // mean(dZ_hat)
      const T mean_dZ_hat_Z_hat = (dZ_j.array() * Z_hat_j.array()).mean();    // mean(dZ_hat * Z_hat)
      // dZ = 1/sigma * (dZ_hat - mean(dZ_hat) - Z_hat * mean(dZ_hat * Z_hat))
      dZ_j.array() = inv_sigma_(j) * (dZ_j.array() - mean_dZ_hat - Z_hat_j.array() * mean_dZ_hat_Z_hat);
    }
  }

  int gamma_id() const { return gamma_; }
  int beta_id() const { return beta_; }

  Matrix<T> Z_hat;  // cache: (n x m_max), Z normalised by the last forward

 private:
  int n_;
  T epsilon_;
  Vector<T> inv_sigma_;         // (m_max): 1 / sqrt(sigma^2 + epsilon) of each example
  int gamma_ = -1, beta_ = -1;  // ids in the parameter buffer, (n x 1) each
  int m_ = 0;                   // batch size of the last forward
};

}  // namespace descent
