#pragma once
// Bias and variance in the course's terms. Given a Bayes (human-level) error:
//   avoidable bias = train error - Bayes error      variance = dev error - train error
// Each is "high" above kHighThreshold (2 percentage points), and the case names the recipe:
//   high bias      -> a bigger network, train longer, another architecture
//   high variance  -> more data, regularisation, another architecture
// The course's four examples (Bayes 0): 1%/11% high variance; 15%/16% high bias;
// 15%/30% both; 0.5%/1% neither.
// With a train-dev set (examples held out of the training distribution, data.train_dev) the
// dev gap splits in two, as the course teaches when train and dev/test come from different
// distributions:
//   variance = train-dev error - train error     data mismatch = dev error - train-dev error
// and a data mismatch above the threshold adds its own recipe (error analysis; training data
// made more like dev/test).
// Without a dev set the variance is unknown: the case says so and nothing is claimed about
// generalisation (the test set stands in only when the learner asks, and the reading says so).
// A learning rate that is the problem (train/run_diagnosis.h) comes first: while the loss
// jumps about or crawls, a bigger network is not the next move.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace descent {

// The learning rate, read from the training-loss curve and the ReLU units of a run.
struct LearningRateVerdict {
  static constexpr double none = std::numeric_limits<double>::quiet_NaN();

  // "too large", "too small", "ok", "unknown" (too few epochs, or a loss that did not move), or
  // "initial weights too large": the symptoms of a large rate from a start far above chance.
  std::string verdict = "unknown";
  double alpha = none;              // the rate the run used
  int epochs = 0;                   // epochs read
  int window = 0;                   // the last epochs read for rises and swings
  double initial_loss = none, final_loss = none, min_loss = none;  // train loss: epoch 0, end, lowest
  double window_low = none, window_high = none;  // lowest and highest train loss in the window
  double rises = none, falls = none;             // sums of the epoch-to-epoch rises and falls there
  double early_drop = none, late_drop = none;    // loss fallen in the first and in the last quarter
  double dead = none, dead_at_start = none;      // hidden ReLU activations at 0 (NaN: no ReLU layer)
  bool diverged = false;
  std::vector<std::string> evidence;  // what was seen, with its numbers
  std::vector<std::string> recipe;    // the course's next move

  bool problem() const { return verdict == "too large" || verdict == "too small" || verdict == "initial weights too large"; }
  std::string headline() const { return verdict == "initial weights too large" ? verdict : "learning rate " + verdict; }
};

struct Diagnosis {
  static constexpr double kHighThreshold = 0.02;

  double bayes_error = 0, train_error = 0, dev_error = 0;  // dev_error NaN: no dev set
  double test_error = LearningRateVerdict::none;            // shown only; never read as a dev error unasked
  double avoidable_bias = 0, variance = 0;                  // variance NaN: unknown
  double train_dev_error = LearningRateVerdict::none;       // NaN: no train-dev set
  double data_mismatch = LearningRateVerdict::none;         // dev - train-dev; NaN without both sets
  bool high_bias = false, high_variance = false, high_mismatch = false;
  bool variance_known = true;
  std::string dev_set = "dev";      // what gave dev_error: "dev", "test" (the learner asked) or "none"
  std::string case_name;            // "high bias", "high variance", "high bias and high variance", "low bias and low variance";
                                    // with a train-dev set: "data mismatch", "high bias and data mismatch", ...,
                                    // or the case and "; no data mismatch" (no dev set: "; data mismatch unknown (no dev set)");
                                    // no dev set: "high bias; variance unknown (no dev set)", "low bias; variance unknown (no dev set)";
                                    // the test set in its place: the case and " (test set in place of a dev set)"
  std::vector<std::string> recipe;  // what to try next, in the course's order
  LearningRateVerdict learning_rate;
  std::string headline;             // what to fix first: LearningRateVerdict::headline() when it is a problem, else the case
  std::vector<Diagnosis> with_test_set;  // no dev set but a test set: the reading with the test set in its place (0 or 1)
};

