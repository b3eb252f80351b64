#pragma once
// What the normalisation tests share: a layer with its parameters, random batches, a naive
// loop-by-loop reference for forward and backward, and gradient checks that return the
// relative difference.
// Shapes: n = C * S features (C channels of S positions, feature c*S + s), m examples;
//   Z, R, Z_tilde, dZ: (n x m).
#include "allocation_counter.h"

#include "layers/normalization.h"

#include <cmath>
#include <iostream>
#include <optional>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/rng.h"

namespace {

using descent::NormKind;
using descent::Normalization;
using descent::Parameters;
using descent::Rng;
using Mat = descent::Matrix<double>;
using Vec = descent::Vector<double>;

constexpr double kEpsilon = 1e-5;  // the layers' epsilon (default)

// One layer's parameters and its normalisation, allocated, initialised and reserved.
struct NormLayer {
  Parameters<double> params;
  std::optional<Normalization<double>> norm;
  int n, C, S;

  NormLayer(NormKind kind, int n_, int channels, int m_max, double momentum = 0.9)
      : n(n_), C(channels), S(n_ / channels) {
    norm.emplace(kind, 1, n, channels, params, kEpsilon, momentum);
    params.allocate();
    norm->init(params);
    norm->reserve(m_max);
  }
  // Non-trivial gamma (around 1.5) and beta, so that a missing factor shows.
  void randomise_parameters(Rng& rng) {
    auto gamma = params.value(norm->gamma_id());
    auto beta = params.value(norm->beta_id());
    for (Eigen::Index i = 0; i < gamma.size(); ++i) gamma(i) = 1.5 + 0.5 * rng.normal();
    for (Eigen::Index i = 0; i < beta.size(); ++i) beta(i) = rng.normal();
  }
  Vec gamma() const { return params.value(norm->gamma_id()).col(0); }
  Vec beta() const { return params.value(norm->beta_id()).col(0); }
  // The parameter of feature i: per channel (batch, instance) or per feature (layer).
  int param_index(int i) const { return norm->kind() == NormKind::layer ? i : i / S; }

  Mat forward(const Mat& Z, bool training) {
    Mat Z_tilde(Z.rows(), Z.cols());
    norm->forward(params, Z, Z_tilde, training);
    return Z_tilde;
  }
};

// (rows x cols) of N(mean, scale^2) draws
Mat random_matrix(Rng& rng, int rows, int cols, double mean = 0.0, double scale = 1.0) {
  Mat M(rows, cols);
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i) M(i, j) = mean + scale * rng.normal();
  return M;
}

// A batch whose channels and examples sit at different means and scales, so that averaging
// over the wrong axis shows: Z(c*S + s, j) = 2 (c even) or -2 (c odd) + 0.5 j + (1 + c) noise.
Mat structured_batch(Rng& rng, int C, int S, int m) {
  Mat Z(C * S, m);
  for (int j = 0; j < m; ++j)
    for (int c = 0; c < C; ++c)
      for (int s = 0; s < S; ++s) Z(c * S + s, j) = (c % 2 ? -2.0 : 2.0) + 0.5 * j + (1 + c) * rng.normal();
  return Z;
}

double relative_difference(const Vec& approx, const Vec& exact) {
  return (approx - exact).norm() / (approx.norm() + exact.norm());
}

// ---- a naive reference: the groups each mode averages over, then loops -------------------------

using Cells = std::vector<std::pair<int, int>>;  // (feature, example) pairs of one group

std::vector<Cells> groups(NormKind kind, int C, int S, int m) {
  std::vector<Cells> out;
  if (kind == NormKind::batch)
    for (int c = 0; c < C; ++c) {
      Cells g;
      for (int j = 0; j < m; ++j)
        for (int s = 0; s < S; ++s) g.push_back({c * S + s, j});
      out.push_back(g);
    }
  if (kind == NormKind::layer)
    for (int j = 0; j < m; ++j) {
      Cells g;
      for (int i = 0; i < C * S; ++i) g.push_back({i, j});
      out.push_back(g);
    }
  if (kind == NormKind::instance)
    for (int j = 0; j < m; ++j)
      for (int c = 0; c < C; ++c) {
        Cells g;
        for (int s = 0; s < S; ++s) g.push_back({c * S + s, j});
        out.push_back(g);
      }
  return out;
}

// The mean and the biased variance of Z over a group.
std::pair<double, double> moments(const Mat& Z, const Cells& g) {
  double mu = 0, var = 0;
  for (auto [i, j] : g) mu += Z(i, j);
  mu /= g.size();
  for (auto [i, j] : g) var += (Z(i, j) - mu) * (Z(i, j) - mu);
  return {mu, var / g.size()};
}

