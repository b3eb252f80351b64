// Train/dev/test splits: sizes by ratios and counts, every example in exactly one set, the
// same seed giving the same split (and the old two-ratio split unchanged), stratified shares,
// error messages, and dev/test moved away from train by the three mismatches.
// Shapes: X (n_x x m), Y (1 x m). Examples are tagged by feature 0 = their index in the whole set.
#include "data/split.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "spec/spec_error.h"

namespace {

using descent::Dataset;
using descent::Mismatch;
using descent::Rng;
using descent::SpecError;
using descent::Splits;
using descent::split_dataset;
using descent::SplitSpec;
using Mat = descent::Matrix<double>;
using Vec = descent::Vector<double>;

// m examples of k classes of growing sizes (example i has class floor(k (i/m)^2));
// feature 0 is the example's index, feature 1 its label times 10.
Dataset tagged(int m, int k) {
  Dataset d;
  d.classes = k;
  d.X.resize(2, m);
  d.Y.resize(1, m);
  for (int i = 0; i < m; ++i) {
    const double u = static_cast<double>(i) / m;
    const int c = std::min(k - 1, static_cast<int>(k * u * u));
    d.X(0, i) = i;
    d.X(1, i) = 10.0 * c;
    d.Y(0, i) = c;
  }
  return d;
}

// m examples of n_x standard normal features; Y = the index (a regression), the tag.
Dataset gaussian(int m, int n_x, uint64_t seed) {
  Rng rng(seed);
  Dataset d;
  d.classes = 0;
  d.X.resize(n_x, m);
  d.Y.resize(1, m);
  for (int i = 0; i < m; ++i) {
    for (int f = 0; f < n_x; ++f) d.X(f, i) = 3.0 * f + (1.0 + f) * rng.normal();
    d.Y(0, i) = i;
  }
  return d;
}

SplitSpec ratios(double train, double dev, double test) {
  SplitSpec s;
  s.train = train;
  s.dev = dev;
  s.test = test;
  return s;
}

SplitSpec counts(int dev, int test) {
  SplitSpec s;
  s.use_counts = true;
  s.dev_count = dev;
  s.test_count = test;
  return s;
}

Splits split(const Dataset& all, const SplitSpec& s, uint64_t seed = 7) {
  Rng rng(seed);
  return split_dataset(all, s, rng);
}

std::vector<int> sizes(const Splits& s) { return {s.train.size(), s.dev.size(), s.test.size()}; }

// The message of the SpecError that splitting throws, or "".
std::string error_of(const Dataset& all, const SplitSpec& s) {
  try {
    split(all, s);
  } catch (const SpecError& e) {
    return e.what();
  }
  return "";
}

// Every example of `all` in exactly one set, with its own label.
void expect_partition(const Dataset& all, const Splits& s) {
  std::vector<int> seen;
  for (const Dataset* d : {&s.train, &s.dev, &s.test})
    for (int j = 0; j < d->size(); ++j) {
      const int i = static_cast<int>(d->X(0, j));
      ASSERT_EQ(d->X.col(j), all.X.col(i));
      ASSERT_EQ(d->Y(0, j), all.Y(0, i));
      seen.push_back(i);
    }
  std::sort(seen.begin(), seen.end());
  std::vector<int> every(all.size());
  std::iota(every.begin(), every.end(), 0);
  EXPECT_EQ(seen, every);
}

// Each class's count in each set is within 1 of its exact share m_c * n_set / m.
void expect_stratified(const Dataset& all, const Splits& s) {
  const int k = all.classes, m = all.size();
  std::vector<int> m_c(k, 0);
  for (int i = 0; i < m; ++i) ++m_c[static_cast<int>(all.Y(0, i))];
  for (const Dataset* d : {&s.train, &s.dev, &s.test}) {
    std::vector<int> n_c(k, 0);
    for (int j = 0; j < d->size(); ++j) ++n_c[static_cast<int>(d->Y(0, j))];
    for (int c = 0; c < k; ++c) {
      const double share = static_cast<double>(m_c[c]) * d->size() / m;
      EXPECT_LT(std::abs(n_c[c] - share), 1.0) << "class " << c << " set of " << d->size();
    }
  }
}

}  // namespace

TEST(Split, RatioSizes) {
  EXPECT_EQ(sizes(split(tagged(1000, 2), ratios(0.6, 0.2, 0.2))), (std::vector<int>{600, 200, 200}));
  // digits: 1797 examples, 98/1/1: dev = test = round(17.97) = 18.
  EXPECT_EQ(sizes(split(tagged(1797, 10), ratios(0.98, 0.01, 0.01))), (std::vector<int>{1761, 18, 18}));
  EXPECT_EQ(sizes(split(tagged(10, 2), ratios(1.0, 0.0, 0.0))), (std::vector<int>{10, 0, 0}));
}

TEST(Split, CountSizes) {
  EXPECT_EQ(sizes(split(tagged(1797, 10), counts(100, 50))), (std::vector<int>{1647, 100, 50}));
  EXPECT_EQ(sizes(split(tagged(5, 2), counts(0, 4))), (std::vector<int>{1, 0, 4}));
}

