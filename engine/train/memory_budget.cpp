#include "train/memory_budget.h"

#include <algorithm>
#include <cstdio>

#include "spec/spec_error.h"

namespace descent {
namespace {

constexpr double kScalar = 4;           // float32 training
constexpr double kParameterCopies = 7;  // theta, dtheta, v_dW, S_dW, theta0, theta_good, theta_best
constexpr double kLayerCaches = 8;      // Z, A, dZ, dA, g'(Z), normalised Z and its gradient, mask
constexpr double kDataBytes = 8 + 8 + kScalar;  // the split (double), its normalised copy, float

}  // namespace

MemoryEstimate estimate_memory(const Spec& spec, const Splits& s) {
  MemoryEstimate e;
  e.m_max = std::max({spec.batch_size, s.train.size(), s.dev.size(), s.test.size(), s.train_dev.size()});
  long long n_prev = s.train.features(), units = 0;
  for (const LayerConfig& layer : spec.layers) {
    const long long n = layer.units;
    e.parameter_count += n_prev * n + 2 * n;  // W, and b or batch norm's gamma and beta
    units += n;
    n_prev = n;
  }
  e.parameters = kParameterCopies * kScalar * static_cast<double>(e.parameter_count);
  e.activations = kLayerCaches * kScalar * static_cast<double>(units) * e.m_max;
  const double examples = s.train.size() + s.dev.size() + s.test.size() + s.train_dev.size();
  const double columns = s.train.features() + spec.layers.back().units;
  e.data = kDataBytes * examples * columns;
  return e;
}

void check_memory(const Spec& spec, const Splits& s) {
  const MemoryEstimate e = estimate_memory(spec, s);
  const double allowed = kMemoryLimitBytes - kMemoryReserveBytes;
  if (e.total() <= allowed) return;
  const size_t hidden = spec.layers.size() - 1;
  int widest = 0;
  for (const LayerConfig& layer : spec.layers) widest = std::max(widest, layer.units);
  throw SpecError(
      "layers",
      "about " + show_bytes(e.total()) + " for " + std::to_string(hidden) + " hidden layer" +
          (hidden == 1 ? "" : "s") + " of up to " + std::to_string(widest) + " units (" +
          std::to_string(e.parameter_count) + " parameters) over " + std::to_string(e.m_max) + " examples",
      "allowed: at most " + show_bytes(allowed) + " for a run (the engine's memory is " +
          show_bytes(kMemoryLimitBytes) + "); use fewer or narrower layers, or fewer examples");
}

std::string show_bytes(double bytes) {
  const char* unit[] = {"B", "kB", "MB", "GB"};
  int u = 0;
  while (bytes >= 1024 && u < 3) bytes /= 1024, ++u;
  char text[32];
  std::snprintf(text, sizeof text, bytes < 10 && u > 0 ? "%.1f %s" : "%.0f %s", bytes, unit[u]);
  return text;
}

}  // namespace descent
