#pragma once
// Softmax cross-entropy for k classes, Y one-hot: (k x m).
//   J = -1/m sum_i sum_j y_ij log a_ij = 1/m sum_i [ logsumexp(z_i) - z_i,label ]
// The cost is computed from Z with the log-sum-exp trick (subtract the column maximum), so
// it stays finite where log(softmax) would underflow to log(0).
#include <cmath>

#include "core/types.h"

namespace descent {

struct SoftmaxCrossEntropy {
  // Z, A, Y: (k x m)
  template <class T>
  static double cost(const ConstRef<T>& Z, const ConstRef<T>& Y) {
    double sum = 0.0;
    for (Eigen::Index i = 0; i < Z.cols(); ++i) {
      const double z_max = Z.col(i).maxCoeff();
      double exp_sum = 0.0, z_label = 0.0;
      for (Eigen::Index j = 0; j < Z.rows(); ++j) {
        exp_sum += std::exp(double(Z(j, i)) - z_max);
        z_label += double(Y(j, i)) * double(Z(j, i));
      }
      sum += z_max + std::log(exp_sum) - z_label;
    }
    return sum / static_cast<double>(Z.cols());
  }

  // Fraction of examples whose most probable class is not the label.
  template <class T>
  static double error(const ConstRef<T>& A, const ConstRef<T>& Y) {
    Eigen::Index wrong = 0;
    for (Eigen::Index i = 0; i < A.cols(); ++i) {
      Eigen::Index predicted, label;
      A.col(i).maxCoeff(&predicted);
      Y.col(i).maxCoeff(&label);
      wrong += predicted != label;
    }
    return static_cast<double>(wrong) / static_cast<double>(A.cols());
  }

  // With a softmax output, dZ_L = m dJ/dZ_L = A - Y.
  template <class T>
  static void output_dZ(const ConstRef<T>& A, const ConstRef<T>& Y, Ref<T> dZ) {
    dZ = A - Y;
  }
};

}  // namespace descent
