#pragma once
// Bias and variance in the course's terms. Given a Bayes (human-level) error:
//   avoidable bias = train error - Bayes error      variance = dev error - train error
// Each is "high" above kHighThreshold (2 percentage points), and the case names the recipe:
//   high bias      -> a bigger network, train longer, another architecture
//   high variance  -> more data, regularisation, another architecture
// The course's four examples (Bayes 0): 1%/11% high variance; 15%/16% high bias;
// 15%/30% both; 0.5%/1% neither.
#include <string>
#include <vector>

namespace descent {

struct Diagnosis {
  static constexpr double kHighThreshold = 0.02;

  double bayes_error = 0, train_error = 0, dev_error = 0;
  double avoidable_bias = 0, variance = 0;
  bool high_bias = false, high_variance = false;
  std::string case_name;            // "high bias", "high variance", "high bias and high variance", "low bias and low variance"
  std::vector<std::string> recipe;  // what to try next, in the course's order
};

inline Diagnosis diagnose(double train_error, double dev_error, double bayes_error = 0.0) {
  Diagnosis d;
  d.bayes_error = bayes_error;
  d.train_error = train_error;
  d.dev_error = dev_error;
  d.avoidable_bias = train_error - bayes_error;
  d.variance = dev_error - train_error;
  d.high_bias = d.avoidable_bias > Diagnosis::kHighThreshold;
  d.high_variance = d.variance > Diagnosis::kHighThreshold;
  if (d.high_bias && d.high_variance) d.case_name = "high bias and high variance";
  else if (d.high_bias) d.case_name = "high bias";
  else if (d.high_variance) d.case_name = "high variance";
  else d.case_name = "low bias and low variance";
  if (d.high_bias) {
    d.recipe.push_back("train a bigger network (more hidden units or layers)");
    d.recipe.push_back("train longer, or with a better optimizer (momentum, RMSProp, Adam)");
    d.recipe.push_back("try another architecture");
  }
  if (d.high_variance) {
    d.recipe.push_back("get more training data (or augment it)");
    d.recipe.push_back("add regularisation: L2, dropout, early stopping");
    d.recipe.push_back("try another architecture");
  }
  if (!d.high_bias && !d.high_variance)
    d.recipe.push_back("done: the model fits the training set and generalises to the dev set");
  return d;
}

}  // namespace descent
