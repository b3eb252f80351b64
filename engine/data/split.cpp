#include "data/split.h"

#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "spec/spec_error.h"

namespace descent {
namespace {

// Set numbers, in the order the shuffled examples fill them.
constexpr int kTrain = 0, kDev = 1, kTest = 2;
using Sizes = std::array<int, 3>;  // examples per set: train, dev, test

}  // namespace

Dataset take_examples(const Dataset& all, const std::vector<int>& index) {
  Dataset part;
  part.describe_as(all);
  const int count = static_cast<int>(index.size());
  part.X.resize(all.X.rows(), count);  // (n_x x count)
  part.Y.resize(all.Y.rows(), count);  // (1 x count)
  for (int i = 0; i < count; ++i) {
    part.X.col(i) = all.X.col(index[i]);
    part.Y.col(i) = all.Y.col(index[i]);
  }
  return part;
}

namespace {

int check_ratio(double ratio, int m, const char* field) {
  if (!(ratio >= 0.0 && ratio <= 1.0))
    throw SpecError(field, std::to_string(ratio), "allowed: a ratio from 0 to 1");
  return static_cast<int>(std::lround(ratio * m));
}

int check_count(int count, int m, const char* field) {
  if (count < 0 || count > m)
    throw SpecError(field, std::to_string(count),
                    "allowed: 0 to the number of examples, " + std::to_string(m));
  return count;
}

// Sizes of train, dev and test for m examples.
Sizes set_sizes(const SplitSpec& s, int m) {
  const int n_dev = s.use_counts ? check_count(s.dev_count, m, "split.dev_count")
                                 : check_ratio(s.dev, m, "split.dev");
  const int n_test = s.use_counts ? check_count(s.test_count, m, "split.test_count")
                                  : check_ratio(s.test, m, "split.test");
  const int n_train = m - n_dev - n_test;
  if (n_train < 1)
    throw SpecError("split.train",
                    std::to_string(n_train) + " examples (" + std::to_string(m) + " - " +
                        std::to_string(n_dev) + " dev - " + std::to_string(n_test) + " test)",
                    "allowed: at least one training example");
  return {n_train, n_dev, n_test};
}

// Kuhn's augmenting path for one extra example of class c: gives it a set s it may round up
// in (open[c][s]) and has not got yet, moving other classes' extras along the way.
bool place_extra(int c, const std::vector<Sizes>& open, const Sizes& demand,
                 std::vector<Sizes>& extra, Sizes& load, std::array<bool, 3>& seen) {
  for (int s = 0; s < 3; ++s) {
    if (!open[c][s] || extra[c][s] || seen[s]) continue;
    seen[s] = true;
    bool placed = load[s] < demand[s];
    if (placed) ++load[s];
    for (size_t c2 = 0; !placed && c2 < extra.size(); ++c2)
      if (extra[c2][s] && place_extra(static_cast<int>(c2), open, demand, extra, load, seen)) {
        extra[c2][s] = 0;  // c2 rounds up in another set now; c takes its place in s
        placed = true;
      }
    if (placed) {
      extra[c][s] = 1;
      return true;
    }
  }
  return false;
}

// count[c][s]: floor or ceil of the exact share m_c * n_s / m, with rows summing to m_c and
// columns to n_s (a table with whole margins can always be rounded so; Bacharach 1966).
std::vector<Sizes> stratified_counts(const std::vector<int>& m_c, const Sizes& n_s, int m) {
  const int k = static_cast<int>(m_c.size());
  std::vector<Sizes> count(k), open(k), extra(k, Sizes{0, 0, 0});
  Sizes demand = n_s, load{0, 0, 0};
  std::vector<int> short_of(k);  // extras class c still needs: m_c - sum_s floor
  for (int c = 0; c < k; ++c) {
    short_of[c] = m_c[c];
    for (int s = 0; s < 3; ++s) {
      const long long share = static_cast<long long>(m_c[c]) * n_s[s];  // exact share * m
      count[c][s] = static_cast<int>(share / m);
      open[c][s] = share % m != 0;
      short_of[c] -= count[c][s];
      demand[s] -= count[c][s];
    }
  }
  for (int c = 0; c < k; ++c)
    for (int e = 0; e < short_of[c]; ++e) {
      std::array<bool, 3> seen{false, false, false};
      if (!place_extra(c, open, demand, extra, load, seen))
        throw std::logic_error("split_dataset: no stratified rounding found");
    }
  for (int c = 0; c < k; ++c)
    for (int s = 0; s < 3; ++s) count[c][s] += extra[c][s];
  return count;
}

// Which set each example goes to, walking the shuffled order: each class fills train, then
// dev, then test with its counts.
std::array<std::vector<int>, 3> stratify(const Dataset& all, const std::vector<int>& order,
                                         const Sizes& n_s) {
  if (all.is_regression())
    throw SpecError("split.stratify", "true", "allowed: only for a classification (the data is a regression)");
  const int k = all.classes;
  std::vector<int> m_c(k, 0), label(all.size());
  for (int i = 0; i < all.size(); ++i) {
    const double y = all.Y(0, i);
    if (!(y >= 0 && y < k && y == std::floor(y)))
      throw SpecError("split.stratify", "true",
                      "allowed: only for labels 0 to " + std::to_string(k - 1) + " (example " +
                          std::to_string(i) + " has " + std::to_string(y) + ")");
    label[i] = static_cast<int>(y);
    ++m_c[label[i]];
  }
  const std::vector<Sizes> count = stratified_counts(m_c, n_s, all.size());
  std::array<std::vector<int>, 3> sets;
  std::vector<int> taken(k, 0);  // examples of class c placed so far
  for (int i : order) {
    const int c = label[i], r = taken[c]++;
    const int s = r < count[c][kTrain] ? kTrain : r < count[c][kTrain] + count[c][kDev] ? kDev : kTest;
    sets[s].push_back(i);
  }
  return sets;
}

// Moves dev and test away from the training distribution (see split.h).
void mismatch(Splits& out, const SplitSpec& s, Rng& rng) {
  const Matrix<double>& X = out.train.X;  // (n_x x m_train)
  const Vector<double> mu = X.rowwise().mean();  // (n_x)
  const Vector<double> sd =                      // (n_x): sqrt(1/m sum (x - mu)^2)
      ((X.colwise() - mu).array().square().rowwise().sum() / X.cols()).sqrt().matrix();
  const double a = s.mismatch_amount;
  if (s.mismatch == Mismatch::rotate && X.rows() != 2)
    throw SpecError("split.mismatch", "rotate",
                    "rotate needs 2 features, the data has " + std::to_string(X.rows()));
  for (Dataset* d : {&out.dev, &out.test}) {
    Matrix<double>& Z = d->X;  // (n_x x m_set)
    switch (s.mismatch) {
      case Mismatch::none: break;
      case Mismatch::shift: Z.colwise() += a * sd; break;
      case Mismatch::rotate: {
        Eigen::Matrix2d R;  // rotation by a radians
        R << std::cos(a), -std::sin(a), std::sin(a), std::cos(a);
        Z = (R * (Z.colwise() - mu)).colwise() + mu;
        break;
      }
      case Mismatch::noise:
        for (Eigen::Index j = 0; j < Z.cols(); ++j)
          for (Eigen::Index i = 0; i < Z.rows(); ++i) Z(i, j) += a * sd(i) * rng.normal();
        break;
    }
  }
}

}  // namespace

Splits split_dataset(const Dataset& all, const SplitSpec& s, Rng& rng) {
  const int m = all.size();
  const Sizes n = set_sizes(s, m);
  std::vector<int> order(m);
  std::iota(order.begin(), order.end(), 0);
  rng.shuffle(order.begin(), order.end());
  std::array<std::vector<int>, 3> sets;
  if (s.stratify) {
    sets = stratify(all, order, n);
  } else {
    sets[kTrain].assign(order.begin(), order.begin() + n[kTrain]);
    sets[kDev].assign(order.begin() + n[kTrain], order.begin() + n[kTrain] + n[kDev]);
    sets[kTest].assign(order.begin() + n[kTrain] + n[kDev], order.end());
  }
  Splits out{take_examples(all, sets[kTrain]), take_examples(all, sets[kDev]), take_examples(all, sets[kTest]), take_examples(all, {})};
  if (s.mismatch != Mismatch::none) mismatch(out, s, rng);
  return out;
}

Splits split_dataset(const Dataset& all, double dev_ratio, double test_ratio, Rng& rng) {
  SplitSpec s;
  s.train = 1.0 - dev_ratio - test_ratio;
  s.dev = dev_ratio;
  s.test = test_ratio;
  return split_dataset(all, s, rng);
}

}  // namespace descent
