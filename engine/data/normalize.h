#pragma once
// Input normalisation, fitted on the training set only and applied to every set, batch and
// point (the decision boundary's grid included), so all of them go through the same map.
//   n_x: input features   m: examples (columns)
// The course's formulas ("Normalizing inputs"):
//   mu = 1/m sum_i x^(i)                     sigma2 = 1/m sum_i (x^(i) - mu)^2  (elementwise)
//   x_norm = (x - mu) / sqrt(sigma2 + epsilon)
// epsilon = 1e-8 keeps a constant feature (sigma2 = 0) finite: it becomes (x - mu) * 1e4,
// which is 0 on the training set.
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/types.h"

namespace descent {

struct Normalizer {
  Vector<double> mu;      // (n_x): per-feature mean of the training set
  Vector<double> sigma2;  // (n_x): per-feature variance of the training set (1/m, not 1/(m-1))
  double epsilon = 1e-8;  // added to sigma2 before the square root

  int features() const { return static_cast<int>(mu.size()); }
};

// mu and sigma2 of X_train (n_x x m_train, m_train >= 1) by the formulas above.
// Throws std::invalid_argument when X_train has no column.
inline Normalizer fit_normalizer(const Matrix<double>& X_train) {
  if (X_train.cols() < 1) throw std::invalid_argument("[fit_normalizer]: the training set is empty");
  Normalizer norm;
  norm.mu = X_train.rowwise().mean();  // mu = 1/m sum_i x^(i)
  norm.sigma2 =                        // sigma2 = 1/m sum_i (x^(i) - mu)^2
      (X_train.colwise() - norm.mu).array().square().rowwise().mean().matrix();
  return norm;
}

namespace normalize_detail {

template <class T>
void apply(const Normalizer& norm, Ref<T> X) {  // X: (n_x x m)
  if (X.rows() != norm.mu.size())
    throw std::invalid_argument("[Normalizer]: the inputs have " + std::to_string(X.rows()) +
                                " features, the training set had " + std::to_string(norm.mu.size()));
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    const double mu = norm.mu(i);
    const double inv_sd = 1.0 / std::sqrt(norm.sigma2(i) + norm.epsilon);  // 1 / sqrt(sigma2 + eps)
    for (Eigen::Index j = 0; j < X.cols(); ++j)
      X(i, j) = static_cast<T>((static_cast<double>(X(i, j)) - mu) * inv_sd);
  }
}

}  // namespace normalize_detail

// x_norm = (x - mu) / sqrt(sigma2 + epsilon) for every column of X (n_x x m), in place and
// without allocating. X may be a set, a batch, a block of columns or one point (a Vector),
// in double or float. Throws std::invalid_argument when X has not n_x rows.
inline void apply(const Normalizer& norm, Ref<double> X) { normalize_detail::apply<double>(norm, X); }
inline void apply(const Normalizer& norm, Ref<float> X) { normalize_detail::apply<float>(norm, X); }

}  // namespace descent
