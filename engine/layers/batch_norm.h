#pragma once
// Batch normalisation (Ioffe & Szegedy, "Batch Normalization", 2015), as in the course:
// one mean and variance per channel, over the S positions of that channel in all m examples.
//   mu = mean(Z_c)   sigma^2 = mean((Z_c - mu)^2)   (biased, as the course)
//   Z_hat = (Z - mu) / sqrt(sigma^2 + epsilon)      Z_tilde = gamma * Z_hat + beta
// In inference the running averages of mu and sigma^2 take the place of the batch's.
// Shapes: n = C * S features per example, C channels of S positions, feature c*S + s
//   (a dense layer has C = n, S = 1);  m examples in the mini-batch.
//   Z, Z_hat, Z_tilde and their gradients: (n x m)   gamma, beta, mu, sigma^2: (C x 1)
//   Channel c of every example is the block of rows c*S .. c*S + S - 1: (S x m).
#include <cmath>
#include <string>

#include "layers/parameters.h"

namespace descent {

template <class T>
class BatchNorm {
 public:
  BatchNorm(int l, int n, int channels, Parameters<T>& params, T epsilon, T momentum)
      : n_(n), C_(channels), S_(n / channels), epsilon_(epsilon), momentum_(momentum),
        mu_run_(Vector<T>::Zero(channels)), var_run_(Vector<T>::Ones(channels)),
        inv_sigma_(Vector<T>::Ones(channels)) {
    gamma_ = params.add("gamma" + std::to_string(l), C_, 1);
    beta_ = params.add("beta" + std::to_string(l), C_, 1);
  }

  void init(Parameters<T>& p) {
    p.value(gamma_).setOnes();
    p.value(beta_).setZero();
    mu_run_.setZero();
    var_run_.setOnes();
  }

  void reserve(int m_max) { Z_hat.resize(n_, m_max); }

  // Z (n x m) -> Z_tilde (n x m). Training: this batch's statistics, and the running averages
  // move towards them; inference: the running averages.
  void forward(const Parameters<T>& p, const ConstRef<T>& Z, Ref<T> Z_tilde, bool training) {
    const int m = static_cast<int>(Z.cols());
    auto gamma = p.value(gamma_);  // (C x 1)
    auto beta = p.value(beta_);    // (C x 1)
    batch_statistics_ = training;
    m_ = m;
    for (int c = 0; c < C_; ++c) {
      auto Z_c = Z.middleRows(c * S_, S_);                    // (S x m)
      auto Z_hat_c = Z_hat.block(c * S_, 0, S_, m);           // (S x m)
      const T mu = training ? Z_c.mean() : mu_run_(c);        // mean over positions and batch
      Z_hat_c.array() = Z_c.array() - mu;                     // Z - mu
      const T var = training ? Z_hat_c.squaredNorm() / T(S_ * m) : var_run_(c);  // mean((Z - mu)^2)
      if (training) {
        mu_run_(c) = momentum_ * mu_run_(c) + (T(1) - momentum_) * mu;    // running mean
        var_run_(c) = momentum_ * var_run_(c) + (T(1) - momentum_) * var;  // running variance
      }
      inv_sigma_(c) = T(1) / std::sqrt(var + epsilon_);       // 1 / sqrt(sigma^2 + epsilon)
      Z_hat_c *= inv_sigma_(c);                               // Z_hat = (Z - mu) / sigma
      // Z_tilde = gamma * Z_hat + beta
      Z_tilde.middleRows(c * S_, S_).array() = gamma(c) * Z_hat_c.array() + beta(c);
    }
  }

  // dZ_tilde (n x m, m-scaled) -> dZ (n x m, m-scaled); dgamma, dbeta (C x 1) into p.grad.
  // After a training forward mu and sigma depend on Z, which gives the two mean terms;
  // after an inference forward they are constants and dZ = dZ_hat / sigma.
  void backward(Parameters<T>& p, const ConstRef<T>& dZ_tilde, Ref<T> dZ) {
    const int m = m_;
    auto gamma = p.value(gamma_);  // (C x 1)
    auto dgamma = p.grad(gamma_);  // (C x 1)
    auto dbeta = p.grad(beta_);    // (C x 1)
    for (int c = 0; c < C_; ++c) {
      auto dZ_tilde_c = dZ_tilde.middleRows(c * S_, S_);      // (S x m)
      auto Z_hat_c = Z_hat.block(c * S_, 0, S_, m);           // (S x m)
      auto dZ_c = dZ.middleRows(c * S_, S_);                  // (S x m)
      dgamma(c) = (dZ_tilde_c.array() * Z_hat_c.array()).sum() / T(m);  // 1/m sum dZ~ * Z_hat
      dbeta(c) = dZ_tilde_c.sum() / T(m);                                // 1/m sum dZ~
      dZ_c = gamma(c) * dZ_tilde_c;                           // dZ_hat = dZ~ * gamma
      if (!batch_statistics_) {
        dZ_c *= inv_sigma_(c);                                // dZ = dZ_hat / sigma
        continue;
      }
      const T mean_dZ_hat = dZ_c.mean();                                     // mean(dZ_hat)
      const T mean_dZ_hat_Z_hat = (dZ_c.array() * Z_hat_c.array()).mean();  // mean(dZ_hat * Z_hat)
      // dZ = 1/sigma * (dZ_hat - mean(dZ_hat) - Z_hat * mean(dZ_hat * Z_hat))
      dZ_c.array() = inv_sigma_(c) * (dZ_c.array() - mean_dZ_hat - Z_hat_c.array() * mean_dZ_hat_Z_hat);
    }
  }

  int gamma_id() const { return gamma_; }
  int beta_id() const { return beta_; }
  const Vector<T>& running_mean() const { return mu_run_; }  // (C)
  const Vector<T>& running_var() const { return var_run_; }   // (C)

  Matrix<T> Z_hat;  // cache: (n x m_max), Z normalised by the last forward

 private:
  int n_, C_, S_;
  T epsilon_, momentum_;
  Vector<T> mu_run_, var_run_;  // (C): running averages of mu and sigma^2
  Vector<T> inv_sigma_;         // (C): 1 / sqrt(sigma^2 + epsilon) of the last forward
  int gamma_ = -1, beta_ = -1;  // ids in the parameter buffer, (C x 1) each
  int m_ = 0;                   // batch size of the last forward
  bool batch_statistics_ = true;  // whether the last forward used the batch's statistics
};

}  // namespace descent
