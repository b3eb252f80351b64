#pragma once
// Seeded generators of 2-D toy data sets.
#include "core/rng.h"
#include "data/dataset.h"

namespace descent {

// Two concentric circles (as scikit-learn's make_circles): n/2 points on the unit circle
// with label 0, the rest on a circle of radius `factor` with label 1, each point moved by
// Gaussian noise of standard deviation `noise`. Points are interleaved so any prefix is balanced.
Dataset make_circles(int n, double noise, double factor, Rng& rng);

}  // namespace descent
