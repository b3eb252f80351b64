#include "spec/spec.h"

#include <gtest/gtest.h>

using descent::parse_spec;
using descent::SpecError;

namespace {

// The message of the SpecError that parsing text throws, or "" when it parses.
std::string error_of(const std::string& text, std::string* field = nullptr) {
  try {
    parse_spec(text);
  } catch (const SpecError& e) {
    if (field) *field = e.field();
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Spec, EmptyDocumentIsTheDefaultExperiment) {
  const auto spec = parse_spec(std::string("{}"));
  EXPECT_EQ(to_json(spec), to_json(descent::default_spec()));
  EXPECT_EQ(spec.data.source, descent::DataSource::circles);
  ASSERT_EQ(spec.layers.size(), 3u);
  EXPECT_EQ(spec.layers[0].activation, descent::Activation::relu);
  EXPECT_EQ(spec.layers[2].activation, descent::Activation::sigmoid);
  EXPECT_EQ(spec.init.scheme, descent::InitScheme::he);
}

TEST(Spec, RoundTripsThroughJson) {
  const std::string text =
      R"({"seed": 9, "layers": [{"units": 5, "activation": "tanh"}, {"units": 1, "activation": "sigmoid"}],
          "optimizer": {"learning_rate": 0.05}, "batch_size": 16, "epochs": 12,
          "data": {"samples": 200, "noise": 0.2}})";
  const auto spec = parse_spec(text);
  EXPECT_EQ(spec.seed, 9u);
  EXPECT_EQ(spec.layers[0].units, 5);
  EXPECT_DOUBLE_EQ(spec.optimizer.learning_rate, 0.05);
  EXPECT_EQ(to_json(parse_spec(to_json(spec).dump())), to_json(spec));
}

TEST(Spec, ErrorsNameTheFieldTheValueAndWhatIsAllowed) {
  std::string field;
  EXPECT_EQ(error_of(R"({"optimizer": {"learning_rate": -1}})", &field),
            "optimizer.learning_rate is -1; allowed: a number > 0 and <= 100");
  EXPECT_EQ(field, "optimizer.learning_rate");
  EXPECT_EQ(error_of(R"({"init": {"scheme": "magic"}})", &field),
            R"(init.scheme is "magic"; allowed: one of "zeros", "random", "xavier", "glorot", "he", )"
            R"("random_uniform", "xavier_uniform", "glorot_uniform", "he_uniform", "identity", "explicit")");
  EXPECT_EQ(error_of(R"({"epochs": 2.5})", &field),
            "epochs is 2.5; allowed: a whole number from 1 to 1000000");
  EXPECT_EQ(error_of(R"({"layers": [{"units": 0}]})", &field),
            "layers[0].units is 0; allowed: a whole number from 1 to 4096");
  EXPECT_EQ(field, "layers[0].units");
  EXPECT_EQ(error_of(R"({"split": {"train": 0.5, "dev": 0.2}})", &field),
            "split.train + dev + test is 0.700000; allowed: ratios that sum to 1");
}

TEST(Spec, RefusesUnknownFieldsAndBadJson) {
  std::string field;
  EXPECT_EQ(error_of(R"({"optimiser": {}})", &field).rfind("optimiser is an unknown field", 0), 0u);
  EXPECT_EQ(field, "optimiser");
  EXPECT_EQ(error_of(R"({"seed": )", &field).rfind("spec is ", 0), 0u);
  EXPECT_NE(error_of("[1, 2]").find("allowed: a JSON object"), std::string::npos);
  EXPECT_NE(error_of(R"({"layers": [{"units": 3, "activation": "relu"}]})")
                .find("allowed: an output layer of 1 sigmoid unit"),
            std::string::npos);
}

TEST(Spec, ReadsEveryTechniqueOfTheCourse) {
  const auto spec = parse_spec(std::string(R"({
    "layers": [{"units": 6, "activation": "leaky_relu", "slope": 0.1, "keep_prob": 0.8, "norm": "batch"},
               {"units": 4, "activation": "prelu", "norm": "instance", "channels": 2},
               {"units": 2, "activation": "softmax"}],
    "init": {"scheme": "glorot_uniform", "scale": 2},
    "regularization": {"l2": 0.7, "l1": 0.01},
    "optimizer": {"name": "adam", "learning_rate": 0.001, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-7},
    "schedule": {"name": "step_drops", "drops": [{"epoch": 10, "factor": 0.5}]}})"));
  EXPECT_EQ(spec.layers[0].activation, descent::Activation::leaky_relu);
  EXPECT_DOUBLE_EQ(spec.layers[0].slope, 0.1);
  EXPECT_DOUBLE_EQ(spec.layers[0].keep_prob, 0.8);
  EXPECT_EQ(spec.layers[0].norm, descent::NormKind::batch);
  EXPECT_DOUBLE_EQ(spec.layers[1].slope, 0.25);  // PReLU starts from He et al.'s 0.25
  EXPECT_EQ(spec.layers[1].channels, 2);
  EXPECT_EQ(spec.init.scheme, descent::InitScheme::glorot_uniform);
  EXPECT_DOUBLE_EQ(spec.regularization.l2, 0.7);
  EXPECT_EQ(spec.optimizer.config.kind, descent::OptimizerKind::adam);
  EXPECT_DOUBLE_EQ(spec.optimizer.config.beta2, 0.99);
  EXPECT_EQ(spec.schedule.kind, descent::ScheduleKind::step_drops);
  ASSERT_EQ(spec.schedule.drops.size(), 1u);
  EXPECT_EQ(spec.schedule.drops[0].epoch, 10);
  EXPECT_EQ(to_json(parse_spec(to_json(spec).dump())), to_json(spec));
}

