#pragma once
// Train/dev/test split, shuffled by the seed: by ratios or counts, optionally stratified by
// class, optionally with dev and test drawn from another distribution than train.
//   m: examples in the whole set; every X is (n_x x m_set), every Y is (1 x m_set).
#include <vector>

#include "core/rng.h"
#include "data/data_spec.h"
#include "data/dataset.h"

namespace descent {

struct Splits {
  Dataset train, dev, test;  // each keeps classes, names and image shape of the whole set
  Dataset train_dev;         // held out of training, from its distribution: separate sets only (data/sets.h)
};

// The columns `index` of `all`, with its classes, names and image shape.
Dataset take_examples(const Dataset& all, const std::vector<int>& index);

// Splits `all` as `s` says.
// Sizes: ratios: dev = round(s.dev * m), test = round(s.test * m), train = the rest (s.train is
//   not read: the ratios were checked to sum to 1); counts (s.use_counts): dev = s.dev_count,
//   test = s.test_count, train = the rest.
// Order: one shuffle of the m examples (rng.shuffle), then the sets in turn: train, dev, test.
//   Stratified, each class gives each set floor or ceil of its exact share m_c * n_set / m,
//   the totals staying exactly the sizes above (examples of a class are taken in the order of
//   the same shuffle, so each set stays mixed).
// Mismatch (after the split, dev and test only; std_j: the training set's per-feature std):
//   shift  x_j += amount * std_j
//   rotate x = mu + R(amount) (x - mu), 2-D inputs only, mu: the training mean
//   noise  x_j += amount * std_j * N(0, 1), drawn from rng after the shuffle (dev, then test).
// Throws SpecError on "split.dev"/"split.test" (a ratio outside [0, 1]),
// "split.dev_count"/"split.test_count" (a count outside [0, m]), "split.train" (no training
// example left), "split.stratify" (a regression) and "split.mismatch" (rotate, not 2-D).
Splits split_dataset(const Dataset& all, const SplitSpec& s, Rng& rng);

// The ratio split of above, unstratified and matched: dev = round(dev_ratio * m),
// test = round(test_ratio * m), train = the rest.
Splits split_dataset(const Dataset& all, double dev_ratio, double test_ratio, Rng& rng);

}  // namespace descent
