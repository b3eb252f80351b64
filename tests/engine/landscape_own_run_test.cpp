// The loss landscape of the learner's own run: the path a Session records while it trains
// (Session::path), and run_landscape() drawing it. The references are the session itself:
// its final weights and the training loss it reports for them.
//   P  number of parameters
#include <cmath>
#include <iostream>

#include <gtest/gtest.h>

#include "allocation_counter.h"
#include "landscape/landscape.h"
#include "train/session.h"

using namespace descent;
using json = nlohmann::json;

namespace {

Spec small_run(int epochs) {
  Spec s = default_spec();  // circles, [2, 8, 8, 1] ReLU, mini-batch GD at 0.1
  s.epochs = epochs;
  return s;
}

void train_to_end(Session& s) {
  while (!s.finished()) s.step(1000);
}

struct Path {
  std::vector<Vector<double>> thetas;  // (P) each
  std::vector<long long> steps;
};

Path path_of(const Session& s, int max_points = 1000) {
  Path p;
  s.path(max_points, p.thetas, p.steps);
  return p;
}

}  // namespace

TEST(RecordedPath, StartsAtTheInitialWeightsAndEndsAtTheFinalOnes) {
  Session s(small_run(100));
  const Vector<float> theta0 = s.network().params.theta;  // (P)
  train_to_end(s);
  const Path p = path_of(s);
  ASSERT_GE(p.thetas.size(), 2u);
  EXPECT_EQ(p.thetas.front(), theta0.cast<double>());
  EXPECT_EQ(p.steps.front(), 0);
  EXPECT_EQ(p.thetas.back(), s.network().params.theta.cast<double>());  // exactly the session's final weights
  EXPECT_EQ(p.steps.back(), s.steps());
  // Bounded and evenly thinned: at most kPathCapacity snapshots (and the end), equal gaps.
  EXPECT_LE(s.path_size(), Session::kPathCapacity);
  EXPECT_GE(s.path_size(), Session::kPathCapacity / 2);
  EXPECT_EQ(s.path_stride() & (s.path_stride() - 1), 0) << "the stride doubles from 1";
  for (size_t i = 1; i + 1 < p.steps.size(); ++i) EXPECT_EQ(p.steps[i] - p.steps[i - 1], s.path_stride());
  std::cout << s.steps() << " steps: " << s.path_size() << " snapshots, one every " << s.path_stride()
            << " steps, " << p.thetas.size() << " points with the end\n";
}

TEST(RecordedPath, FewerPointsAreChosenEvenlyWithBothEnds) {
  Session s(small_run(30));
  train_to_end(s);
  const Path all = path_of(s), few = path_of(s, 7);
  ASSERT_EQ(few.thetas.size(), 7u);
  EXPECT_EQ(few.thetas.front(), all.thetas.front());
  EXPECT_EQ(few.thetas.back(), all.thetas.back());
  EXPECT_EQ(few.steps.back(), s.steps());
  for (size_t i = 1; i < few.steps.size(); ++i) EXPECT_GT(few.steps[i], few.steps[i - 1]);
  EXPECT_THROW(path_of(s, 1), std::invalid_argument);
}

TEST(RecordedPath, EarlyStoppingEndsThePathAtTheWeightsItKept) {
  Spec spec = small_run(300);
  spec.early_stopping.enabled = true;
  spec.early_stopping.patience = 3;
  spec.optimizer.learning_rate = 1.0;  // fast, then noisy: it stops early
  Session s(spec);
  train_to_end(s);
  ASSERT_EQ(s.summary().stopped, "early_stopping");
  const Path p = path_of(s);
  EXPECT_EQ(p.thetas.back(), s.network().params.theta.cast<double>());
}

TEST(RecordedPath, ResetStartsAFreshPath) {
  Session s(small_run(20));
  s.step(50);
  s.reset();
  EXPECT_EQ(s.path_size(), 1);
  EXPECT_EQ(s.path_stride(), 1);
  const Path p = path_of(s);
  EXPECT_EQ(p.steps, (std::vector<long long>{0}));  // the initial weights are the current ones
}

TEST(RecordedPath, RecordingAndThinningAllocateNothing) {
  Session s(small_run(300));
  s.step(10);  // warm-up
  if (!descent_test::kCountsAllocations) GTEST_SKIP() << "no allocation counter in this build";
  const long long stride = s.path_stride();
  const long allocations = descent_test::allocations_during([&] { s.step(3000); });
  EXPECT_EQ(allocations, 0);
  EXPECT_GT(s.path_stride(), stride) << "3000 steps thin the path at least once";
}

