#pragma once
// Early stopping on the dev set: after each epoch, a dev loss (or error) that improved on the
// best by more than min_delta becomes the best, and its weights are kept; after `patience`
// epochs without such an improvement the run stops and the best weights are restored.
#include <limits>

#include "core/names.h"

namespace descent {

enum class Monitor { dev_loss, dev_error };

inline constexpr NameTable<Monitor, 2> kMonitorNames{{{
    {Monitor::dev_loss, "dev_loss"}, {Monitor::dev_error, "dev_error"},
}}};

struct EarlyStoppingConfig {
  bool enabled = false;
  Monitor monitor = Monitor::dev_loss;
  int patience = 10;       // epochs without improvement before stopping
  double min_delta = 0.0;  // an improvement must be larger than this
};

class EarlyStopping {
 public:
  explicit EarlyStopping(EarlyStoppingConfig c = {}) : config_(c) {}

  void reset() {
    best_ = std::numeric_limits<double>::infinity();
    best_epoch_ = -1;
    waited_ = 0;
  }

  // Records this epoch's dev value. Returns true when it is the new best (keep the weights).
  bool observe(int epoch, double value) {
    if (value < best_ - config_.min_delta) {
      best_ = value;
      best_epoch_ = epoch;
      waited_ = 0;
      return true;
    }
    ++waited_;
    return false;
  }

  bool should_stop() const { return config_.enabled && best_epoch_ >= 0 && waited_ >= config_.patience; }
  int best_epoch() const { return best_epoch_; }
  double best() const { return best_; }
  const EarlyStoppingConfig& config() const { return config_; }

 private:
  EarlyStoppingConfig config_;
  double best_ = std::numeric_limits<double>::infinity();
  int best_epoch_ = -1;
  int waited_ = 0;
};

}  // namespace descent
