#include "data/generators.h"

#include <cmath>

namespace descent {

Dataset make_circles(int n, double noise, double factor, Rng& rng) {
  Dataset d;
  d.X.resize(2, n);
  d.Y.resize(1, n);
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;
    const double radius = label == 0 ? 1.0 : factor;
    const double angle = 2.0 * 3.14159265358979323846 * rng.uniform();
    d.X(0, i) = radius * std::cos(angle) + noise * rng.normal();
    d.X(1, i) = radius * std::sin(angle) + noise * rng.normal();
    d.Y(0, i) = label;
  }
  return d;
}

}  // namespace descent
