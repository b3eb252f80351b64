// Losses: values by hand, the log(0) convention, and the stable softmax cross-entropy.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "activations/softmax.h"
#include "losses/loss.h"

using namespace descent;

TEST(Loss, BinaryCrossEntropyByHand) {
  Matrix<double> A(1, 2), Y(1, 2);
  A << 0.8, 0.3;
  Y << 1, 0;
  EXPECT_NEAR(BinaryCrossEntropy::cost<double>(A, Y), -(std::log(0.8) + std::log(0.7)) / 2, 1e-15);
  EXPECT_EQ(BinaryCrossEntropy::error<double>(A, Y), 0.0);
}

// The notebook convention: a saturated wrong output costs +inf (never NaN) and the
// accuracy is still computed.
TEST(Loss, SaturatedWrongOutputCostsInfinityNotNaN) {
  Matrix<float> A(1, 4), Y(1, 4);
  A << 1.0f, 0.0f, 1.0f, 0.0f;  // sigmoid saturated in float32
  Y << 1, 0, 0, 0;              // the third is confidently wrong
  const double J = BinaryCrossEntropy::cost<float>(A, Y);
  EXPECT_TRUE(std::isinf(J) && J > 0);
  EXPECT_DOUBLE_EQ(BinaryCrossEntropy::error<float>(A, Y), 0.25);
  Y << 1, 0, 1, 0;  // all right, saturated: cost 0, not NaN
  EXPECT_EQ(BinaryCrossEntropy::cost<float>(A, Y), 0.0);
}

TEST(Loss, SoftmaxCrossEntropyIsStableForHugeLogits) {
  Matrix<float> Z(3, 2), A(3, 2), Y = Matrix<float>::Zero(3, 2);
  Z << 1000, -1000,
       0, 0,
       -1000, 1000;
  Y(0, 0) = 1;  // right with certainty
  Y(0, 1) = 1;  // wrong by 2000 logits
  Softmax::value<float>(Z, A);
  EXPECT_TRUE(A.allFinite());
  EXPECT_NEAR(A.col(0).sum(), 1.0f, 1e-6f);
  const double J = SoftmaxCrossEntropy::cost<float>(Z, Y);
  EXPECT_NEAR(J, (0.0 + 2000.0) / 2, 1e-6);  // logsumexp - z_label, per example
  EXPECT_DOUBLE_EQ(SoftmaxCrossEntropy::error<float>(A, Y), 0.5);
}

TEST(Loss, SoftmaxCrossEntropyByHand) {
  Matrix<double> Z(2, 1), A(2, 1), Y(2, 1);
  Z << 1.0, 2.0;
  Y << 0.0, 1.0;
  Softmax::value<double>(Z, A);
  EXPECT_NEAR(A(1, 0), std::exp(2.0) / (std::exp(1.0) + std::exp(2.0)), 1e-15);
  EXPECT_NEAR(SoftmaxCrossEntropy::cost<double>(Z, Y), -std::log(A(1, 0)), 1e-15);
}

TEST(Loss, MeanSquaredErrorByHand) {
  Matrix<double> A(1, 3), Y(1, 3), dZ(1, 3);
  A << 1, 2, 3;
  Y << 1, 0, 6;
  EXPECT_NEAR(MeanSquaredError::cost<double>(A, Y), (0 + 4 + 9) / 3.0, 1e-15);
  MeanSquaredError::output_dZ<double>(A, Y, dZ);
  EXPECT_EQ(dZ(0, 2), -6.0);  // 2 (a - y)
}

TEST(Loss, FollowsTheOutputActivation) {
  EXPECT_EQ(loss_for(Activation::sigmoid), LossKind::binary_cross_entropy);
  EXPECT_EQ(loss_for(Activation::softmax), LossKind::softmax_cross_entropy);
  EXPECT_EQ(loss_for(Activation::linear), LossKind::mean_squared_error);
}
