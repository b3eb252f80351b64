// The lesson specs in public/lessons reproduce the course's experiments and their results.
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

#include <gtest/gtest.h>

#include "train/session.h"

using namespace descent;

namespace {

struct LessonRun {
  std::vector<EpochMetrics> history;
  std::vector<LayerStats> stats;
  size_t layers = 0;
};

// Trains every run of a lesson file; runs by label.
std::map<std::string, LessonRun> run_lesson(const std::string& id) {
  std::ifstream in(std::string(DESCENT_LESSONS_DIR) + "/" + id + ".json");
  EXPECT_TRUE(in) << id;
  const auto lesson = nlohmann::json::parse(in);
  std::map<std::string, LessonRun> runs;
  for (const auto& r : lesson.at("runs")) {
    Session s(parse_spec(r.at("spec")));
    while (!s.finished()) s.step(1 << 20);
    runs[r.at("label").get<std::string>()] = {s.history(), s.layer_stats(), s.network().layers.size()};
  }
  return runs;
}

double tail_mean(const LessonRun& r, size_t n) {
  double sum = 0;
  for (size_t i = r.history.size() - n; i < r.history.size(); ++i) sum += r.history[i].train_loss;
  return sum / double(n);
}

double tail_std(const LessonRun& r, size_t n) {
  const double mean = tail_mean(r, n);
  double sum = 0;
  for (size_t i = r.history.size() - n; i < r.history.size(); ++i) sum += std::pow(r.history[i].train_loss - mean, 2);
  return std::sqrt(sum / double(n));
}

}  // namespace

TEST(Lessons, InitializationZerosRandomAndHe) {
  auto runs = run_lesson("initialization");
  const auto &zeros = runs["zeros"].history, &random = runs["random x10"].history, &he = runs["He"].history;
  EXPECT_NEAR(zeros.back().train_loss, std::log(2.0), 1e-4);
  EXPECT_NEAR(zeros.back().test_error, 0.5, 0.05);
  EXPECT_GT(random.front().train_loss, 5.0);
  EXPECT_GT(random.back().test_error, he.back().test_error + 0.2);
  EXPECT_LE(he.back().test_error, 0.05);
}

TEST(Lessons, RegularizationNarrowsTheTrainDevGap) {
  auto runs = run_lesson("regularization");
  auto gap = [&](const std::string& label) {
    const auto& e = runs[label].history.back();
    return e.dev_error - e.train_error;
  };
  std::cout << "train-dev gap: none " << gap("no regularisation") << ", L2 " << gap("L2") << ", dropout "
            << gap("dropout") << "\n";
  EXPECT_GT(gap("no regularisation"), 0.08);  // high variance
  EXPECT_LT(gap("L2"), gap("no regularisation") - 0.04);
  EXPECT_LT(gap("dropout"), gap("no regularisation") - 0.04);
}

TEST(Lessons, OptimizationAdamIsClearlyAhead) {
  auto runs = run_lesson("optimization");
  const double gd = runs["mini-batch GD"].history.back().train_loss;
  const double momentum = runs["momentum"].history.back().train_loss;
  const double adam = runs["Adam"].history.back().train_loss;
  std::cout << "final cost: GD " << gd << ", momentum " << momentum << ", Adam " << adam << "\n";
  EXPECT_LT(adam, 0.4 * gd);
  EXPECT_LT(adam, 0.4 * momentum);
  EXPECT_LT(runs["Adam"].history.back().train_error, runs["mini-batch GD"].history.back().train_error - 0.05);
}

TEST(Lessons, LearningRateDecaySettlesTheCost) {
  auto runs = run_lesson("learning-rate-decay");
  const LessonRun &fixed = runs["fixed rate"], &staircase = runs["staircase decay"], &inverse = runs["inverse-time decay"];
  std::cout << "cost std over the last 1000 epochs: fixed " << tail_std(fixed, 1000) << ", staircase "
            << tail_std(staircase, 1000) << ", inverse time " << tail_std(inverse, 1000) << "\n";
  EXPECT_LT(tail_std(staircase, 1000), tail_std(fixed, 1000) / 3);
  EXPECT_LT(tail_std(inverse, 1000), tail_std(fixed, 1000) / 3);
  EXPECT_LT(tail_mean(staircase, 1000), tail_mean(fixed, 1000));
  EXPECT_NEAR(staircase.history[2500].learning_rate, 0.3 / 3, 1e-12);  // 0.3 / (1 + floor(2500 / 1000))
}

TEST(Lessons, InputNormalizationTrainsWhereRawInputsCrawl) {
  auto runs = run_lesson("input-normalization");
  const auto& raw = runs["raw inputs"].history.back();
  const auto& normalized = runs["normalised inputs"].history.back();
  EXPECT_LT(normalized.dev_error, 0.06);
  EXPECT_GT(raw.dev_error, normalized.dev_error + 0.2);
}

TEST(Lessons, VanishingAndExplodingActivations) {
  auto runs = run_lesson("vanishing-exploding-gradients");
  // Per-layer activation spread: grows as 1.5^l, shrinks as 0.5^l, stays level with He.
  auto spread = [&](const std::string& label, size_t l) {
    const LessonRun& r = runs[label];
    return r.stats[r.history.front().stats_begin + l].act_std;  // at initialisation
  };
  const size_t L = 15;  // hidden linear layers
  EXPECT_NEAR(spread("W = 1.5 I", L - 1) / spread("W = 1.5 I", 0), std::pow(1.5, L - 1), 0.02 * std::pow(1.5, L - 1));
  EXPECT_NEAR(spread("W = 0.5 I", L - 1) / spread("W = 0.5 I", 0), std::pow(0.5, L - 1), 0.02 * std::pow(0.5, L - 1));
  const double he_ratio = spread("He", L - 1) / spread("He", 0);
  EXPECT_GT(he_ratio, 0.1);
  EXPECT_LT(he_ratio, 10.0);
}
