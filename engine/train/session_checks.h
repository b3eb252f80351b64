#pragma once
// The checks a Session makes of a spec against its data, and the course's sanity checks.
#include <cmath>
#include <sstream>
#include <string>

#include "data/split.h"
#include "spec/spec.h"
#include "train/summary.h"

namespace descent {

// The output layer must fit the data (1 sigmoid unit for 2 classes, k softmax units for k
// classes, a linear unit for a regression) and explicit weights must have the network's shapes.
inline void check_against_data(const Spec& spec, const Dataset& data) {
  const size_t L = spec.layers.size() - 1;
  const LayerConfig& out = spec.layers[L];
  const std::string field = "layers[" + std::to_string(L) + "]";
  const std::string k = std::to_string(data.classes);
  if (data.is_regression() && out.activation != Activation::linear)
    throw SpecError(field + ".activation", std::string("\"") + activation_name(out.activation) + "\"",
                    "allowed: \"linear\" (1 unit): the data is a regression");
  if (out.activation == Activation::sigmoid && data.classes != 2)
    throw SpecError(field + ".activation", "\"sigmoid\"",
                    "allowed: \"softmax\" with " + k + " units: the data has " + k + " classes");
  if (out.activation == Activation::softmax && out.units != data.classes)
    throw SpecError(field + ".units", std::to_string(out.units), "allowed: one softmax unit per class (" + k + ")");
  if (out.activation == Activation::linear && out.units != 1)
    throw SpecError(field + ".units", std::to_string(out.units), "allowed: 1 linear unit (one target per example)");
  int n_prev = data.features();
  for (size_t l = 0; l < spec.init.weights.size(); ++l) {
    const auto& W = spec.init.weights[l].W;
    if (W.rows() != spec.layers[l].units || W.cols() != n_prev)
      throw SpecError("init.weights[" + std::to_string(l) + "].W",
                      std::to_string(W.rows()) + " x " + std::to_string(W.cols()),
                      "allowed: " + std::to_string(spec.layers[l].units) + " x " + std::to_string(n_prev) +
                          " (n_l x n_{l-1})");
    n_prev = spec.layers[l].units;
  }
  if ((spec.augment.flip || spec.augment.shift > 0) && !data.is_image())
    throw SpecError(spec.augment.flip ? "augment.flip" : "augment.shift", spec.augment.flip ? "true" : std::to_string(spec.augment.shift),
                    "allowed: only for image data (digits); use augment.jitter for other inputs");
}

inline void check_sizes(const Spec& spec, const Splits& s) {
  const int m_train = s.train.size();
  if (m_train < 1)
    throw SpecError("split.train", std::to_string(spec.split.train),
                    "allowed: a split that leaves at least one training example");
  if (spec.batch_size > m_train)
    throw SpecError("batch_size", std::to_string(spec.batch_size),
                    "allowed: 1 to the training-set size, " + std::to_string(m_train));
  if (spec.early_stopping.enabled && s.dev.size() == 0)
    throw SpecError("early_stopping.enabled", "true", "allowed: only with a dev set (split.dev > 0)");
}

// The "overfit a small sample" check: train on the first n examples only.
inline void keep_first(Dataset& d, int n) {
  if (n >= d.size()) return;
  d.X = d.X.leftCols(n).eval();
  d.Y = d.Y.leftCols(n).eval();
}

inline std::string divergence_message(double loss, long long step, int epoch, double alpha, const Spec& spec) {
  std::ostringstream out;
  out << "training diverged at step " << step << " (epoch " << epoch << "): the loss became "
      << (std::isnan(loss) ? "NaN" : std::isinf(loss) ? "infinite" : "finite but the weights overflowed")
      << ". The learning rate (" << alpha << ") is probably too high";
  if (spec.init.scale > 1.0 || spec.init.scheme == InitScheme::random) out << ", or the initial weights too large";
  out << "; the last good weights are kept.";
  return out.str();
}

// The recipe's first check: the initial loss should be near ln 2 (binary) or ln k (softmax).
inline void initial_loss_check(double initial, LossKind loss, int k, RunSummary& s) {
  s.initial_loss = initial;
  if (loss == LossKind::mean_squared_error) {
    s.expected_initial_loss = EpochMetrics::none;
    return;
  }
  const int classes = loss == LossKind::binary_cross_entropy ? 2 : k;
  s.expected_initial_loss = std::log(double(classes));
  s.initial_loss_ok = std::isfinite(initial) && std::abs(initial - s.expected_initial_loss) <= 0.5 * s.expected_initial_loss;
  std::ostringstream note;
  note << "the initial loss is " << initial << "; with " << classes << " classes and small random weights expect about ln "
       << classes << " = " << s.expected_initial_loss;
  if (!s.initial_loss_ok) note << ": the initial weights are probably too large (or the labels unbalanced)";
  s.initial_loss_note = note.str();
}

}  // namespace descent
