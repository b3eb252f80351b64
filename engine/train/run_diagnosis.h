#pragma once
// The diagnosis of a run: bias and variance at one epoch (train/diagnosis.h), and the
// learning rate read from the whole training-loss curve (N = epochs, L_i = train loss of epoch i).
//   too large: the run diverged; most hidden ReLU activations died during training; the loss
//              rose well above its lowest; or, over the last epochs, it swung up and down with
//              its rises undoing at least half its falls, and ended high.
//   too small: the loss fell steadily (hardly a rise in the second half), still as fast in the
//              last quarter as in the first, and has covered little of the way: a good rate has
//              levelled off by then, a small one crawls along a straight line.
// The swings are measured against the chance-level loss (ln 2, ln k), the loss of a network
// that knows nothing, so a run that starts from huge weights is judged on the same scale.
//   initial weights too large: the symptoms of "too large" in a run that started far above
//              chance (the recipe's first check): exploding activations diverge at any rate.
//   unknown:   too few epochs, or a loss that did not move at all (symmetric or dead units).
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "spec/spec.h"
#include "train/diagnosis.h"
#include "train/layer_stats.h"
#include "train/metrics.h"
#include "train/session.h"

namespace descent {

// What the diagnosis reads of a run.
struct RunTrace {
  const std::vector<EpochMetrics>& history;  // epoch 0 (the untrained network) first
  const std::vector<LayerStats>& stats;      // each record's layers from its stats_begin
  const Spec& spec;                          // the layers, optimizer and schedule
  double alpha;                              // the learning rate the run used
  bool diverged;                             // stopped because the loss overflowed
};

struct LearningRateRules {
  static constexpr int kMinEpochs = 4;         // fewer: the curve says too little
  static constexpr int kMaxWindow = 50;        // the last epochs read for swings
  static constexpr double kDead = 0.9;         // "most" ReLU activations at 0
  static constexpr double kSwing = 0.1;        // a swing of 10% of the chance-level loss is visible
  static constexpr double kRiseBack = 0.25;    // rose back a quarter of the way it had come down
  static constexpr double kCancel = 0.5;       // rises undo at least half the falls: not going down
  static constexpr double kSteady = 0.1;       // rises at most 10% of the falls: steady
  static constexpr double kStillFast = 0.3;    // the last quarter falls 30% as much as the first, or more
  static constexpr double kSlow = 0.25;        // less than 25% of the chance-level loss gone
  static constexpr double kBigStart = 1.5;     // started above 1.5 x chance: the initial weights are too large
  static constexpr double kStuck = 0.01;       // less than 1% of the chance-level loss gone: it did not move
};

namespace diagnosis_detail {

inline std::string num(double x, int digits = 3) {
  std::ostringstream out;
  out.precision(digits);
  out << x;
  return out.str();
}

inline std::string percent(double fraction) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << 100.0 * fraction << "%";
  return out.str();
}

// The loss of a network that knows nothing: ln 2 (sigmoid), ln k (softmax); else L_0.
inline double chance_loss(const Spec& spec, double initial_loss) {
  const LayerConfig& out = spec.layers.back();
  if (out.activation == Activation::softmax) return std::log(std::max(2, out.units));
  if (out.activation == Activation::sigmoid) return std::log(2.0);
  return std::isfinite(initial_loss) && initial_loss > 0 ? initial_loss : 1.0;
}

// The fraction of hidden ReLU-family activations at 0 in record i, weighted by units.
inline double hidden_relu_dead(const RunTrace& run, size_t i) {
  double dead = 0, units = 0;
  const size_t hidden = run.spec.layers.size() - 1;
  for (size_t l = 0; l < hidden; ++l) {
    const LayerConfig& layer = run.spec.layers[l];
    const bool relu = layer.activation == Activation::relu || layer.activation == Activation::leaky_relu ||
                      layer.activation == Activation::prelu;
    const size_t at = run.history[i].stats_begin + l;
    if (!relu || at >= run.stats.size()) continue;
    dead += run.stats[at].dead * layer.units;
    units += layer.units;
  }
  return units > 0 ? dead / units : LearningRateVerdict::none;
}

}  // namespace diagnosis_detail

