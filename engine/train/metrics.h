#pragma once
// What a run reports at the end of each epoch (epoch 0 is the untrained network), and
// every few mini-batches for the live view.
#include <cmath>
#include <limits>
#include <vector>

#include <nlohmann/json.hpp>

#include "train/layer_stats.h"

namespace descent {

struct EpochMetrics {
  static constexpr double none = std::numeric_limits<double>::quiet_NaN();

  int epoch = 0;
  long long step = 0;  // mini-batch updates so far
  double train_loss = none, train_error = none;
  double dev_loss = none, dev_error = none;    // NaN when the split has no dev set
  double test_loss = none, test_error = none;  // NaN when the split has no test set
  double train_dev_loss = none, train_dev_error = none;  // NaN without a train-dev set (data.train_dev)
  double learning_rate = none;  // the rate of the coming epoch
  double grad_norm = none;      // ||dtheta|| of the last mini-batch
  size_t stats_begin = 0;       // this epoch's LayerStats: [stats_begin, stats_begin + L) of the run's
};

struct StepMetrics {
  long long step = 0;
  int epoch = 0;
  double batch_loss = 0;  // the cost J of that mini-batch (with the weight penalty)
};

// NaN becomes null (no such set); +inf stays visible as the string "inf".
inline nlohmann::ordered_json metric_value(double x) {
  if (std::isnan(x)) return nullptr;
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return x;
}

inline nlohmann::ordered_json to_json(const LayerStats& s) {
  return {{"weight_norm", metric_value(s.weight_norm)}, {"grad_norm", metric_value(s.grad_norm)},
          {"act_mean", metric_value(s.act_mean)},       {"act_std", metric_value(s.act_std)},
          {"saturated", metric_value(s.saturated)},     {"dead", metric_value(s.dead)}};
}

// stats: the run's LayerStats; L: layers per epoch.
inline nlohmann::ordered_json to_json(const EpochMetrics& e, const std::vector<LayerStats>& stats, size_t L) {
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  for (size_t l = 0; l < L && e.stats_begin + l < stats.size(); ++l) layers.push_back(to_json(stats[e.stats_begin + l]));
  return {{"epoch", e.epoch},
          {"step", e.step},
          {"train_loss", metric_value(e.train_loss)},
          {"train_error", metric_value(e.train_error)},
          {"dev_loss", metric_value(e.dev_loss)},
          {"dev_error", metric_value(e.dev_error)},
          {"test_loss", metric_value(e.test_loss)},
          {"test_error", metric_value(e.test_error)},
          {"train_dev_loss", metric_value(e.train_dev_loss)},
          {"train_dev_error", metric_value(e.train_dev_error)},
          {"learning_rate", metric_value(e.learning_rate)},
          {"grad_norm", metric_value(e.grad_norm)},
          {"layers", layers}};
}

inline nlohmann::ordered_json to_json(const StepMetrics& s) {
  return {{"step", s.step}, {"epoch", s.epoch}, {"batch_loss", metric_value(s.batch_loss)}};
}

}  // namespace descent