TEST(Split, EveryExampleInExactlyOneSet) {
  const Dataset all = tagged(1797, 10);
  expect_partition(all, split(all, ratios(0.6, 0.2, 0.2)));
  expect_partition(all, split(all, ratios(0.98, 0.01, 0.01)));
  expect_partition(all, split(all, counts(300, 7)));
  SplitSpec s = ratios(0.6, 0.2, 0.2);
  s.stratify = true;
  expect_partition(all, split(all, s));
}

TEST(Split, SameSeedSameSplit) {
  const Dataset all = tagged(500, 3);
  for (bool stratify : {false, true}) {
    SplitSpec s = ratios(0.6, 0.2, 0.2);
    s.stratify = stratify;
    const Splits a = split(all, s, 11), b = split(all, s, 11), c = split(all, s, 12);
    EXPECT_EQ(a.train.X, b.train.X);
    EXPECT_EQ(a.dev.X, b.dev.X);
    EXPECT_EQ(a.test.X, b.test.X);
    EXPECT_NE(a.train.X, c.train.X);
  }
}

// The two-ratio split as it was: one shuffle, then train, dev and test in turn. Other tests
// (and saved runs) depend on it, so the new split must give the same sets.
TEST(Split, TwoRatioSplitIsUnchanged) {
  const Dataset all = tagged(401, 2);
  Rng ref_rng(3);
  std::vector<int> order(all.size());
  std::iota(order.begin(), order.end(), 0);
  ref_rng.shuffle(order.begin(), order.end());
  const int n_dev = static_cast<int>(std::lround(0.25 * 401)), n_test = static_cast<int>(std::lround(0.15 * 401));
  const int n_train = 401 - n_dev - n_test;

  Rng old_rng(3), new_rng(3);
  const Splits old_api = split_dataset(all, 0.25, 0.15, old_rng);
  const Splits new_api = split_dataset(all, ratios(0.6, 0.25, 0.15), new_rng);
  for (const Splits* s : {&old_api, &new_api}) {
    ASSERT_EQ(sizes(*s), (std::vector<int>{n_train, n_dev, n_test}));
    for (int j = 0; j < n_train; ++j) EXPECT_EQ(s->train.X(0, j), order[j]);
    for (int j = 0; j < n_dev; ++j) EXPECT_EQ(s->dev.X(0, j), order[n_train + j]);
    for (int j = 0; j < n_test; ++j) EXPECT_EQ(s->test.X(0, j), order[n_train + n_dev + j]);
  }
  EXPECT_EQ(old_rng.next_u64(), ref_rng.next_u64());  // the same number of draws
}

TEST(Split, SetsKeepClassesNamesAndImageShape) {
  Dataset all = tagged(12, 3);
  all.feature_names = {"index", "label"};
  all.class_names = {"a", "b", "c"};
  all.channels = 1, all.height = 1, all.width = 2;
  const Splits s = split(all, ratios(0.5, 0.25, 0.25));
  for (const Dataset* d : {&s.train, &s.dev, &s.test}) {
    EXPECT_EQ(d->classes, 3);
    EXPECT_EQ(d->feature_names, all.feature_names);
    EXPECT_EQ(d->class_names, all.class_names);
    EXPECT_EQ(d->channels, 1);
    EXPECT_EQ(d->height, 1);
    EXPECT_EQ(d->width, 2);
  }
}

TEST(Split, StratifiedGivesEachSetItsShareOfEveryClass) {
  const Dataset digits = tagged(1797, 10);
  for (const SplitSpec& base : {ratios(0.6, 0.2, 0.2), ratios(0.98, 0.01, 0.01), counts(100, 37)}) {
    SplitSpec s = base;
    s.stratify = true;
    const Splits out = split(digits, s);
    const Splits plain = split(digits, base);
    EXPECT_EQ(sizes(out), sizes(plain));  // the same sizes as unstratified
    expect_stratified(digits, out);
  }
}

// Many small tables, where rounding each class's share in each set is tight (classes of one
// example, a training set of one): the shares stay within 1 and the sizes exact.
TEST(Split, StratifiedRoundingAlwaysExists) {
  Rng pick(5);
  for (int trial = 0; trial < 300; ++trial) {
    const int m = 3 + static_cast<int>(pick.below(40));
    const int k = 1 + static_cast<int>(pick.below(std::min(m, 8)));
    Dataset all = tagged(m, k);
    for (int i = 0; i < m; ++i) all.Y(0, i) = i < k ? i : static_cast<double>(pick.below(k));  // every class
    const int n_dev = static_cast<int>(pick.below(m)), n_test = static_cast<int>(pick.below(m - n_dev));
    SplitSpec s = counts(n_dev, n_test);
    s.stratify = true;
    const Splits out = split(all, s, trial);
    ASSERT_EQ(sizes(out), (std::vector<int>{m - n_dev - n_test, n_dev, n_test}));
    expect_partition(all, out);
    expect_stratified(all, out);
  }
}

