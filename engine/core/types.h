#pragma once
// Shapes, used in every comment of the engine:
//   n_x  number of input features       n_l  units in layer l (n_0 = n_x)
//   m    examples in the mini-batch     L    number of layers (the output layer is L)
// Data layout, never broken: every matrix is (features x batch), one column per example.
#include <Eigen/Core>

namespace descent {

template <class T>
using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;  // column-major
template <class T>
using Vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
template <class T>
using MatrixMap = Eigen::Map<Matrix<T>>;
template <class T>
using ConstMatrixMap = Eigen::Map<const Matrix<T>>;
template <class T>
using Ref = Eigen::Ref<Matrix<T>>;  // a view of the first m columns of a cache
template <class T>
using ConstRef = Eigen::Ref<const Matrix<T>>;

}  // namespace descent
