// Inverted dropout: the mask keeps about keep_prob of the units, E[A] is unchanged, and
// backprop uses the same mask.
#include <gtest/gtest.h>

#include "layers/dropout.h"

using namespace descent;

TEST(Dropout, KeepsTheExpectedActivationAndReusesTheMask) {
  const int n = 50, m = 2000;
  const double keep_prob = 0.8;
  Dropout<double> dropout(keep_prob);
  dropout.reserve(n, m);
  Matrix<double> A = Matrix<double>::Constant(n, m, 3.0);
  Rng rng(4);
  dropout.forward(A, rng);
  const double kept = (A.array() != 0.0).cast<double>().mean();
  EXPECT_NEAR(kept, keep_prob, 0.005);
  EXPECT_NEAR(A.mean(), 3.0, 0.02);                      // E[A * D / keep_prob] = E[A]
  EXPECT_DOUBLE_EQ(A.maxCoeff(), 3.0 / keep_prob);       // kept units are scaled up
  Matrix<double> dA = Matrix<double>::Ones(n, m);
  dropout.backward(dA);
  EXPECT_TRUE(((dA.array() == 0.0) == (A.array() == 0.0)).all());  // the same mask
  EXPECT_DOUBLE_EQ(dA.maxCoeff(), 1.0 / keep_prob);
}
