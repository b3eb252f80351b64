#pragma once
// Inverted dropout on a layer's activations, training only:
//   D = (rand < keep_prob); A = A * D / keep_prob
// The same mask scales dA in backprop; at inference nothing is dropped and, thanks to
// the division by keep_prob, E[A] is the same in both.
#include "core/rng.h"
#include "core/types.h"

namespace descent {

template <class T>
class Dropout {
 public:
  explicit Dropout(double keep_prob) : keep_prob_(keep_prob) {}

  void reserve(int n, int m_max) { D.resize(n, m_max); }

  // A: (n_l x m), in place.
  void forward(Ref<T> A, Rng& rng) {
    auto Dm = D.leftCols(A.cols());
    for (Eigen::Index j = 0; j < Dm.cols(); ++j)
      for (Eigen::Index i = 0; i < Dm.rows(); ++i)
        Dm(i, j) = rng.uniform() < keep_prob_ ? T(1 / keep_prob_) : T(0);  // D / keep_prob
    A.array() *= Dm.array();
  }

  // dA: (n_l x m), in place: dA = dA * D / keep_prob.
  void backward(Ref<T> dA) const { dA.array() *= D.leftCols(dA.cols()).array(); }

  double keep_prob() const { return keep_prob_; }

  Matrix<T> D;  // (n_l x m_max): the mask of the last forward pass, already divided by keep_prob

 private:
  double keep_prob_;
};

}  // namespace descent