inline Diagnosis diagnose(double train_error, double dev_error, double bayes_error = 0.0,
                          double train_dev_error = LearningRateVerdict::none) {
  Diagnosis d;
  d.bayes_error = bayes_error;
  d.train_error = train_error;
  d.dev_error = dev_error;
  d.train_dev_error = train_dev_error;
  const bool with_train_dev = !std::isnan(train_dev_error);
  d.avoidable_bias = train_error - bayes_error;
  d.variance = (with_train_dev ? train_dev_error : dev_error) - train_error;
  d.variance_known = with_train_dev || !std::isnan(dev_error);
  if (std::isnan(dev_error)) d.dev_set = "none";
  if (with_train_dev) d.data_mismatch = dev_error - train_dev_error;
  d.high_bias = d.avoidable_bias > Diagnosis::kHighThreshold;
  d.high_variance = d.variance_known && d.variance > Diagnosis::kHighThreshold;
  d.high_mismatch = d.data_mismatch > Diagnosis::kHighThreshold;
  if (!d.variance_known) d.case_name = d.high_bias ? "high bias; variance unknown (no dev set)" : "low bias; variance unknown (no dev set)";
  else if (d.high_bias && d.high_variance) d.case_name = "high bias and high variance";
  else if (d.high_bias) d.case_name = "high bias";
  else if (d.high_variance) d.case_name = "high variance";
  else d.case_name = "low bias and low variance";
  if (d.high_mismatch)  // "data mismatch", "high variance and data mismatch", "high bias, high variance and ..."
    d.case_name = !d.high_bias && !d.high_variance ? "data mismatch"
                  : d.high_bias && d.high_variance ? "high bias, high variance and data mismatch"
                                                   : d.case_name + " and data mismatch";
  else if (with_train_dev && !std::isnan(dev_error)) d.case_name += "; no data mismatch";
  else if (with_train_dev) d.case_name += "; data mismatch unknown (no dev set)";
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
  if (d.high_mismatch) {
    d.recipe.push_back("look at dev examples the model gets wrong to see how they differ from the training set (error analysis)");
    d.recipe.push_back("make the training data more like dev/test: collect more of it, or synthesise it (with care not to cover only a corner of the real variety)");
  }
  if (!d.variance_known)
    d.recipe.push_back(std::string(d.high_bias ? "" : "the model fits the training set; ") +
                       "whether it generalises is unknown without a dev set: hold one out (e.g. train/dev/test 60/20/20)");
  else if (!d.high_bias && !d.high_variance && std::isnan(dev_error))  // a train-dev set, no dev set
    d.recipe.push_back("the model fits the training set and generalises to the train-dev set; whether it does as well "
                       "on dev/test data is unknown without a dev set: hold one out");
  else if (!d.high_bias && !d.high_variance && !d.high_mismatch)
    d.recipe.push_back("done: the model fits the training set and generalises to the dev set");
  d.headline = d.case_name;
  return d;
}

// The same reading with the test set in the dev set's place, because the learner asked.
inline Diagnosis diagnose_with_test_set(double train_error, double test_error, double bayes_error = 0.0) {
  Diagnosis d = diagnose(train_error, test_error, bayes_error);
  d.dev_set = "test";
  d.test_error = test_error;
  d.case_name += " (test set in place of a dev set)";
  d.headline = d.case_name;
  for (auto& step : d.recipe)
    if (step.rfind("done:", 0) == 0)
      step = "done: the model fits the training set and generalises to the test set (standing in for a dev set: "
             "tune on it and its error is no longer an unbiased estimate)";
  return d;
}

// When the learning rate is the problem its moves come first and replace the bias/variance
// recipe: the gaps are read again once the loss falls smoothly.
inline void put_learning_rate_first(Diagnosis& d, const LearningRateVerdict& lr) {
  d.learning_rate = lr;
  if (!lr.problem()) return;
  d.headline = lr.headline();
  d.recipe = lr.recipe;
  d.recipe.push_back(lr.verdict != "too small"
                         ? "then read bias and variance again, once the training loss falls smoothly"
                         : "then read bias and variance again, once the loss has levelled off");
}

}  // namespace descent