inline LearningRateVerdict judge_learning_rate(const RunTrace& run) {
  using namespace diagnosis_detail;
  using R = LearningRateRules;
  LearningRateVerdict v;
  v.alpha = run.alpha;
  v.diverged = run.diverged;
  const auto& h = run.history;
  if (h.empty()) return v;
  const int N = static_cast<int>(h.size()) - 1;
  auto L = [&](int i) { return h[static_cast<size_t>(i)].train_loss; };
  v.epochs = h.back().epoch;
  v.initial_loss = L(0);
  v.final_loss = L(N);
  bool finite = true;  // in training: an infinite start is the initial weights' (big_start below)
  int lowest = 0;
  for (int i = 0; i <= N; ++i) {
    if (!std::isfinite(L(i))) finite = finite && i == 0;
    else if (!(L(i) >= L(lowest))) lowest = i;
  }
  v.min_loss = L(lowest);
  v.dead_at_start = hidden_relu_dead(run, 0);
  v.dead = hidden_relu_dead(run, static_cast<size_t>(N));
  const double scale = chance_loss(run.spec, v.initial_loss);
  const std::string a = num(run.alpha);

  std::vector<std::string> large;  // evidence that alpha is too large
  if (run.diverged)
    large.push_back("the run diverged at α = " + a + ": the loss overflowed and training stopped");
  else if (!finite)
    large.push_back("the training loss overflowed (inf or NaN) during training at α = " + a);
  if (N >= 1 && v.dead > R::kDead && !(v.dead_at_start > R::kDead))
    large.push_back(percent(v.dead) + " of the hidden ReLU activations are 0 on the training set (" +
                    percent(v.dead_at_start) + " at the start): dead units pass no gradient");
  if (N >= R::kMinEpochs && finite) {
    v.window = std::clamp(N / 5, R::kMinEpochs, R::kMaxWindow);
    v.window_low = v.window_high = L(N - v.window);
    v.rises = v.falls = 0;
    for (int i = N - v.window + 1; i <= N; ++i) {
      const double dL = L(i) - L(i - 1);
      (dL > 0 ? v.rises : v.falls) += std::abs(dL);
      v.window_low = std::min(v.window_low, L(i));
      v.window_high = std::max(v.window_high, L(i));
    }
    const double rose = v.final_loss - v.min_loss;
    if (rose >= std::max(R::kRiseBack * (v.initial_loss - v.min_loss), R::kSwing * scale))
      large.push_back("the training loss rose from its lowest, " + num(v.min_loss) + " at epoch " +
                      std::to_string(h[static_cast<size_t>(lowest)].epoch) + ", to " + num(v.final_loss) +
                      " at the end (it started at " + num(v.initial_loss) + ")");
    // Swings count when the run also ends high: spikes between near-zero losses (Adam on a
    // training set it already fits) are no reason to lower alpha.
    if (v.rises >= R::kCancel * v.falls && v.window_high - v.window_low >= R::kSwing * scale &&
        v.final_loss >= R::kSwing * scale)
      large.push_back("over the last " + std::to_string(v.window) + " epochs the training loss jumped between " +
                      num(v.window_low) + " and " + num(v.window_high) + ": it rose by " + num(v.rises) +
                      " in all and fell by " + num(v.falls));
  }
  const bool big_start = !(v.initial_loss <= R::kBigStart * scale);  // NaN and inf too
  if (!large.empty() && big_start && run.spec.layers.back().activation != Activation::linear) {
    v.verdict = "initial weights too large";
    v.evidence = large;
    const std::string start = std::isfinite(v.initial_loss) ? "a loss of " + num(v.initial_loss) : "an infinite loss";
    v.evidence.push_back("but the run started from " + start + ", far above the chance level " +
                         num(scale) + ": weights that large explode or saturate the activations at any learning rate");
    v.recipe.push_back("initialise the weights at the right scale: He (ReLU) or Xavier (tanh), scale 1");
    v.recipe.push_back("then judge the learning rate again");
    return v;
  }
  if (!large.empty()) {
    v.verdict = "too large";
    v.evidence = large;
    v.recipe.push_back("lower the learning rate 3 to 10 times: α = " + a + " → " + num(run.alpha / 3) + " to " +
                       num(run.alpha / 10));
    if (run.spec.schedule.kind == ScheduleKind::constant)
      v.recipe.push_back("or let it decay as training goes (learning-rate decay)");
    if (run.spec.optimizer.config.kind != OptimizerKind::adam)
      v.recipe.push_back("or use Adam (α = 0.001 is the usual start)");
    if (v.dead > R::kDead) v.recipe.push_back("train again from the start: dead ReLU units do not come back");
    return v;
  }
  if (N < R::kMinEpochs) {
    v.evidence.push_back(std::to_string(N) + (N == 1 ? " epoch is" : " epochs are") +
                         " too few to read the learning rate from the loss curve (it needs " +
                         std::to_string(R::kMinEpochs) + ")");
    return v;
  }

  // Too small: the first and last quarters of the curve, and the rises of its second half.
  const int q = std::max(1, N / 4);
  v.early_drop = L(0) - L(q);
  v.late_drop = L(N - q) - L(N);
  double rises = 0, falls = 0;
  for (int i = N / 2 + 1; i <= N; ++i) (L(i) > L(i - 1) ? rises : falls) += std::abs(L(i) - L(i - 1));
  const bool steady = falls > 0 && rises <= R::kSteady * falls;
  const bool still_fast = v.early_drop > 0 && v.late_drop >= R::kStillFast * v.early_drop;
  const double gone = v.initial_loss - v.final_loss;
  if (steady && still_fast && gone < R::kSlow * scale) {
    v.verdict = "too small";
    v.evidence.push_back("the training loss fell steadily but slowly: from " + num(v.initial_loss, 4) + " to " +
                         num(v.final_loss, 4) + " in " + std::to_string(v.epochs) + " epochs, " +
                         percent(gone / scale) + " of the chance-level loss " + num(scale, 4));
    v.evidence.push_back("it still falls as fast as at the start: " + num(v.late_drop, 2) + " in the last " +
                         std::to_string(q) + " epochs against " + num(v.early_drop, 2) + " in the first " +
                         std::to_string(q) + "; a good rate has levelled off by now");
    v.recipe.push_back("raise the learning rate on a log scale, 10 times at a time: α = " + a + " → " +
                       num(run.alpha * 10) + ", then " + num(run.alpha * 100) +
                       "; keep the largest whose loss falls without jumping about");
    v.recipe.push_back("or train longer: the loss is still falling");
    return v;
  }
  if (std::abs(gone) < R::kStuck * scale) {
    v.evidence.push_back("the training loss did not move: " + num(v.initial_loss, 4) + " at the start, " +
                         num(v.final_loss, 4) + " after " + std::to_string(v.epochs) +
                         " epochs; a stuck network (all-equal or dead units) says nothing of the learning rate");
    if (v.dead_at_start > R::kDead)
      v.evidence.push_back(percent(v.dead_at_start) + " of the hidden ReLU activations were 0 from the start");
    return v;
  }
  v.verdict = "ok";
  v.evidence.push_back("the training loss fell from " + num(v.initial_loss) + " to " + num(v.final_loss) + " in " +
                       std::to_string(v.epochs) + " epochs, without jumping about (last " +
                       std::to_string(v.window) + " epochs between " + num(v.window_low) + " and " +
                       num(v.window_high) + ")");
  if (still_fast && steady)
    v.evidence.push_back("it is still falling (" + num(v.late_drop, 2) + " in the last " + std::to_string(q) +
                         " epochs): training longer may help");
  return v;
}