TEST(Spec, RefusesWhatTheCourseDoesNotAllow) {
  EXPECT_EQ(error_of(R"({"layers": [{"units": 4, "keep_prob": 0}, {"units": 1, "activation": "sigmoid"}]})"),
            "layers[0].keep_prob is 0; allowed: a number > 0 and <= 1");
  EXPECT_EQ(error_of(R"({"optimizer": {"beta1": 1}})"), "optimizer.beta1 is 1; allowed: a number >= 0 and < 1");
  EXPECT_EQ(error_of(R"({"layers": [{"units": 4, "activation": "softmax"}, {"units": 1, "activation": "sigmoid"}]})"),
            R"(layers[0].activation is "softmax"; allowed: softmax only on the output layer)");
  EXPECT_EQ(error_of(R"({"layers": [{"units": 4, "norm": "instance", "channels": 3}, {"units": 1, "activation": "sigmoid"}]})"),
            "layers[0].channels is 3; allowed: 0 (one channel per unit) or a divisor of units (4)");
  EXPECT_EQ(error_of(R"({"schedule": {"name": "cosine"}})"),
            R"(schedule.name is "cosine"; allowed: one of "constant", "inverse_time", "exponential", "staircase", "step_drops")");
  EXPECT_EQ(error_of(R"({"init": {"scheme": "explicit"}})"),
            R"(init.weights is missing; allowed: weights exactly when the scheme is "explicit")");
  EXPECT_EQ(error_of(R"({"layers": [{"units": 1, "activation": "sigmoid"}],
                         "init": {"scheme": "explicit", "weights": [{"W": [[1, "x"]]}]}})"),
            R"(init.weights[0].W[0][1] is "x"; allowed: a finite number)");
}

TEST(Spec, ExplicitWeightsAreTheStartingWeights) {
  const auto spec = parse_spec(std::string(R"({
    "layers": [{"units": 2, "activation": "tanh"}, {"units": 1, "activation": "sigmoid"}],
    "init": {"scheme": "explicit", "weights": [{"W": [[1, 2], [3, 4]], "b": [0.5, -0.5]}, {"W": [[7, 8]]}]}})"));
  ASSERT_EQ(spec.init.weights.size(), 2u);
  EXPECT_EQ(spec.init.weights[0].W(1, 0), 3.0);  // row-major in the spec: W[row][col]
  EXPECT_EQ(spec.init.weights[0].b(1, 0), -0.5);
  EXPECT_EQ(spec.init.weights[1].b(0, 0), 0.0);  // b defaults to zeros
}

TEST(Spec, ReadsEveryDataSourceAndTheExperimentOptions) {
  const auto spec = parse_spec(std::string(R"({
    "data": {"source": "inline", "x": [[0, 1], [1, 0], [1, 1], [0, 0]], "y": [1, 1, 0, 0]},
    "split": {"dev_count": 1, "test_count": 1, "stratify": true, "mismatch": "shift", "mismatch_amount": 2},
    "normalize": true, "augment": {"jitter": 0.1},
    "early_stopping": {"enabled": true, "monitor": "dev_error", "patience": 3},
    "bayes_error": 0.01, "overfit_samples": 2, "record_every": 5, "batch_size": 2})"));
  EXPECT_EQ(spec.data.source, descent::DataSource::inline_);
  ASSERT_EQ(spec.data.x.size(), 4u);
  EXPECT_EQ(spec.data.y[2], 0.0);
  EXPECT_TRUE(spec.split.use_counts);
  EXPECT_EQ(spec.split.dev_count, 1);
  EXPECT_TRUE(spec.split.stratify);
  EXPECT_EQ(spec.split.mismatch, descent::Mismatch::shift);
  EXPECT_TRUE(spec.normalize);
  EXPECT_DOUBLE_EQ(spec.augment.jitter, 0.1);
  EXPECT_EQ(spec.early_stopping.monitor, descent::Monitor::dev_error);
  EXPECT_EQ(spec.record_every, 5);
  EXPECT_EQ(to_json(parse_spec(to_json(spec).dump())), to_json(spec));
  EXPECT_EQ(error_of(R"({"data": {"source": "inline", "x": [[0, "a"]], "y": [1]}})"),
            R"(data.x[0][1] is "a"; allowed: a number)");
  EXPECT_EQ(error_of(R"({"data": {"source": "csv"}})"),
            "data.csv is missing or empty; allowed: the text of a CSV file with a header row");
  EXPECT_EQ(error_of(R"({"data": {"source": "mnist"}})").rfind(R"(data.source is "mnist"; allowed: one of "circles", "moons")", 0), 0u);
}