TEST(Split, ErrorsNameTheFieldAndTheSizes) {
  const Dataset all = tagged(1797, 10);
  EXPECT_EQ(error_of(all, counts(2000, 0)), "split.dev_count is 2000; allowed: 0 to the number of examples, 1797");
  EXPECT_EQ(error_of(all, counts(0, -1)), "split.test_count is -1; allowed: 0 to the number of examples, 1797");
  EXPECT_EQ(error_of(all, counts(1000, 797)),
            "split.train is 0 examples (1797 - 1000 dev - 797 test); allowed: at least one training example");
  EXPECT_EQ(error_of(tagged(3, 2), ratios(0.0, 0.5, 0.5)),
            "split.train is -1 examples (3 - 2 dev - 2 test); allowed: at least one training example");
  EXPECT_EQ(error_of(all, ratios(1.1, -0.1, 0.0)), "split.dev is -0.100000; allowed: a ratio from 0 to 1");
  SplitSpec s = ratios(0.6, 0.2, 0.2);
  s.stratify = true;
  EXPECT_EQ(error_of(gaussian(50, 2, 1), s),
            "split.stratify is true; allowed: only for a classification (the data is a regression)");
  s.stratify = false;
  s.mismatch = Mismatch::rotate;
  EXPECT_EQ(error_of(gaussian(50, 3, 1), s), "split.mismatch is rotate; rotate needs 2 features, the data has 3");
}

namespace {

// The split with and without a mismatch, from the same seed.
struct Mismatched {
  Splits plain, moved;
  Vec mu, sd;  // (n_x): the training set's mean and std (1/m)
};

Mismatched mismatched(const Dataset& all, Mismatch kind, double amount) {
  SplitSpec s = ratios(0.5, 0.25, 0.25);
  Mismatched r{split(all, s), {}, {}, {}};
  s.mismatch = kind;
  s.mismatch_amount = amount;
  r.moved = split(all, s);
  const Mat& X = r.plain.train.X;
  r.mu = X.rowwise().mean();
  r.sd = ((X.colwise() - r.mu).array().square().rowwise().mean()).sqrt().matrix();
  EXPECT_EQ(r.moved.train.X, r.plain.train.X);  // train untouched
  EXPECT_EQ(r.moved.dev.Y, r.plain.dev.Y);      // the same examples in each set
  EXPECT_EQ(r.moved.test.Y, r.plain.test.Y);
  return r;
}

}  // namespace

TEST(Split, ShiftMovesDevAndTestMeansByAmountTimesStd) {
  const Mismatched r = mismatched(gaussian(2000, 3, 4), Mismatch::shift, 0.5);
  for (const auto& [plain, moved] : {std::pair{&r.plain.dev, &r.moved.dev}, std::pair{&r.plain.test, &r.moved.test}}) {
    const Vec moved_by = moved->X.rowwise().mean() - plain->X.rowwise().mean();
    EXPECT_LT((moved_by - 0.5 * r.sd).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_GT(r.sd(2), 2.5);  // feature 2 has std 3: moved by about 1.5
  }
}

TEST(Split, RotateTurnsAboutTheTrainingMeanKeepingNorms) {
  const double a = 0.7;
  const Mismatched r = mismatched(gaussian(400, 2, 4), Mismatch::rotate, a);
  for (const auto& [plain, moved] : {std::pair{&r.plain.dev, &r.moved.dev}, std::pair{&r.plain.test, &r.moved.test}})
    for (int j = 0; j < plain->size(); ++j) {
      const Vec v = plain->X.col(j) - r.mu, w = moved->X.col(j) - r.mu;
      EXPECT_NEAR(w.norm(), v.norm(), 1e-12);
      EXPECT_NEAR(v.dot(w), v.squaredNorm() * std::cos(a), 1e-12);               // the angle
      EXPECT_NEAR(v(0) * w(1) - v(1) * w(0), v.squaredNorm() * std::sin(a), 1e-12);  // counter-clockwise
    }
}

TEST(Split, NoiseAddsGaussianNoiseOfAmountTimesStd) {
  const double a = 0.8;
  const Mismatched r = mismatched(gaussian(20000, 2, 4), Mismatch::noise, a);
  const Mat noise = r.moved.dev.X - r.plain.dev.X;  // (n_x x m_dev): N(0, (a * std_j)^2) expected
  const Vec mean = noise.rowwise().mean();
  const Vec std = (noise.colwise() - mean).array().square().rowwise().mean().sqrt();
  for (int f = 0; f < 2; ++f) {
    EXPECT_NEAR(mean(f), 0.0, 0.05 * a * r.sd(f)) << "feature " << f;
    EXPECT_NEAR(std(f), a * r.sd(f), 0.04 * a * r.sd(f)) << "feature " << f;
  }
  const auto variance = [](const Mat& X) -> Vec {
    return (X.colwise() - X.rowwise().mean()).array().square().rowwise().mean();
  };
  for (const auto& [plain, moved] : {std::pair{&r.plain.dev, &r.moved.dev}, std::pair{&r.plain.test, &r.moved.test}})
    EXPECT_TRUE((variance(moved->X).array() > variance(plain->X).array()).all());  // dev and test
}
