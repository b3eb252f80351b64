// The diagnosis of real runs built to produce each case: no dev set (variance unknown, the
// test set only on request); a learning rate too large and too small, said before bias and
// variance; and the course's four cases high bias, high variance, both and neither.
#include <cmath>
#include <fstream>
#include <iostream>

#include <gtest/gtest.h>

#include "train/run_diagnosis.h"
#include "train/session.h"
#include "train/session_api.h"

using namespace descent;

namespace {

struct Trained {
  RunSummary summary;
  std::vector<EpochMetrics> history;
  const Diagnosis& d() const { return summary.diagnosis; }
};

Trained train(const Spec& spec) {
  Session s(spec);
  while (!s.finished()) s.step(1 << 20);
  return {s.summary(), s.history()};
}

Trained train(const std::string& json) { return train(parse_spec(json)); }

nlohmann::json lesson_spec(const std::string& id, const std::string& label) {
  std::ifstream in(std::string(DESCENT_LESSONS_DIR) + "/" + id + ".json");
  EXPECT_TRUE(in) << id;
  const auto lesson = nlohmann::json::parse(in);  // kept: the loop reads into it
  for (const auto& r : lesson.at("runs"))
    if (r.at("label").get<std::string>() == label) return r.at("spec");
  ADD_FAILURE() << "no run " << label << " in lesson " << id;
  return nlohmann::json::object();
}

// The figures a reader of the test log wants: errors, gaps, the verdicts and their evidence.
void print(const std::string& name, const Trained& r) {
  const Diagnosis& d = r.d();
  const LearningRateVerdict& lr = d.learning_rate;
  std::cout << name << ": train " << d.train_error << ", dev " << d.dev_error << ", test " << d.test_error
            << ", bias " << d.avoidable_bias << ", variance " << d.variance << " -> \"" << d.case_name
            << "\"; learning rate " << lr.alpha << " \"" << lr.verdict << "\" (loss " << lr.initial_loss << " -> "
            << lr.final_loss << ", min " << lr.min_loss << ", window " << lr.window << " [" << lr.window_low << ", "
            << lr.window_high << "] rises " << lr.rises << " falls " << lr.falls << ", quarters " << lr.early_drop
            << " / " << lr.late_drop << ", dead " << lr.dead << " from " << lr.dead_at_start << ")\n";
  for (const auto& e : lr.evidence) std::cout << "    evidence: " << e << "\n";
  for (const auto& step : d.recipe) std::cout << "    next: " << step << "\n";
}

// The page's default experiment (circles, [2, 8, 8, 1] ReLU, mini-batch GD) at another alpha.
Trained default_run_at(double alpha) {
  Spec spec = default_spec();
  spec.optimizer.learning_rate = alpha;
  const Trained r = train(spec);
  print("default spec, alpha " + std::to_string(alpha), r);
  return r;
}

// One of the course's four cases, read from the numbers: each gap on its side of the 2-point
// threshold, the case named for them, and a learning rate that is not the problem.
void expect_case(const Diagnosis& d, const std::string& case_name, bool high_bias, bool high_variance) {
  EXPECT_EQ(d.case_name, case_name);
  EXPECT_EQ(d.avoidable_bias > Diagnosis::kHighThreshold, high_bias) << d.avoidable_bias;
  EXPECT_EQ(d.variance > Diagnosis::kHighThreshold, high_variance) << d.variance;
  EXPECT_EQ(d.learning_rate.verdict, "ok");
  EXPECT_EQ(d.headline, case_name);
}

bool mentions(const std::vector<std::string>& lines, const std::string& words) {
  for (const auto& line : lines)
    if (line.find(words) != std::string::npos) return true;
  return false;
}

const double kChance = std::log(2.0);

}  // namespace

