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

inline nlohmann::ordered_json to_json(const Diagnosis& d) {
  return {{"bayes_error", d.bayes_error},
          {"avoidable_bias", metric_value(d.avoidable_bias)},
          {"variance", metric_value(d.variance)},
          {"case", d.case_name},
          {"recipe", d.recipe}};
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
