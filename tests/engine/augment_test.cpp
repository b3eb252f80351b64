// Augmentation of a mini-batch: flips against the mirrored image written out by hand, shifts
// against an out-of-place reference, jitter's std over many draws, and no allocation.
// Shapes: X (n_x x m), images channel-major, row by row: feature c*H*W + y*W + x.
#include "allocation_counter.h"

#include "data/augment.h"

#include <cmath>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

namespace {

using descent::AugmentSpec;
using descent::Rng;
using Mat = descent::Matrix<double>;
using Vec = descent::Vector<double>;

AugmentSpec flip_only() {
  AugmentSpec a;
  a.flip = true;
  return a;
}

// An asymmetric 3 x 4 image (one channel): pixel (y, x) = 4y + x + 1.
Vec image_3x4() { return Vec::LinSpaced(12, 1, 12); }

// The same image mirrored left-right, written out by hand.
Vec mirrored_3x4() {
  Vec v(12);
  v << 4, 3, 2, 1,
       8, 7, 6, 5,
       12, 11, 10, 9;
  return v;
}

// out(c, y, x) = in(c, y - dy, x - dx), 0 outside: the shift computed out of place.
Vec shifted(const Vec& in, int C, int H, int W, int dx, int dy) {
  Vec out = Vec::Zero(in.size());
  for (int c = 0; c < C; ++c)
    for (int y = 0; y < H; ++y)
      for (int x = 0; x < W; ++x) {
        const int y0 = y - dy, x0 = x - dx;
        if (y0 >= 0 && y0 < H && x0 >= 0 && x0 < W) out(c * H * W + y * W + x) = in(c * H * W + y0 * W + x0);
      }
  return out;
}

}  // namespace

TEST(Augment, FlipMirrorsAboutHalfTheExamplesExactly) {
  Mat X = image_3x4().replicate(1, 200);
  Rng rng(1);
  descent::augment<double>(X, flip_only(), 1, 3, 4, rng);
  int flipped = 0;
  for (int j = 0; j < X.cols(); ++j) {
    const bool same = X.col(j) == image_3x4(), mirrored = X.col(j) == mirrored_3x4();
    EXPECT_TRUE(same || mirrored) << "example " << j;
    flipped += mirrored;
  }
  EXPECT_GT(flipped, 70);  // Binomial(200, 1/2): 100 +- 7
  EXPECT_LT(flipped, 130);
}

TEST(Augment, FlipTwiceWithTheSameDrawsIsTheIdentity) {
  Mat X(24, 50);  // two channels of 3 x 4
  Rng fill(2);
  for (int j = 0; j < X.cols(); ++j)
    for (int i = 0; i < X.rows(); ++i) X(i, j) = fill.normal();
  const Mat X0 = X;
  Rng first(3), second(3);
  descent::augment<double>(X, flip_only(), 2, 3, 4, first);
  EXPECT_NE(X, X0);
  descent::augment<double>(X, flip_only(), 2, 3, 4, second);
  EXPECT_EQ(X, X0);
}

TEST(Augment, ShiftMovesABrightPixelAndFillsZeros) {
  const int H = 7, W = 9, shift = 2;
  Vec bright = Vec::Zero(H * W);
  bright(3 * W + 4) = 1;  // (y, x) = (3, 4)
  Mat X = bright.replicate(1, 100);
  AugmentSpec a;
  a.shift = shift;
  Rng rng(4), draws(4);  // draws: the same sequence, to know each example's (dx, dy)
  descent::augment<double>(X, a, 1, H, W, rng);
  for (int j = 0; j < X.cols(); ++j) {
    const int dx = static_cast<int>(draws.below(2 * shift + 1)) - shift;
    const int dy = static_cast<int>(draws.below(2 * shift + 1)) - shift;
    Vec expected = Vec::Zero(H * W);
    expected((3 + dy) * W + 4 + dx) = 1;
    EXPECT_EQ(X.col(j), expected) << "dx " << dx << " dy " << dy;
  }
}

// Every (dx, dy) in [-2, 2]^2 and beyond the edge, on two channels of distinct values: the
// in-place shift equals the out-of-place reference.
TEST(Augment, ShiftInPlaceMatchesTheReference) {
  const int C = 2, H = 5, W = 6;
  Vec image(C * H * W);
  for (int i = 0; i < image.size(); ++i) image(i) = i + 1;
  for (int shift : {2, 7}) {
    Mat X = image.replicate(1, 300);
    AugmentSpec a;
    a.shift = shift;
    Rng rng(5), draws(5);
    descent::augment<double>(X, a, C, H, W, rng);
    for (int j = 0; j < X.cols(); ++j) {
      const int dx = static_cast<int>(draws.below(2 * shift + 1)) - shift;
      const int dy = static_cast<int>(draws.below(2 * shift + 1)) - shift;
      EXPECT_EQ(X.col(j), shifted(image, C, H, W, dx, dy)) << "dx " << dx << " dy " << dy;
    }
  }
}

TEST(Augment, JitterHasTheRightStd) {
  Mat X = Mat::Constant(4, 20000, 3.0);
  AugmentSpec a;
  a.jitter = 0.3;
  Rng rng(6);
  descent::augment<double>(X, a, 0, 0, 0, rng);  // any inputs: no image shape needed
  const Mat noise = X.array() - 3.0;
  const double mean = noise.mean();
  const double std = std::sqrt((noise.array() - mean).square().mean());
  EXPECT_NEAR(mean, 0.0, 0.01);   // std of the mean: 0.3 / sqrt(80000) = 0.001
  EXPECT_NEAR(std, 0.3, 0.006);   // relative std of the std: 1 / sqrt(160000) = 0.25%
}

TEST(Augment, TouchesOnlyTheBatchColumns) {
  Mat cache = Mat::Ones(12, 10);
  AugmentSpec a;
  a.jitter = 1;
  Rng rng(7);
  descent::augment<double>(cache.leftCols(4), a, 0, 0, 0, rng);
  EXPECT_EQ(cache.rightCols(6), Mat::Ones(12, 6));
  EXPECT_TRUE((cache.leftCols(4).array() != 1.0).all());
}

TEST(Augment, FlipAndShiftNeedImages) {
  Mat X = Mat::Zero(2, 3);
  Rng rng(8);
  try {
    descent::augment<double>(X, flip_only(), 0, 0, 0, rng);
    FAIL() << "no error";
  } catch (const descent::SpecError& e) {
    EXPECT_EQ(std::string(e.what()),
              "augment.flip is true; allowed: only for image inputs (C x H x W = 0 x 0 x 0, the data has 2 features)");
  }
  AugmentSpec a;
  a.shift = 1;
  EXPECT_THROW(descent::augment<double>(X, a, 1, 1, 3, rng), descent::SpecError);
}

TEST(Augment, DoesNotAllocate) {
  if (!descent_test::kCountsAllocations) GTEST_SKIP() << "no allocation counter in this build";
  Eigen::MatrixXf X = Eigen::MatrixXf::Random(2 * 8 * 8, 64);
  AugmentSpec a;
  a.flip = true;
  a.shift = 2;
  a.jitter = 0.1;
  Rng rng(9);
  EXPECT_EQ(descent_test::allocations_during([&] { descent::augment<float>(X.leftCols(32), a, 2, 8, 8, rng); }), 0);
}
