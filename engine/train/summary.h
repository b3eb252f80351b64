#pragma once
// The end of a run in one record: the final metrics (of the weights the run ends with),
// why it stopped, the diagnosis and the recipe's sanity checks.
#include <string>

#include "train/diagnosis.h"
#include "train/metrics.h"

namespace descent {

struct RunSummary {
  EpochMetrics final;              // of the weights kept (the best epoch after early stopping)
  int epochs_run = 0;
  std::string stopped = "epochs";  // "epochs", "early_stopping" or "diverged"
  std::string message;             // why, in words
  int best_epoch = -1;             // early stopping's best epoch (-1 when off)
  Diagnosis diagnosis;
  double initial_loss = 0, expected_initial_loss = 0;  // ln 2 (binary), ln k (softmax); NaN for regression
  bool initial_loss_ok = true;
  std::string initial_loss_note;
  int overfit_samples = 0;         // > 0 when the run was the "overfit a small sample" check
};

inline nlohmann::ordered_json to_json(const LearningRateVerdict& v) {
  return {{"verdict", v.verdict},         {"alpha", metric_value(v.alpha)},
          {"epochs", v.epochs},           {"window", v.window},
          {"initial_loss", metric_value(v.initial_loss)}, {"final_loss", metric_value(v.final_loss)},
          {"min_loss", metric_value(v.min_loss)},
          {"window_low", metric_value(v.window_low)},     {"window_high", metric_value(v.window_high)},
          {"rises", metric_value(v.rises)},               {"falls", metric_value(v.falls)},
          {"early_drop", metric_value(v.early_drop)},     {"late_drop", metric_value(v.late_drop)},
          {"dead", metric_value(v.dead)},                 {"dead_at_start", metric_value(v.dead_at_start)},
          {"diverged", v.diverged},
          {"evidence", v.evidence},
          {"recipe", v.recipe}};
}

// with_test_set shares the run's learning-rate verdict: it is written once, at the top.
inline nlohmann::ordered_json to_json(const Diagnosis& d) {
  nlohmann::ordered_json j = {{"bayes_error", d.bayes_error},
                              {"train_error", metric_value(d.train_error)},
                              {"dev_error", metric_value(d.dev_error)},
                              {"test_error", metric_value(d.test_error)},
                              {"train_dev_error", metric_value(d.train_dev_error)},
                              {"avoidable_bias", metric_value(d.avoidable_bias)},
                              {"variance", metric_value(d.variance)},
                              {"data_mismatch", metric_value(d.data_mismatch)},
                              {"variance_known", d.variance_known},
                              {"dev_set", d.dev_set},
                              {"case", d.case_name},
                              {"headline", d.headline},
                              {"recipe", d.recipe},
                              {"learning_rate", to_json(d.learning_rate)}};
  if (!d.with_test_set.empty()) {
    j["with_test_set"] = to_json(d.with_test_set.front());
    j["with_test_set"].erase("learning_rate");
  }
  return j;
}

inline nlohmann::ordered_json to_json(const RunSummary& s) {
  using json = nlohmann::ordered_json;
  const auto& f = s.final;
  auto accuracy = [](double error) { return std::isnan(error) ? json(nullptr) : metric_value(1.0 - error); };
  json summary = {
      {"epochs_run", s.epochs_run},
      {"stopped", s.stopped},
      {"message", s.message},
      {"best_epoch", s.best_epoch >= 0 ? json(s.best_epoch) : json(nullptr)},
      {"train_loss", metric_value(f.train_loss)}, {"train_accuracy", accuracy(f.train_error)},
      {"dev_loss", metric_value(f.dev_loss)},     {"dev_accuracy", accuracy(f.dev_error)},
      {"test_loss", metric_value(f.test_loss)},   {"test_accuracy", accuracy(f.test_error)},
      {"train_dev_loss", metric_value(f.train_dev_loss)}, {"train_dev_accuracy", accuracy(f.train_dev_error)},
      {"diagnosis", to_json(s.diagnosis)},
      {"initial_loss", {{"value", metric_value(s.initial_loss)},
                        {"expected", metric_value(s.expected_initial_loss)},
                        {"ok", s.initial_loss_ok},
                        {"note", s.initial_loss_note}}},
  };
  if (s.overfit_samples > 0)
    summary["overfit"] = {{"samples", s.overfit_samples}, {"train_error", metric_value(f.train_error)},
                          {"ok", f.train_error == 0.0}};
  return summary;
}

}  // namespace descent