// Bias and variance at epoch record `at`, the learning rate from the whole run.
inline Diagnosis diagnose_run(const RunTrace& run, const EpochMetrics& at) {
  Diagnosis d = diagnose(at.train_error, at.dev_error, run.spec.bayes_error, at.train_dev_error);
  d.test_error = at.test_error;
  const LearningRateVerdict lr = judge_learning_rate(run);
  if (!d.variance_known && !std::isnan(at.test_error)) {
    d.with_test_set.push_back(diagnose_with_test_set(at.train_error, at.test_error, run.spec.bayes_error));
    put_learning_rate_first(d.with_test_set.back(), lr);
  }
  put_learning_rate_first(d, lr);
  return d;
}

// A session's diagnosis at `at`. With a constant schedule the latest record's rate is the
// one in use (the learner may have changed it during the run); a schedule decays from alpha0.
inline Diagnosis diagnose_session(const Session& s, const EpochMetrics& at, bool diverged) {
  const auto& h = s.history();
  const double alpha = s.spec().schedule.kind == ScheduleKind::constant && !h.empty() && std::isfinite(h.back().learning_rate)
                           ? h.back().learning_rate
                           : s.spec().optimizer.learning_rate;
  return diagnose_run({h, s.layer_stats(), s.spec(), alpha, diverged}, at);
}

}  // namespace descent