TEST(RunLandscape, TheLossAtThePathsEndIsTheRunsFinalTrainingLoss) {
  Session s(small_run(100));
  train_to_end(s);
  const double final_loss = s.history().back().train_loss;
  const Vector<float> theta = s.network().params.theta;
  const json a = json::parse(run_landscape(s, R"({"resolution": 21})"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["steps"].get<long long>(), s.steps());
  EXPECT_EQ(a["epoch"].get<int>(), 100);
  EXPECT_TRUE(a["finished"].get<bool>());
  ASSERT_EQ(a["runs"].size(), 1u);
  const json& run = a["runs"][0];
  EXPECT_EQ(run["label"], "This run");
  const json& end = run["points"].back();
  EXPECT_NEAR(end[2].get<double>(), final_loss, 1e-6 * final_loss);  // float tolerance
  EXPECT_NEAR(run["final_train_loss"].get<double>(), final_loss, 1e-6 * final_loss);
  EXPECT_EQ(end[0].get<double>(), 0.0);  // the final weights are the plane's origin
  EXPECT_EQ(end[1].get<double>(), 0.0);
  EXPECT_EQ(run["steps"].back().get<long long>(), s.steps());
  EXPECT_EQ(run["points"].size(), run["steps"].size());
  EXPECT_NEAR(run["points"][0][2].get<double>(), s.history().front().train_loss, 1e-6);
  EXPECT_NEAR(a["line"]["loss"][50].get<double>(), final_loss, 1e-6 * final_loss);  // t = 1
  std::cout << "final training loss " << final_loss << ", at the path's end " << end[2] << ", "
            << run["points"].size() << " points, explained " << a["plane"]["explained"] << "\n";

  // The plane evaluated on a symmetric 3 x 3 grid: its centre is the origin, the path's end.
  Path p = path_of(s);
  const Plane plane = principal_plane(p.thetas);
  Vector<float> scratch(theta.size());
  std::vector<double> values;
  evaluate_plane(s, plane, {3, -1.0, 1.0, -1.0, 1.0}, scratch, values);
  EXPECT_NEAR(values[4], final_loss, 1e-6 * final_loss);

  EXPECT_EQ(s.network().params.theta, theta);  // the run's weights are untouched
}

TEST(RunLandscape, TheRunGoesOnAsIfNothingHadHappened) {
  Session drawn(small_run(40)), plain(small_run(40));
  drawn.step(200);
  plain.step(200);
  ASSERT_TRUE(json::parse(run_landscape(drawn, R"({"resolution": 9})"))["ok"].get<bool>());
  train_to_end(drawn);
  train_to_end(plain);
  EXPECT_EQ(drawn.history().back().train_loss, plain.history().back().train_loss);
  EXPECT_EQ(drawn.network().params.theta, plain.network().params.theta);
}

TEST(RunLandscape, OtherOptimizersTrainFromTheSameStartForAsManySteps) {
  Session s(small_run(30));
  train_to_end(s);
  const json a = json::parse(run_landscape(s, R"({"label": "Your run", "resolution": 11, "runs": [
      {"label": "Momentum", "optimizer": {"name": "momentum", "learning_rate": 0.1}},
      {"optimizer": {"name": "adam", "learning_rate": 0.01}}]})"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  ASSERT_EQ(a["runs"].size(), 3u);
  EXPECT_EQ(a["runs"][0]["label"], "Your run");
  EXPECT_EQ(a["runs"][1]["label"], "Momentum");
  EXPECT_EQ(a["runs"][2]["label"], "adam");
  for (const json& run : a["runs"]) {
    EXPECT_EQ(run["steps"].back().get<long long>(), s.steps());
    EXPECT_EQ(run["points"][0], a["runs"][0]["points"][0]);  // the same initial weights
    EXPECT_LT(run["final_train_loss"].get<double>(), run["points"][0][2].get<double>());
  }
}

TEST(RunLandscape, ARunNotYetTrainedOrABadRequestIsAnErrorAsData) {
  Session s(small_run(10));
  const json untrained = json::parse(run_landscape(s, "{}"));
  EXPECT_FALSE(untrained["ok"].get<bool>());
  EXPECT_EQ(untrained["error"]["field"], "run");
  s.step(5);
  const json four = json::parse(run_landscape(s, R"({"runs": [{}, {}, {}, {}]})"));
  EXPECT_EQ(four["error"]["message"], "runs is 4 runs; allowed: at most 3 other runs");
  const json typo = json::parse(run_landscape(s, R"({"resolutoin": 11})"));
  EXPECT_EQ(typo["error"]["field"], "resolutoin");
  const json text = json::parse(run_landscape(s, "not json"));
  EXPECT_EQ(text["error"]["field"], "request");
}