Mat reference_forward(const NormLayer& s, const Mat& Z) {
  Mat Z_tilde(Z.rows(), Z.cols());
  const Vec gamma = s.gamma(), beta = s.beta();
  for (const Cells& g : groups(s.norm->kind(), s.C, s.S, int(Z.cols()))) {
    const auto [mu, var] = moments(Z, g);
    for (auto [i, j] : g)
      Z_tilde(i, j) = gamma(s.param_index(i)) * (Z(i, j) - mu) / std::sqrt(var + kEpsilon) +
                      beta(s.param_index(i));
  }
  return Z_tilde;
}

// dZ (m-scaled) from dZ_tilde = R, group by group:
// dZ = 1/sigma (dZ_hat - mean(dZ_hat) - Z_hat mean(dZ_hat Z_hat)); wrong drops the last term.
Mat reference_dZ(const NormLayer& s, const Mat& Z, const Mat& R, bool wrong) {
  Mat dZ(Z.rows(), Z.cols());
  const Vec gamma = s.gamma();
  for (const Cells& g : groups(s.norm->kind(), s.C, s.S, int(Z.cols()))) {
    const auto [mu, var] = moments(Z, g);
    const double sigma = std::sqrt(var + kEpsilon);
    double mean_dZ_hat = 0, mean_dZ_hat_Z_hat = 0;
    for (auto [i, j] : g) {
      const double dZ_hat = R(i, j) * gamma(s.param_index(i));
      mean_dZ_hat += dZ_hat / g.size();
      mean_dZ_hat_Z_hat += dZ_hat * (Z(i, j) - mu) / sigma / g.size();
    }
    for (auto [i, j] : g) {
      const double Z_hat = (Z(i, j) - mu) / sigma;
      const double dZ_hat = R(i, j) * gamma(s.param_index(i));
      dZ(i, j) = (dZ_hat - mean_dZ_hat - (wrong ? 0.0 : Z_hat * mean_dZ_hat_Z_hat)) / sigma;
    }
  }
  return dZ;
}

// ---- gradient checking ------------------------------------------------------------------------

// J = 1/m sum(R .* Z_tilde), so that dZ_tilde = m dJ/dZ_tilde = R.
double cost(NormLayer& s, const Mat& Z, const Mat& R, bool training) {
  return (R.array() * s.forward(Z, training).array()).sum() / double(Z.cols());
}

// [dJ/dZ (column-major); dJ/dtheta] by central differences of epsilon 1e-7.
Vec numerical_gradient(NormLayer& s, const Mat& Z, const Mat& R, bool training) {
  const double h = 1e-7;
  const Eigen::Index nZ = Z.size(), P = s.params.size();
  Vec d(nZ + P);
  Mat Zp = Z;
  for (Eigen::Index k = 0; k < nZ; ++k) {
    const double z = Zp(k);
    Zp(k) = z + h;
    const double J_plus = cost(s, Zp, R, training);
    Zp(k) = z - h;
    const double J_minus = cost(s, Zp, R, training);
    Zp(k) = z;
    d(k) = (J_plus - J_minus) / (2 * h);
  }
  for (Eigen::Index k = 0; k < P; ++k) {
    const double theta = s.params.theta(k);
    s.params.theta(k) = theta + h;
    const double J_plus = cost(s, Z, R, training);
    s.params.theta(k) = theta - h;
    const double J_minus = cost(s, Z, R, training);
    s.params.theta(k) = theta;
    d(nZ + k) = (J_plus - J_minus) / (2 * h);
  }
  return d;
}

// [dJ/dZ; dJ/dtheta] from a given m-scaled dZ and the parameter gradients in the buffer.
Vec stack(const Mat& dZ_scaled, const Vec& dtheta) {
  Vec d(dZ_scaled.size() + dtheta.size());
  d << Eigen::Map<const Vec>(dZ_scaled.data(), dZ_scaled.size()) / double(dZ_scaled.cols()), dtheta;
  return d;
}

// The layer's backward for dZ_tilde = R, after a forward on Z.
Vec analytic_gradient(NormLayer& s, const Mat& Z, const Mat& R, bool training, Mat* dZ_out = nullptr) {
  s.forward(Z, training);
  Mat dZ(Z.rows(), Z.cols());
  s.norm->backward(s.params, R, dZ);
  if (dZ_out) *dZ_out = dZ;
  return stack(dZ, s.params.dtheta);
}

double gradient_check(NormLayer& s, const Mat& Z, const Mat& R, bool training = true) {
  const Vec analytic = analytic_gradient(s, Z, R, training);
  return relative_difference(numerical_gradient(s, Z, R, training), analytic);
}

struct Case {
  const char* name;
  NormKind kind;
  int n, channels;
};
const Case kCases[] = {
    {"batch norm (C = 2, S = 3)", NormKind::batch, 6, 2},
    {"batch norm (dense: C = n, S = 1)", NormKind::batch, 6, 6},
    {"layer norm", NormKind::layer, 6, 6},
    {"instance norm (C = 2, S = 3)", NormKind::instance, 6, 2},
};

}  // namespace
