#include "data/generators.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace descent {
namespace {

constexpr double kPi = 3.14159265358979323846;

// An empty set of n examples: X (n_x x n), Y (1 x n), `classes` classes (0: a regression).
Dataset shaped(int n_x, int n, int classes) {
  if (n < 0) throw std::invalid_argument("data generator: n = " + std::to_string(n) + "; allowed: n >= 0");
  Dataset d;
  d.X.resize(n_x, n);
  d.Y.resize(1, n);
  d.classes = classes;
  return d;
}

void require_classes(const char* name, int k) {
  if (k < 2) throw std::invalid_argument(std::string(name) + ": k = " + std::to_string(k) + "; allowed: k >= 2");
}

}  // namespace

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

Dataset make_moons(int n, double noise, Rng& rng) {
  Dataset d = shaped(2, n, 2);
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;
    const double t = kPi * rng.uniform();
    const double x0 = label == 0 ? std::cos(t) : 1.0 - std::cos(t);
    const double x1 = label == 0 ? std::sin(t) : 0.5 - std::sin(t);
    d.X(0, i) = x0 + noise * rng.normal();
    d.X(1, i) = x1 + noise * rng.normal();
    d.Y(0, i) = label;
  }
  return d;
}

Dataset make_xor(int n, double noise, Rng& rng) {
  Dataset d = shaped(2, n, 2);
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;
    const double a0 = 1.0 - rng.uniform();  // |x0| in (0, 1]: never on an axis
    const double a1 = 1.0 - rng.uniform();
    const double s0 = rng.uniform() < 0.5 ? -1.0 : 1.0;
    const double s1 = label == 1 ? -s0 : s0;  // different signs <=> label 1
    d.X(0, i) = s0 * a0 + noise * rng.normal();
    d.X(1, i) = s1 * a1 + noise * rng.normal();
    d.Y(0, i) = label;
  }
  return d;
}

Dataset make_blobs(int n, int k, double noise, Rng& rng) {
  require_classes("make_blobs", k);
  Dataset d = shaped(2, n, k);
  const double std_dev = std::max(noise, 0.01);
  for (int i = 0; i < n; ++i) {
    const int label = i % k;
    const double angle = 2.0 * kPi * label / k;
    d.X(0, i) = 2.0 * std::cos(angle) + std_dev * rng.normal();
    d.X(1, i) = 2.0 * std::sin(angle) + std_dev * rng.normal();
    d.Y(0, i) = label;
  }
  return d;
}

Dataset make_spiral(int n, int k, double noise, Rng& rng) {
  require_classes("make_spiral", k);
  Dataset d = shaped(2, n, k);
  for (int i = 0; i < n; ++i) {
    const int arm = i % k;
    const double r = rng.uniform();
    const double theta = 4.0 * arm + 4.0 * r + noise * rng.normal();
    d.X(0, i) = r * std::sin(theta);
    d.X(1, i) = r * std::cos(theta);
    d.Y(0, i) = arm;
  }
  return d;
}

Dataset make_flower(int n, double noise, Rng& rng) {
  Dataset d = shaped(2, n, 2);
  constexpr double a = 4.0;  // maximum ray of the flower
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;
    const double theta = 3.12 * (label + rng.uniform()) + noise * rng.normal();
    const double r = a * std::sin(4.0 * theta) + noise * rng.normal();
    d.X(0, i) = r * std::sin(theta);
    d.X(1, i) = r * std::cos(theta);
    d.Y(0, i) = label;
  }
  return d;
}

Dataset make_linear(int n, double noise, Rng& rng) {
  Dataset d = shaped(2, n, 2);
  const double w0 = std::cos(2.2), w1 = std::sin(2.2);  // the line's normal
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;
    double x0 = 2.0 * rng.uniform() - 1.0;
    double x1 = 2.0 * rng.uniform() - 1.0;
    if ((w0 * x0 + w1 * x1 > 0.0) != (label == 1)) x0 = -x0, x1 = -x1;
    d.X(0, i) = x0 + noise * rng.normal();
    d.X(1, i) = x1 + noise * rng.normal();
    d.Y(0, i) = label;
  }
  return d;
}

Dataset make_plane(int n, double noise, Rng& rng) {
  Dataset d = shaped(2, n, 0);
  for (int i = 0; i < n; ++i) {
    const double x0 = 2.0 * rng.uniform() - 1.0;
    const double x1 = 2.0 * rng.uniform() - 1.0;
    d.X(0, i) = x0;
    d.X(1, i) = x1;
    d.Y(0, i) = 0.6 * x0 - 0.4 * x1 + 0.2 + noise * rng.normal();
  }
  return d;
}

Dataset make_sine(int n, double noise, Rng& rng) {
  Dataset d = shaped(1, n, 0);
  for (int i = 0; i < n; ++i) {
    const double x = kPi * (2.0 * rng.uniform() - 1.0);
    d.X(0, i) = x;
    d.Y(0, i) = std::sin(x) + noise * rng.normal();
  }
  return d;
}

}  // namespace descent