// "Initialisation: He" has a train/test split and no dev set: the variance is unknown, the
// train error is never copied as a dev error, and nothing claims generalisation to a dev set.
TEST(Diagnosis, NoDevSetMeansVarianceUnknownAndTheTestSetOnlyOnRequest) {
  const Trained r = train(parse_spec(lesson_spec("initialization", "He")));
  print("He, no dev set", r);
  const Diagnosis& d = r.d();
  EXPECT_TRUE(std::isnan(d.dev_error));
  EXPECT_TRUE(std::isnan(d.variance));
  EXPECT_FALSE(d.variance_known);
  EXPECT_FALSE(d.high_variance);
  EXPECT_EQ(d.dev_set, "none");
  EXPECT_EQ(d.case_name, "low bias; variance unknown (no dev set)");
  EXPECT_LT(d.train_error, Diagnosis::kHighThreshold);
  EXPECT_FALSE(mentions(d.recipe, "generalises to"));
  EXPECT_TRUE(mentions(d.recipe, "unknown without a dev set"));
  EXPECT_EQ(d.learning_rate.verdict, "ok");
  EXPECT_EQ(d.headline, d.case_name);
  // The test set, read in the dev set's place only in with_test_set, which says so.
  ASSERT_EQ(d.with_test_set.size(), 1u);
  const Diagnosis& t = d.with_test_set.front();
  EXPECT_EQ(t.dev_set, "test");
  EXPECT_DOUBLE_EQ(t.dev_error, r.summary.final.test_error);
  EXPECT_DOUBLE_EQ(d.test_error, r.summary.final.test_error);
  EXPECT_NEAR(t.variance, r.summary.final.test_error - r.summary.final.train_error, 1e-12);
  EXPECT_TRUE(t.variance_known);
  EXPECT_EQ(t.case_name, "low bias and low variance (test set in place of a dev set)");
  EXPECT_TRUE(mentions(t.recipe, "generalises to the test set (standing in for a dev set"));
  // The JSON the page reads: dev error and variance null, the reading with the test set beside.
  const auto j = to_json(d);
  EXPECT_TRUE(j["dev_error"].is_null());
  EXPECT_TRUE(j["variance"].is_null());
  EXPECT_EQ(j["variance_known"], false);
  EXPECT_EQ(j["case"], "low bias; variance unknown (no dev set)");
  EXPECT_EQ(j["with_test_set"]["dev_set"], "test");
  EXPECT_EQ(j["with_test_set"]["dev_error"], r.summary.final.test_error);
  EXPECT_FALSE(j["with_test_set"].contains("learning_rate"));
  EXPECT_EQ(j["learning_rate"]["verdict"], "ok");
}

// The initialisation lesson's other runs: weights ten times too large diverge at the course's
// alpha = 0.01 (the weights are blamed, not the rate); all-zero weights never move (no verdict).
TEST(Diagnosis, TheInitialWeightsAreBlamedBeforeTheLearningRate) {
  const Trained big = train(parse_spec(lesson_spec("initialization", "random x10")));
  print("random x10", big);
  EXPECT_EQ(big.d().learning_rate.verdict, "initial weights too large");
  EXPECT_EQ(big.d().headline, "initial weights too large");
  EXPECT_GT(big.d().learning_rate.initial_loss, LearningRateRules::kBigStart * kChance);
  EXPECT_EQ(big.d().recipe.front(), "initialise the weights at the right scale: He (ReLU) or Xavier (tanh), scale 1");
  const Trained zeros = train(parse_spec(lesson_spec("initialization", "zeros")));
  print("zeros", zeros);
  EXPECT_EQ(zeros.d().learning_rate.verdict, "unknown");
  EXPECT_TRUE(mentions(zeros.d().learning_rate.evidence, "the training loss did not move"));
  EXPECT_NEAR(zeros.d().learning_rate.final_loss, kChance, 1e-3);
  EXPECT_EQ(zeros.d().headline, "high bias; variance unknown (no dev set)");
}

