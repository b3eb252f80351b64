// Input normalisation: mu and sigma2 from the training set only (against loop-by-loop
// references of the course's formulas), a constant feature kept finite, one point normalised
// like the set, and no allocation in apply().
// Shapes: X (n_x x m).
#include "allocation_counter.h"

#include "data/normalize.h"

#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

#include "core/rng.h"

namespace {

using descent::Normalizer;
using descent::Rng;
using Mat = descent::Matrix<double>;
using Vec = descent::Vector<double>;

// m examples of 3 features: feature f ~ N(mean(f), sd(f)^2).
Mat gaussian(int m, const Vec& mean, const Vec& sd, uint64_t seed) {
  Rng rng(seed);
  Mat X(mean.size(), m);
  for (int j = 0; j < m; ++j)
    for (int f = 0; f < mean.size(); ++f) X(f, j) = mean(f) + sd(f) * rng.normal();
  return X;
}

Vec mean_of(const Mat& X) { return X.rowwise().mean(); }
Vec variance_of(const Mat& X) {
  return (X.colwise() - mean_of(X)).array().square().rowwise().mean();
}

}  // namespace

TEST(Normalizer, FitsTheCourseFormulasOnTheTrainingSet) {
  const Mat X = gaussian(50, Vec::LinSpaced(3, -2, 5), Vec::Constant(3, 1.5), 1);
  const Normalizer norm = descent::fit_normalizer(X);
  ASSERT_EQ(norm.features(), 3);
  for (int f = 0; f < 3; ++f) {
    double mu = 0, sigma2 = 0;  // mu = 1/m sum x, sigma2 = 1/m sum (x - mu)^2
    for (int j = 0; j < 50; ++j) mu += X(f, j) / 50;
    for (int j = 0; j < 50; ++j) sigma2 += (X(f, j) - mu) * (X(f, j) - mu) / 50;
    EXPECT_NEAR(norm.mu(f), mu, 1e-12);
    EXPECT_NEAR(norm.sigma2(f), sigma2, 1e-12);
  }
  EXPECT_EQ(norm.epsilon, 1e-8);
}

// Dev comes from a very different distribution: after apply, train has mean 0 and variance 1
// per feature, dev keeps its offset in units of the training std.
TEST(Normalizer, StatisticsComeFromTheTrainingSetOnly) {
  Vec train_mean(3), train_sd(3), dev_mean(3);
  train_mean << 3, -2, 100;
  train_sd << 2, 0.5, 10;
  dev_mean << 10, 10, -50;
  Mat train = gaussian(500, train_mean, train_sd, 2);
  Mat dev = gaussian(200, dev_mean, train_sd, 3);
  const Normalizer norm = descent::fit_normalizer(train);
  const Vec mu = norm.mu, sd = (norm.sigma2.array() + norm.epsilon).sqrt();
  const Vec dev_raw_mean = mean_of(dev);
  descent::apply(norm, train);
  descent::apply(norm, dev);
  EXPECT_LT(mean_of(train).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((variance_of(train).array() - 1).abs().maxCoeff(), 1e-6);  // 1 - eps / (sigma2 + eps)
  const Vec expected_dev_mean = (dev_raw_mean - mu).cwiseQuotient(sd);
  EXPECT_LT((mean_of(dev) - expected_dev_mean).cwiseAbs().maxCoeff(), 1e-9);
  EXPECT_GT(mean_of(dev).cwiseAbs().minCoeff(), 3.0);  // far from 0: not refitted on dev
}

TEST(Normalizer, ConstantFeatureStaysFinite) {
  Mat train(2, 4), dev(2, 1);
  train << 1, 2, 3, 4,
           5, 5, 5, 5;  // feature 1 is constant: sigma2 = 0
  dev << 2.5, 6;
  const Normalizer norm = descent::fit_normalizer(train);
  EXPECT_EQ(norm.sigma2(1), 0.0);
  descent::apply(norm, train);
  descent::apply(norm, dev);
  EXPECT_TRUE(train.allFinite());
  EXPECT_TRUE(dev.allFinite());
  EXPECT_EQ(train.row(1), Mat::Zero(1, 4));
  EXPECT_NEAR(dev(1, 0), 1.0 / std::sqrt(1e-8), 1e-6);  // (6 - 5) / sqrt(0 + eps)
}

TEST(Normalizer, OnePointIsNormalisedLikeTheSet) {
  Mat X = gaussian(30, Vec::Constant(3, 4), Vec::Constant(3, 2), 4);
  const Normalizer norm = descent::fit_normalizer(X);
  Vec point = X.col(7);
  Eigen::VectorXf point_f = X.col(7).cast<float>();
  Mat block = X.middleCols(5, 4);
  descent::apply(norm, X);
  descent::apply(norm, point);
  descent::apply(norm, point_f);
  descent::apply(norm, block.col(2));  // a column of a block: X's column 7
  EXPECT_EQ(point, X.col(7));
  EXPECT_LT((point_f.cast<double>() - X.col(7)).cwiseAbs().maxCoeff(), 1e-5);
  EXPECT_EQ(block.col(2), X.col(7));
}

TEST(Normalizer, RefusesTheWrongNumberOfFeaturesAndAnEmptySet) {
  const Normalizer norm = descent::fit_normalizer(Mat::Ones(3, 5));
  Mat X(2, 5);
  EXPECT_THROW(descent::apply(norm, X), std::invalid_argument);
  EXPECT_THROW(descent::fit_normalizer(Mat(3, 0)), std::invalid_argument);
}

TEST(Normalizer, ApplyDoesNotAllocate) {
  if (!descent_test::kCountsAllocations) GTEST_SKIP() << "no allocation counter in this build";
  Mat X = gaussian(64, Vec::Constant(3, 1), Vec::Constant(3, 2), 5);
  const Normalizer norm = descent::fit_normalizer(X);
  EXPECT_EQ(descent_test::allocations_during([&] { descent::apply(norm, X.leftCols(32)); }), 0);
}
