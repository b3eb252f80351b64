#pragma once
// Seeded generators of toy data sets; every point draws from `rng` only, in the order each
// comment states, so a seed gives the same data on every host.
//   n: examples (columns of X)   X: (2 x n), sine: (1 x n)   Y: (1 x n)
// Classification labels are interleaved (example i has label i % k), so every class has
// n/k examples (+-1) and any prefix is balanced; positions along a curve are drawn uniformly
// (where scikit-learn and the course use linspace), so any prefix is also a fair sample.
#include "core/rng.h"
#include "data/dataset.h"

namespace descent {

// Two concentric circles (as scikit-learn's make_circles): n/2 points on the unit circle
// with label 0, the rest on a circle of radius `factor` with label 1, each point moved by
// Gaussian noise of standard deviation `noise`. Points are interleaved so any prefix is balanced.
Dataset make_circles(int n, double noise, double factor, Rng& rng);

// Two interleaving half circles (scikit-learn's make_moons): label 0 on (cos t, sin t), label 1
// on (1 - cos t, 0.5 - sin t), t = pi * U(0,1); then noise * N(0,1) on each coordinate.
Dataset make_moons(int n, double noise, Rng& rng);

// XOR: x uniform in [-1,1]^2, label (x0 > 0) XOR (x1 > 0), then noise * N(0,1) on each input.
// Draws: |x0| = 1 - U, |x1| = 1 - U, the sign of x0 by U < 1/2 (x1's sign follows the label).
Dataset make_xor(int n, double noise, Rng& rng);

// k Gaussian blobs: centre j at 2 (cos 2 pi j/k, sin 2 pi j/k), std max(noise, 0.01),
// label j = i % k. Throws std::invalid_argument unless k >= 2.
Dataset make_blobs(int n, int k, double noise, Rng& rng);

// k spiral arms (cs231n): r = U(0,1), theta = 4 arm + 4 r + noise * N(0,1),
// x = (r sin theta, r cos theta). Throws std::invalid_argument unless k >= 2.
Dataset make_spiral(int n, int k, double noise, Rng& rng);

// The course's planar "flower" (planar_utils.load_planar_dataset): class j has
// theta = 3.12 (j + U) + noise * N(0,1), r = 4 sin(4 theta) + noise * N(0,1),
// x = (r sin theta, r cos theta); the course's noise is 0.2.
Dataset make_flower(int n, double noise, Rng& rng);

// Two linearly separable classes: x uniform in [-1,1]^2, label w . x > 0 with the fixed
// normal w = (cos 2.2, sin 2.2) (a line through the origin at about 36 degrees), then
// noise * N(0,1) on each input. Draws: x0 = 2U - 1, x1 = 2U - 1, mirrored to -x when on the
// other side than label i % 2 (the square is symmetric about the origin).
Dataset make_linear(int n, double noise, Rng& rng);

// A regression plane: x uniform in [-1,1]^2, y = 0.6 x0 - 0.4 x1 + 0.2 + noise * N(0,1).
Dataset make_plane(int n, double noise, Rng& rng);

// A regression sine: x uniform in [-pi, pi] (1 feature), y = sin(x) + noise * N(0,1).
Dataset make_sine(int n, double noise, Rng& rng);

}  // namespace descent
