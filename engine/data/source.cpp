#include "data/source.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "data/builtin.h"
#include "data/csv.h"
#include "data/generators.h"
#include "spec/fields.h"
#include "spec/spec_error.h"

namespace descent {
namespace {

constexpr int kMaxInlineClasses = 1000;

std::string format(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// "1 number", "3 numbers".
std::string count(size_t n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

// Checks and copies inline data: x (m rows of n_x), y (m values).
Dataset load_inline(const SourceSpec& spec, const std::string& field) {
  const std::string fx = field + ".x", fy = field + ".y";
  const auto& x = spec.x;
  const auto& y = spec.y;
  const size_t m = x.size();
  if (m < 2)
    throw SpecError(fx, count(m, "example"),
                    "allowed: at least 2 examples (rows of features)");
  if (y.size() != m)
    throw SpecError(fy, count(y.size(), "value"),
                    "allowed: one per row of " + fx + " (" + std::to_string(m) + ")");
  const size_t n_x = x[0].size();
  if (n_x == 0) throw SpecError(Fields::element(fx, 0), "empty", "allowed: at least 1 feature");
  Dataset d;
  d.X.resize(static_cast<Eigen::Index>(n_x), static_cast<Eigen::Index>(m));
  d.Y.resize(1, static_cast<Eigen::Index>(m));
  for (size_t i = 0; i < m; ++i) {
    if (x[i].size() != n_x)
      throw SpecError(Fields::element(fx, i), count(x[i].size(), "number"),
                      "allowed: " + count(n_x, "number") + ", as " + fx + "[0]");
    for (size_t j = 0; j < n_x; ++j) {
      if (!std::isfinite(x[i][j]))
        throw SpecError(Fields::element(Fields::element(fx, i), j), format(x[i][j]), "allowed: a finite number");
      d.X(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) = x[i][j];
    }
  }
  const bool regression = spec.task == Task::regression;
  double top = 0;
  for (size_t i = 0; i < m; ++i) {
    const double v = y[i];
    if (regression && !std::isfinite(v)) throw SpecError(Fields::element(fy, i), format(v), "allowed: a finite number");
    if (!regression && !(v >= 0 && v < kMaxInlineClasses && v == std::floor(v)))
      throw SpecError(Fields::element(fy, i), format(v),
                      "allowed: a class index: a whole number from 0 to " + std::to_string(kMaxInlineClasses - 1));
    top = std::max(top, v);
    d.Y(0, static_cast<Eigen::Index>(i)) = v;
  }
  d.classes = regression ? 0 : static_cast<int>(top) + 1;
  if (!regression && d.classes < 2)
    throw SpecError(fy, "all 0", "allowed: at least 2 classes (labels 0..k-1, k >= 2)");
  return d;
}

// blobs and spiral need 2 classes or more.
int checked_classes(const SourceSpec& spec, const std::string& field) {
  if (spec.classes < 2)
    throw SpecError(field + ".classes", std::to_string(spec.classes), "allowed: at least 2 for blobs and spiral");
  return spec.classes;
}

}  // namespace

Dataset load_data(const SourceSpec& spec, Rng& rng, const std::string& field) {
  const int n = spec.samples;
  const double noise = spec.noise;
  switch (spec.source) {
    case DataSource::circles: return make_circles(n, noise, spec.factor, rng);
    case DataSource::moons: return make_moons(n, noise, rng);
    case DataSource::xor_: return make_xor(n, noise, rng);
    case DataSource::blobs: return make_blobs(n, checked_classes(spec, field), noise, rng);
    case DataSource::spiral: return make_spiral(n, checked_classes(spec, field), noise, rng);
    case DataSource::flower: return make_flower(n, noise, rng);
    case DataSource::linear: return make_linear(n, noise, rng);
    case DataSource::plane: return make_plane(n, noise, rng);
    case DataSource::sine: return make_sine(n, noise, rng);
    case DataSource::digits:
    case DataSource::iris:
    case DataSource::wine:
    case DataSource::breast_cancer: return load_builtin(spec.source);
    case DataSource::csv: return read_csv(spec.csv, spec.label, spec.task, field + ".csv");
    case DataSource::inline_: return load_inline(spec, field);
  }
  throw SpecError(field + ".source", std::to_string(static_cast<int>(spec.source)), "allowed: a known source");
}

}  // namespace descent
