#pragma once
// Binary cross-entropy on a sigmoid output, labels y in {0, 1}:
//   J = -1/m sum_i [ y log a + (1 - y) log(1 - a) ]
// Each example contributes only the log of the probability given to its own label, so a
// saturated wrong output gives log(0) = -inf and the cost is +inf (the course's notebook
// convention), never 0 * inf = NaN. Accumulated in double whatever the scalar type.
#include <algorithm>
#include <cmath>

#include "core/types.h"

namespace descent {

struct BinaryCrossEntropy {
  // A, Y: (1 x m)
  template <class T>
  static double cost(const ConstRef<T>& A, const ConstRef<T>& Y) {
    double sum = 0.0;
    for (Eigen::Index i = 0; i < A.cols(); ++i) {
      const double a = A(0, i);
      sum += Y(0, i) > T(0.5) ? std::log(a) : std::log1p(-a);
    }
    return -sum / static_cast<double>(A.cols());
  }

  // The same cost computed stably from Z = logit: max(z, 0) - z y + log(1 + e^-|z|). Finite
  // whenever Z is: the trainer watches it to tell real divergence from saturation.
  template <class T>
  static double stable_cost(const ConstRef<T>& Z, const ConstRef<T>& Y) {
    double sum = 0.0;
    for (Eigen::Index i = 0; i < Z.cols(); ++i) {
      const double z = Z(0, i), y = Y(0, i);
      sum += std::max(z, 0.0) - z * y + std::log1p(std::exp(-std::abs(z)));
    }
    return sum / static_cast<double>(Z.cols());
  }

  // Fraction of examples whose prediction (a > 0.5) differs from the label.
  template <class T>
  static double error(const ConstRef<T>& A, const ConstRef<T>& Y) {
    Eigen::Index wrong = 0;
    for (Eigen::Index i = 0; i < A.cols(); ++i) wrong += (A(0, i) > T(0.5)) != (Y(0, i) > T(0.5));
    return static_cast<double>(wrong) / static_cast<double>(A.cols());
  }

  // With a sigmoid output, dZ_L = m dJ/dZ_L = A - Y.
  template <class T>
  static void output_dZ(const ConstRef<T>& A, const ConstRef<T>& Y, Ref<T> dZ) {
    dZ = A - Y;
  }
};

}  // namespace descent
