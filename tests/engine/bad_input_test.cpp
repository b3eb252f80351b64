// Every kind of bad input a learner can give, through the host's one entry (SessionApi::load):
// each is refused with the field, the value given and what is allowed, and the run already
// loaded is kept. One case per row; the messages are what the page shows beside the control.
#include <cctype>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "train/session_api.h"

using descent::SessionApi;
using nlohmann::json;

namespace {

struct BadInput {
  const char* name;
  const char* spec;     // a JSON document
  const char* field;    // the field the error names
  const char* message;  // the whole message
};

std::ostream& operator<<(std::ostream& out, const BadInput& c) { return out << c.name; }

const BadInput kCases[] = {
    {"negative learning rate", R"({"optimizer": {"learning_rate": -0.1}})", "optimizer.learning_rate",
     "optimizer.learning_rate is -0.1; allowed: a number > 0 and <= 100"},
    {"zero learning rate", R"({"optimizer": {"learning_rate": 0}})", "optimizer.learning_rate",
     "optimizer.learning_rate is 0; allowed: a number > 0 and <= 100"},
    {"keep_prob 0", R"({"layers": [{"units": 8, "keep_prob": 0}, {"units": 1, "activation": "sigmoid"}]})",
     "layers[0].keep_prob", "layers[0].keep_prob is 0; allowed: a number > 0 and <= 1"},
    {"keep_prob above 1", R"({"layers": [{"units": 8, "keep_prob": 1.5}, {"units": 1, "activation": "sigmoid"}]})",
     "layers[0].keep_prob", "layers[0].keep_prob is 1.5; allowed: a number > 0 and <= 1"},
    {"beta 1", R"({"optimizer": {"name": "momentum", "beta1": 1}})", "optimizer.beta1",
     "optimizer.beta1 is 1; allowed: a number >= 0 and < 1"},
    {"negative beta", R"({"optimizer": {"name": "adam", "beta2": -0.5}})", "optimizer.beta2",
     "optimizer.beta2 is -0.5; allowed: a number >= 0 and < 1"},
    {"zero layers", R"({"layers": []})", "layers", ""},
    {"zero units", R"({"layers": [{"units": 0}, {"units": 1, "activation": "sigmoid"}]})", "layers[0].units",
     "layers[0].units is 0; allowed: a whole number from 1 to 4096"},
    {"batch larger than the training set", R"({"batch_size": 1000})", "batch_size",
     "batch_size is 1000; allowed: 1 to the training-set size, 280"},
    {"ratios that do not sum to 1", R"({"split": {"train": 0.7, "dev": 0.2, "test": 0.2}})", "split.train + dev + test",
     "split.train + dev + test is 1.100000; allowed: ratios that sum to 1"},
    {"unknown field", R"({"optimiser": {"name": "adam"}})", "optimiser", ""},
    {"unknown optimizer", R"({"optimizer": {"name": "adamw"}})", "optimizer.name", ""},
    {"wrong type", R"({"epochs": "300"})", "epochs", ""},
    {"huge value", R"({"epochs": 1e12})", "epochs", "epochs is 1000000000000.0; allowed: a whole number from 1 to 1000000"},
    {"huge network", R"({"layers": [{"units": 5000}, {"units": 1, "activation": "sigmoid"}]})", "layers[0].units",
     "layers[0].units is 5000; allowed: a whole number from 1 to 4096"},
    {"NaN in inline data", R"({"data": {"source": "inline", "x": [[0, 1], [1, "NaN"]], "y": [0, 1]}})",
     "data.x[1][1]", ""},
    {"label outside the classes", R"({"data": {"source": "inline", "x": [[0, 1], [1, 0], [1, 1], [0, 0]], "y": [0, 1, -1, 1]},
                                     "split": {"train": 0.5, "dev": 0.5, "test": 0}})",
     "data.y[2]", ""},
    {"not JSON", R"({"epochs": )", "spec", ""},
};

class BadInputTest : public ::testing::TestWithParam<BadInput> {};

}  // namespace

TEST_P(BadInputTest, IsRefusedNamingTheFieldAndWhatIsAllowedAndTheRunIsKept) {
  const BadInput& c = GetParam();
  SessionApi api;
  ASSERT_TRUE(json::parse(api.load("{}"))["ok"].get<bool>());
  const json first = json::parse(api.step(50));  // a run in progress
  const json answer = json::parse(api.load(c.spec));
  ASSERT_FALSE(answer["ok"].get<bool>()) << answer.dump();
  const json& error = answer["error"];
  EXPECT_EQ(error["field"], c.field) << error.dump();
  const std::string message = error["message"];
  if (*c.message) EXPECT_EQ(message, c.message);
  EXPECT_NE(message.find("allowed"), std::string::npos) << message;
  EXPECT_FALSE(error["allowed"].get<std::string>().empty()) << error.dump();
  std::cout << "  " << c.name << ": " << message << "\n";
  const json next = json::parse(api.step(1));  // the previous run goes on from where it was
  ASSERT_TRUE(next["ok"].get<bool>()) << next.dump();
  ASSERT_GT(first["epoch"].get<int>(), 0);
  EXPECT_EQ(next["steps"], 1);
  EXPECT_GE(next["epoch"].get<int>(), first["epoch"].get<int>());  // not back at epoch 0
}

INSTANTIATE_TEST_SUITE_P(Cases, BadInputTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<BadInput>& info) {
                           std::string name;
                           for (const char* p = info.param.name; *p; ++p) name += std::isalnum(*p) ? *p : '_';
                           return name;
                         });
