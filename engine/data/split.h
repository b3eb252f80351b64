#pragma once
// Train/dev/test split by ratios, shuffled by the seed.
#include "core/rng.h"
#include "data/dataset.h"

namespace descent {

struct Splits {
  Dataset train, dev, test;
};

// Sizes: dev = round(dev_ratio * m), test = round(test_ratio * m), train = the rest.
Splits split_dataset(const Dataset& all, double dev_ratio, double test_ratio, Rng& rng);

}  // namespace descent
