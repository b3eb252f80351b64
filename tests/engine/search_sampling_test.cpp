// The samplers of a search (search/param_space.h): uniform in the coordinate of each scale,
// checked by chi-square against the uniform distribution, and the grids' values.
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

#include <gtest/gtest.h>

#include "core/rng.h"
#include "search/param_space.h"

using descent::Param;
using descent::Scale;

namespace {

constexpr int kSamples = 10000;

// Pearson's chi-square of counts against equal expected counts.
double chi_square(const std::vector<int>& counts) {
  double total = 0, chi2 = 0;
  for (int c : counts) total += c;
  const double expected = total / counts.size();
  for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
  return chi2;
}

// Counts of u = p.to_u(x) in `bins` equal bins of [u_lo, u_hi]; every x must lie in [min, max].
std::vector<int> histogram(const Param& p, int bins, double* mean_u = nullptr) {
  descent::Rng rng(42);
  std::vector<int> counts(static_cast<size_t>(bins), 0);
  double sum = 0;
  for (int i = 0; i < kSamples; ++i) {
    const double x = p.sample(rng);
    EXPECT_GE(x, p.min);
    EXPECT_LE(x, p.max);
    const double u = p.to_u(x);
    sum += u;
    const int b = std::min(bins - 1, static_cast<int>((u - p.u_lo()) / (p.u_hi() - p.u_lo()) * bins));
    ++counts[static_cast<size_t>(b)];
  }
  if (mean_u) *mean_u = sum / kSamples;
  return counts;
}

// How often each value comes up in kSamples draws (whole scales).
std::map<double, int> tally(const Param& p, uint64_t seed) {
  descent::Rng rng(seed);
  std::map<double, int> counts;
  for (int i = 0; i < kSamples; ++i) ++counts[p.sample(rng)];
  return counts;
}

std::vector<int> values_of(const std::map<double, int>& counts) {
  std::vector<int> c;
  for (const auto& [x, n] : counts) c.push_back(n);
  return c;
}

}  // namespace

TEST(SearchSampling, LogScaleExponentsAreUniform) {
  const Param lr{"learning_rate", 1e-4, 1e-1, Scale::log};
  double mean = 0;
  const std::vector<int> decades = histogram(lr, 3, &mean);
  const std::vector<int> fine = histogram(lr, 30);
  std::printf("decades %d %d %d, mean exponent %.4f, chi2(30 bins) %.1f\n", decades[0], decades[1], decades[2],
              mean, chi_square(fine));
  for (int c : decades) EXPECT_NEAR(c / double(kSamples), 1.0 / 3, 0.02);
  EXPECT_NEAR(mean, -2.5, 0.03);       // sd of the mean: 3 / sqrt(12 * 10000) = 0.009
  EXPECT_LT(chi_square(decades), 13.8);  // chi-square, 2 degrees of freedom, p = 0.001
  EXPECT_LT(chi_square(fine), 58.3);     // 29 degrees of freedom, p = 0.001
}

TEST(SearchSampling, OneMinusBetaIsLogUniformInsideTheRange) {
  const Param beta{"beta1", 0.9, 0.999, Scale::one_minus_log};
  EXPECT_NEAR(beta.u_lo(), -3.0, 1e-12);
  EXPECT_NEAR(beta.u_hi(), -1.0, 1e-12);
  double mean = 0;
  const std::vector<int> decades = histogram(beta, 2, &mean);  // 0.9..0.99 and 0.99..0.999
  const std::vector<int> fine = histogram(beta, 20);
  std::printf("beta in [0.9, 0.99): %d, [0.99, 0.999]: %d, mean log10(1 - beta) %.4f, chi2(20 bins) %.1f\n",
              decades[1], decades[0], mean, chi_square(fine));
  for (int c : decades) EXPECT_NEAR(c / double(kSamples), 0.5, 0.02);
  EXPECT_NEAR(mean, -2.0, 0.02);
  EXPECT_LT(chi_square(fine), 43.8);  // 19 degrees of freedom, p = 0.001
}

TEST(SearchSampling, Pow2GivesOnlyPowersOfTwoInRangeEquallyOften) {
  const std::map<double, int> counts = tally(Param{"batch_size", 10, 100, Scale::pow2}, 3);
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_TRUE(counts.count(16) && counts.count(32) && counts.count(64));
  EXPECT_LT(chi_square(values_of(counts)), 13.8);
}

TEST(SearchSampling, IntCoversEveryWholeValue) {
  const std::map<double, int> counts = tally(Param{"hidden_units", 4, 6, Scale::int_}, 5);
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_TRUE(counts.count(4) && counts.count(5) && counts.count(6));
  EXPECT_LT(chi_square(values_of(counts)), 13.8);
}

TEST(SearchSampling, GridValuesAreEvenOnTheScale) {
  const std::vector<double> lr = Param{"learning_rate", 1e-4, 1e-1, Scale::log}.grid(4);
  ASSERT_EQ(lr.size(), 4u);
  EXPECT_EQ(lr.front(), 1e-4);  // the ends exactly as asked
  EXPECT_EQ(lr.back(), 1e-1);
  EXPECT_NEAR(lr[1], 1e-3, 1e-15);
  EXPECT_NEAR(lr[2], 1e-2, 1e-15);

  const std::vector<double> beta = Param{"beta1", 0.9, 0.999, Scale::one_minus_log}.grid(3);
  ASSERT_EQ(beta.size(), 3u);
  EXPECT_EQ(beta[0], 0.9);
  EXPECT_NEAR(beta[1], 0.99, 1e-12);
  EXPECT_EQ(beta[2], 0.999);

  // 4, 4.5, 5, 5.5, 6 rounded and de-duplicated.
  EXPECT_EQ(Param({"hidden_units", 4, 6, Scale::int_}).grid(5), (std::vector<double>{4, 5, 6}));
  EXPECT_EQ(Param({"batch_size", 8, 64, Scale::pow2}).grid(4), (std::vector<double>{8, 16, 32, 64}));
  EXPECT_EQ(Param({"keep_prob", 0.5, 1.0, Scale::linear}).grid(3), (std::vector<double>{0.5, 0.75, 1.0}));
  EXPECT_EQ(Param({"keep_prob", 0.8, 0.8, Scale::linear}).grid(3), (std::vector<double>{0.8}));
}