// Without a dev set and a test set, a high bias is still read; only the variance is unknown.
TEST(Diagnosis, NoDevSetStillReadsTheBias) {
  const Diagnosis d = diagnose(0.15, std::nan(""));
  EXPECT_EQ(d.case_name, "high bias; variance unknown (no dev set)");
  EXPECT_EQ(d.recipe.front(), "train a bigger network (more hidden units or layers)");
  EXPECT_TRUE(mentions(d.recipe, "hold one out"));
}

// GD, ReLU, alpha = 10 on the circles: the loss jumps about and the ReLUs die. The learning
// rate is named first; "train a bigger network" is not the advice.
TEST(Diagnosis, LearningRateTooLarge) {
  const Trained r = default_run_at(10);
  const Diagnosis& d = r.d();
  const LearningRateVerdict& lr = d.learning_rate;
  EXPECT_EQ(lr.verdict, "too large");
  EXPECT_EQ(d.headline, "learning rate too large");
  EXPECT_DOUBLE_EQ(lr.alpha, 10.0);
  EXPECT_GT(lr.dead, 0.9);          // most ReLU activations at 0
  EXPECT_LT(lr.dead_at_start, 0.9);  // they died in training
  EXPECT_TRUE(mentions(lr.evidence, "of the hidden ReLU activations are 0"));
  EXPECT_EQ(d.recipe.front(), "lower the learning rate 3 to 10 times: α = 10 → 3.33 to 1");
  EXPECT_TRUE(mentions(d.recipe, "learning-rate decay"));
  EXPECT_TRUE(mentions(d.recipe, "Adam"));
  EXPECT_FALSE(mentions(d.recipe, "bigger network"));
  EXPECT_TRUE(d.high_bias);  // the errors are still read, after the learning rate
}

// A run that diverges is too large whatever else it shows.
TEST(Diagnosis, DivergenceIsALearningRateTooLarge) {
  const Trained r = train(R"({"optimizer": {"learning_rate": 100}, "init": {"scheme": "random", "scale": 5},
    "layers": [{"units": 32, "activation": "linear"}, {"units": 32, "activation": "linear"},
               {"units": 32, "activation": "linear"}, {"units": 1, "activation": "linear"}], "epochs": 50})");
  ASSERT_EQ(r.summary.stopped, "diverged");
  EXPECT_EQ(r.d().learning_rate.verdict, "too large");
  EXPECT_TRUE(r.d().learning_rate.diverged);
  EXPECT_TRUE(mentions(r.d().learning_rate.evidence, "diverged"));
}

// alpha = 1e-5 on the default experiment: the loss crawls down a straight line.
TEST(Diagnosis, LearningRateTooSmall) {
  const Trained r = default_run_at(1e-5);
  const Diagnosis& d = r.d();
  const LearningRateVerdict& lr = d.learning_rate;
  EXPECT_EQ(lr.verdict, "too small");
  EXPECT_EQ(d.headline, "learning rate too small");
  EXPECT_GT(lr.early_drop, 0.0);
  EXPECT_GE(lr.late_drop, LearningRateRules::kStillFast * lr.early_drop);
  EXPECT_LT(lr.initial_loss - lr.final_loss, LearningRateRules::kSlow * kChance);
  EXPECT_EQ(d.recipe.front().rfind("raise the learning rate on a log scale, 10 times at a time: α = 1e-05 → 0.0001", 0), 0u);
  EXPECT_FALSE(mentions(d.recipe, "bigger network"));
}

// Logistic regression on the moons: a straight boundary cannot follow them.
TEST(Diagnosis, HighBias) {
  const Trained r = train(R"({"seed": 1, "data": {"source": "moons", "samples": 600, "noise": 0.1},
    "split": {"train": 0.5, "dev": 0.5, "test": 0},
    "layers": [{"units": 1, "activation": "sigmoid"}],
    "optimizer": {"name": "adam", "learning_rate": 0.01}, "batch_size": 32, "epochs": 300})");
  print("high bias", r);
  const Diagnosis& d = r.d();
  expect_case(d, "high bias", true, false);
  EXPECT_GT(d.avoidable_bias, 0.05);
  EXPECT_EQ(d.recipe.front(), "train a bigger network (more hidden units or layers)");
}

