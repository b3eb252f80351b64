// The trainer: early stopping restores the best weights, divergence stops at the step with
// the last good weights, the diagnosis names the course's four cases, the recipe's checks.
#include <cmath>

#include <gtest/gtest.h>

#include "train/diagnosis.h"
#include "train/session.h"

using namespace descent;

namespace {

void train(Session& s) {
  while (!s.finished()) s.step(100000);
}

}  // namespace

// The course's four examples, with Bayes error 0.
TEST(Diagnosis, TheCoursesFourCases) {
  EXPECT_EQ(diagnose(0.01, 0.11).case_name, "high variance");
  EXPECT_EQ(diagnose(0.15, 0.16).case_name, "high bias");
  EXPECT_EQ(diagnose(0.15, 0.30).case_name, "high bias and high variance");
  EXPECT_EQ(diagnose(0.005, 0.01).case_name, "low bias and low variance");
  const Diagnosis d = diagnose(0.15, 0.30);
  EXPECT_NEAR(d.avoidable_bias, 0.15, 1e-12);
  EXPECT_NEAR(d.variance, 0.15, 1e-12);
  EXPECT_EQ(d.recipe.front(), "train a bigger network (more hidden units or layers)");
  EXPECT_EQ(d.recipe[3], "get more training data (or augment it)");
  // With a human-level error of 14%, 15% training error is no longer high bias.
  EXPECT_EQ(diagnose(0.15, 0.16, 0.14).case_name, "low bias and low variance");
}

TEST(Trainer, EarlyStoppingRestoresTheBestWeights) {
  // A big network on few noisy points overfits: the dev loss turns up.
  Spec spec = parse_spec(std::string(R"({"seed": 3, "data": {"samples": 100, "noise": 0.2},
    "split": {"train": 0.5, "dev": 0.5, "test": 0},
    "layers": [{"units": 64, "activation": "relu"}, {"units": 64, "activation": "relu"}, {"units": 1, "activation": "sigmoid"}],
    "optimizer": {"name": "adam", "learning_rate": 0.01}, "batch_size": 10, "epochs": 2000,
    "early_stopping": {"enabled": true, "monitor": "dev_loss", "patience": 25}})"));
  Session s(spec);
  train(s);
  const RunSummary summary = s.summary();
  std::cout << "early stopping: " << summary.message << "\n";
  ASSERT_EQ(summary.stopped, "early_stopping");
  EXPECT_LT(s.epoch(), 2000);
  EXPECT_EQ(s.epoch(), summary.best_epoch + 25);
  EXPECT_GT(summary.best_epoch, 5);  // the dev loss fell first, then rose
  // The best epoch has the lowest dev loss of the run, and the weights now give its metrics.
  double lowest = 1e9;
  for (const auto& e : s.history()) lowest = std::min(lowest, e.dev_loss);
  EXPECT_EQ(summary.final.dev_loss, lowest);
  const auto& X_dev = s.data().dev.X;
  auto& net = s.network();
  net.forward(X_dev.cast<float>(), false);
  EXPECT_NEAR(net.loss(s.data().dev.Y.cast<float>()), lowest, 1e-6);
}

TEST(Trainer, DivergenceStopsAtTheStepAndKeepsTheLastGoodWeights) {
  Spec spec = parse_spec(std::string(R"({"optimizer": {"learning_rate": 100}, "init": {"scheme": "random", "scale": 5},
    "layers": [{"units": 32, "activation": "linear"}, {"units": 32, "activation": "linear"}, {"units": 32, "activation": "linear"},
               {"units": 1, "activation": "linear"}], "epochs": 50})"));
  Session s(spec);
  train(s);
  const RunSummary summary = s.summary();
  std::cout << "divergence: " << summary.message << "\n";
  ASSERT_EQ(summary.stopped, "diverged");
  EXPECT_LT(s.epoch(), 50);
  EXPECT_TRUE(s.network().params.theta.allFinite());
  EXPECT_NE(summary.message.find("The learning rate (100) is probably too high, or the initial weights too large"),
            std::string::npos);
  EXPECT_EQ(summary.message.rfind("training diverged at step ", 0), 0u);
}

TEST(Trainer, TheInitialLossIsCheckedAgainstLnK) {
  Session good(default_spec());
  const auto ok = good.summary();
  EXPECT_NEAR(ok.expected_initial_loss, std::log(2.0), 1e-12);
  EXPECT_TRUE(ok.initial_loss_ok) << ok.initial_loss_note;
  Spec big = default_spec();
  big.init.scheme = InitScheme::random;
  big.init.scale = 10;
  Session bad(big);
  const auto flagged = bad.summary();
  EXPECT_FALSE(flagged.initial_loss_ok);
  EXPECT_NE(flagged.initial_loss_note.find("the initial weights are probably too large"), std::string::npos);
}

TEST(Trainer, OverfitsASmallSample) {
  Spec spec = parse_spec(std::string(R"({"overfit_samples": 16, "batch_size": 16, "epochs": 400,
    "data": {"noise": 0.3}, "optimizer": {"name": "adam", "learning_rate": 0.01},
    "layers": [{"units": 32, "activation": "relu"}, {"units": 1, "activation": "sigmoid"}]})"));
  Session s(spec);
  EXPECT_EQ(s.data().train.size(), 16);
  train(s);
  EXPECT_EQ(s.history().back().train_error, 0.0);
  EXPECT_EQ(s.summary().overfit_samples, 16);
}

TEST(Trainer, ReportsLayerStatisticsAndMiniBatchRecords) {
  Spec spec = default_spec();
  spec.epochs = 3;
  spec.record_every = 2;
  Session s(spec);
  train(s);
  ASSERT_EQ(s.layer_stats().size(), 4u * 3u);  // 4 epoch records x 3 layers
  const LayerStats& relu = s.layer_stats()[3 * 3 + 0];
  EXPECT_GT(relu.weight_norm, 0.0);
  EXPECT_GT(relu.grad_norm, 0.0);
  EXPECT_GT(relu.dead, 0.0);
  EXPECT_LT(relu.dead, 1.0);
  EXPECT_EQ(s.step_log().size(), size_t((3 * s.steps_per_epoch() + 1) / 2));
  EXPECT_EQ(s.step_log()[1].step, 2);
}
