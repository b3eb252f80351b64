#include "data/split.h"

#include <cmath>
#include <numeric>
#include <vector>

namespace descent {
namespace {

Dataset take(const Dataset& all, const std::vector<int>& order, int begin, int count) {
  Dataset part;
  part.classes = all.classes;
  part.X.resize(all.X.rows(), count);
  part.Y.resize(all.Y.rows(), count);
  for (int i = 0; i < count; ++i) {
    part.X.col(i) = all.X.col(order[begin + i]);
    part.Y.col(i) = all.Y.col(order[begin + i]);
  }
  return part;
}

}  // namespace

Splits split_dataset(const Dataset& all, double dev_ratio, double test_ratio, Rng& rng) {
  const int m = all.size();
  std::vector<int> order(m);
  std::iota(order.begin(), order.end(), 0);
  rng.shuffle(order.begin(), order.end());
  const int n_dev = static_cast<int>(std::lround(dev_ratio * m));
  const int n_test = static_cast<int>(std::lround(test_ratio * m));
  const int n_train = m - n_dev - n_test;
  Splits s;
  s.train = take(all, order, 0, n_train);
  s.dev = take(all, order, n_train, n_dev);
  s.test = take(all, order, n_train + n_dev, n_test);
  return s;
}

}  // namespace descent