// A big network on few noisy circles, trained long with nothing to hold it back.
TEST(Diagnosis, HighVariance) {
  const Trained r = train(R"({"seed": 3, "data": {"samples": 100, "noise": 0.2}, "split": {"train": 0.5, "dev": 0.5, "test": 0},
    "layers": [{"units": 64, "activation": "relu"}, {"units": 64, "activation": "relu"}, {"units": 1, "activation": "sigmoid"}],
    "optimizer": {"name": "adam", "learning_rate": 0.01}, "batch_size": 10, "epochs": 500})");
  print("high variance", r);
  const Diagnosis& d = r.d();
  expect_case(d, "high variance", false, true);
  EXPECT_GT(d.variance, 0.05);
  EXPECT_EQ(d.recipe.front(), "get more training data (or augment it)");
}

// A small network that memorises part of a few noisy moons and still misses the rest.
TEST(Diagnosis, HighBiasAndHighVariance) {
  const Trained r = train(R"({"seed": 4, "data": {"source": "moons", "samples": 400, "noise": 0.35},
    "split": {"train": 0.1, "dev": 0.9, "test": 0},
    "layers": [{"units": 6, "activation": "relu"}, {"units": 1, "activation": "sigmoid"}],
    "optimizer": {"name": "adam", "learning_rate": 0.01}, "batch_size": 8, "epochs": 300})");
  print("both", r);
  expect_case(r.d(), "high bias and high variance", true, true);
}

// The page's default experiment (GD, alpha = 0.1, 300 epochs): it fits the circles and
// generalises to the dev set.
TEST(Diagnosis, Neither) {
  const Trained r = train(default_spec());
  print("neither", r);
  const Diagnosis& d = r.d();
  expect_case(d, "low bias and low variance", false, false);
  EXPECT_EQ(d.recipe.front(), "done: the model fits the training set and generalises to the dev set");
}

// The host's answer carries the same diagnosis while the run goes and in its summary.
TEST(Diagnosis, TheSessionApiSendsTheLearningRateVerdict) {
  SessionApi api;
  ASSERT_TRUE(nlohmann::json::parse(api.load(R"({"optimizer": {"name": "gd", "learning_rate": 10}})"))["ok"]);
  nlohmann::json answer;
  do answer = nlohmann::json::parse(api.step(100000)); while (!answer["finished"]);
  EXPECT_EQ(answer["diagnosis"]["headline"], "learning rate too large");
  EXPECT_EQ(answer["diagnosis"]["learning_rate"]["verdict"], "too large");
  EXPECT_EQ(answer["summary"]["diagnosis"]["learning_rate"]["verdict"], "too large");
  EXPECT_GT(answer["diagnosis"]["learning_rate"]["dead"].get<double>(), 0.9);
  EXPECT_TRUE(answer["diagnosis"]["case"].get<std::string>().find("high bias") != std::string::npos);
}

// Every lesson run without a dev set (optimisation, decay): no claim about generalisation.
TEST(Diagnosis, NoLessonRunWithoutADevSetClaimsGeneralisation) {
  for (const std::string id : {"optimization", "learning-rate-decay"}) {
    std::ifstream in(std::string(DESCENT_LESSONS_DIR) + "/" + id + ".json");
    ASSERT_TRUE(in) << id;
    const auto lesson = nlohmann::json::parse(in);
    for (const auto& run : lesson.at("runs")) {
      const Trained r = train(parse_spec(run.at("spec")));
      print(id + " / " + run.at("label").get<std::string>(), r);
      EXPECT_FALSE(r.d().variance_known);
      EXPECT_NE(r.d().case_name.find("variance unknown (no dev set)"), std::string::npos);
      EXPECT_FALSE(mentions(r.d().recipe, "generalises to"));
    }
  }
}
