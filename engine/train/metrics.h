#pragma once
// What a run reports at the end of each epoch (epoch 0 is the untrained network).
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

namespace descent {

struct EpochMetrics {
  static constexpr double none = std::numeric_limits<double>::quiet_NaN();

  int epoch = 0;
  long long step = 0;  // mini-batch updates so far
  double train_loss = none, train_error = none;
  double dev_loss = none, dev_error = none;    // NaN when the split has no dev set
  double test_loss = none, test_error = none;  // NaN when the split has no test set
  double learning_rate = none;
};

// NaN becomes null (no such set); +inf stays visible as the string "inf".
inline nlohmann::ordered_json metric_value(double x) {
  if (std::isnan(x)) return nullptr;
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return x;
}

inline nlohmann::ordered_json to_json(const EpochMetrics& e) {
  return {{"epoch", e.epoch},
          {"step", e.step},
          {"train_loss", metric_value(e.train_loss)},
          {"train_error", metric_value(e.train_error)},
          {"dev_loss", metric_value(e.dev_loss)},
          {"dev_error", metric_value(e.dev_error)},
          {"test_loss", metric_value(e.test_loss)},
          {"test_error", metric_value(e.test_error)},
          {"learning_rate", metric_value(e.learning_rate)}};
}

}  // namespace descent
