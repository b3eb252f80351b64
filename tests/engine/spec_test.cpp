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
  EXPECT_EQ(spec.data.source, "circles");
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
