#include "train/session.h"

#include <cmath>

#include <gtest/gtest.h>

#include "train/session_api.h"

using descent::Session;

TEST(Session, EpochZeroIsTheUntrainedNetworkNearChance) {
  Session s(descent::default_spec());
  ASSERT_EQ(s.history().size(), 1u);
  const auto& e0 = s.history()[0];
  EXPECT_EQ(e0.epoch, 0);
  EXPECT_EQ(e0.step, 0);
  EXPECT_GT(e0.dev_error, 0.25);  // the circles are not separable by an untrained net
  EXPECT_TRUE(std::isnan(e0.test_loss));  // the default split has no test set
}

TEST(Session, TheDefaultExperimentLearnsTheCircles) {
  auto spec = descent::default_spec();
  spec.epochs = 100;
  Session s(spec);
  while (!s.finished()) s.step(1000);
  ASSERT_EQ(s.history().size(), 101u);
  const auto& first = s.history().front();
  const auto& last = s.history().back();
  EXPECT_LT(last.train_loss, 0.5 * first.train_loss);
  EXPECT_LT(last.dev_error, 0.10);
  EXPECT_EQ(last.step, 100LL * s.steps_per_epoch());
}

TEST(Session, SameSeedGivesBitwiseTheSameRunAndResetReplaysIt) {
  auto spec = descent::default_spec();
  spec.epochs = 5;
  Session a(spec), b(spec);
  while (!a.finished()) a.step(7);
  while (!b.finished()) b.step(1000);
  ASSERT_EQ(a.history().size(), b.history().size());
  for (size_t i = 0; i < a.history().size(); ++i) {
    EXPECT_EQ(a.history()[i].train_loss, b.history()[i].train_loss);
    EXPECT_EQ(a.history()[i].dev_error, b.history()[i].dev_error);
  }
  const double final_loss = a.history().back().train_loss;
  a.reset();
  EXPECT_EQ(a.history().size(), 1u);
  while (!a.finished()) a.step(3);
  EXPECT_EQ(a.history().back().train_loss, final_loss);
}

TEST(SessionApi, ErrorsCrossAsDataAndTheRunSurvives) {
  descent::SessionApi api;
  auto ok = nlohmann::json::parse(api.load("{\"epochs\": 3}"));
  ASSERT_TRUE(ok["ok"]);
  EXPECT_EQ(ok["epochs"].size(), 1u);
  auto bad = nlohmann::json::parse(api.load("{\"batch_size\": 100000}"));
  EXPECT_FALSE(bad["ok"]);
  EXPECT_EQ(bad["error"]["field"], "batch_size");
  EXPECT_EQ(bad["error"]["message"], "batch_size is 100000; allowed: 1 to the training-set size, 280");
  // The earlier run is still there.
  auto stepped = nlohmann::json::parse(api.step(1000));
  ASSERT_TRUE(stepped["ok"]);
  EXPECT_TRUE(stepped["finished"]);
  EXPECT_EQ(stepped["epochs"].size(), 3u);
  auto refused = nlohmann::json::parse(api.set("learning_rate", -2));
  EXPECT_FALSE(refused["ok"]);
  EXPECT_EQ(refused["error"]["field"], "optimizer.learning_rate");
}

// The load answer is the spec as given, filled in (what `descent spec` prints): a host keeps
// it as its state, so "full batch" (0) must not come back as the size it resolves to.
TEST(SessionApi, TheLoadAnswerIsTheSpecAsGivenFilledIn) {
  descent::SessionApi api;
  auto full = nlohmann::json::parse(api.load("{\"batch_size\": 0, \"epochs\": 2}"));
  ASSERT_TRUE(full["ok"]);
  EXPECT_EQ(full["spec"]["batch_size"], 0);
  EXPECT_EQ(full["steps_per_epoch"], 1);  // the whole training set in one step
  const auto filled = descent::to_json(descent::parse_spec(std::string("{\"batch_size\": 0, \"epochs\": 2}")));
  EXPECT_EQ(full["spec"], nlohmann::json::parse(filled.dump()));
}

// Found by tests/fuzz/fuzz_spec: a request that is not JSON is quoted in the error, cut to 60
// bytes; the cut fell inside a 2-byte UTF-8 character (U+078B, bytes DE 8B), the answer's
// dump threw from inside guarded()'s catch block and the host aborted.
TEST(SessionApi, ARequestThatIsNotJsonIsAnErrorEvenWhenItsQuoteCutsACharacter) {
  descent::SessionApi api;
  const std::string request = "{\"data\": {\"source\": \"dig{\"d{\"seed\":2,\"data\":{\xde\x8bource\":"
                              "\"circles\",\"sits\"at}a";
  const auto answer = nlohmann::json::parse(api.load(request));
  EXPECT_FALSE(answer["ok"]);
  EXPECT_EQ(answer["error"]["field"], "spec");
  EXPECT_EQ(answer["error"]["allowed"], "allowed: a valid JSON document");
  // Bytes that are not UTF-8 at all are shown as U+FFFD.
  const auto latin1 = nlohmann::json::parse(api.load("{\"seed\": \"caf\xe9\""));
  EXPECT_FALSE(latin1["ok"]);
  EXPECT_EQ(latin1["error"]["field"], "spec");
  EXPECT_EQ(latin1["error"]["given"], "\"{\\\"seed\\\": \\\"caf\xef\xbf\xbd\\\"\"");
}

// The same through the CSV reader: a non-numeric cell of 2-byte characters longer than the
// 40 bytes a message quotes was cut inside a character, and loading the spec aborted.
TEST(SessionApi, ACsvErrorQuotingACutMultiByteCellIsAnError) {
  descent::SessionApi api;
  std::string cell;
  for (int i = 0; i < 30; ++i) cell += "\xc3\xa9";  // "é" x 30: 60 bytes, the cut at 37 falls inside one
  const nlohmann::json spec = {{"data", {{"source", "csv"}, {"csv", "a,y\n1,0\n" + cell + ",1\n2,1\n"}}}};
  const auto answer = nlohmann::json::parse(api.load(spec.dump()));
  EXPECT_FALSE(answer["ok"]);
  EXPECT_EQ(answer["error"]["field"], "data.csv");
  const std::string given = answer["error"]["given"];
  EXPECT_EQ(given, "not numeric: row 3, column \"a\": \"" + cell.substr(0, 36) + "...\" is not a number");
}

TEST(Session, ExplicitWeightsAreCheckedAgainstTheDataAndUsed) {
  auto spec = descent::parse_spec(std::string(R"({
    "layers": [{"units": 2, "activation": "tanh"}, {"units": 1, "activation": "sigmoid"}],
    "init": {"scheme": "explicit", "weights": [{"W": [[1, 2], [3, 4]], "b": [0.5, -0.5]}, {"W": [[7, 8]]}]}})"));
  Session s(spec);
  auto& p = s.network().params;
  EXPECT_EQ(p.value(0)(1, 0), 3.0f);  // W1
  EXPECT_EQ(p.value(1)(0, 0), 0.5f);  // b1
  EXPECT_EQ(p.value(2)(0, 1), 8.0f);  // W2
  spec.init.weights[0].W.resize(2, 3);  // the circles have 2 features, not 3
  try {
    Session bad(spec);
    FAIL() << "a 2 x 3 W1 was accepted";
  } catch (const descent::SpecError& e) {
    EXPECT_STREQ(e.what(), "init.weights[0].W is 2 x 3; allowed: 2 x 2 (n_l x n_{l-1})");
  }
}

TEST(Session, GradientCheckAtInitialisationAndAfterTraining) {
  auto spec = descent::default_spec();
  spec.regularization.l2 = 0.1;
  spec.layers[0].activation = descent::Activation::tanh;
  spec.layers[1].activation = descent::Activation::tanh;
  Session s(spec);
  const auto before = s.gradient_check();
  s.step(20 * s.steps_per_epoch());
  const auto after = s.gradient_check();
  std::cout << "gradient check of the session: " << before.difference << " at initialisation, "
            << after.difference << " after 20 epochs\n";
  EXPECT_LT(before.difference, 1e-7);
  EXPECT_LT(after.difference, 1e-7);
  EXPECT_EQ(before.blocks.size(), 6u);
}

TEST(Session, AdamWithDecayTrainsAndReportsTheScheduledRate) {
  auto spec = descent::parse_spec(std::string(R"({"epochs": 30,
    "optimizer": {"name": "adam", "learning_rate": 0.01},
    "schedule": {"name": "inverse_time", "decay_rate": 1}})"));
  Session s(spec);
  while (!s.finished()) s.step(1000);
  const auto& h = s.history();
  EXPECT_DOUBLE_EQ(h[0].learning_rate, 0.01);
  EXPECT_DOUBLE_EQ(h[3].learning_rate, 0.01 / 4);  // the rate of epoch 3: alpha0 / (1 + 1 * 3)
  EXPECT_LT(h.back().dev_error, 0.1);
}

TEST(Session, TrainsOnTheDigitsWithSoftmaxAndAugmentsOnlyTrainingBatches) {
  const std::string base = R"({"data": {"source": "digits"}, "normalize": true,
    "split": {"train": 0.8, "dev": 0.2, "test": 0, "stratify": true},
    "layers": [{"units": 32, "activation": "relu"}, {"units": 10, "activation": "softmax"}],
    "optimizer": {"name": "adam", "learning_rate": 0.003}, "batch_size": 64, "epochs": 20)";
  Session plain(descent::parse_spec(base + "}"));
  Session shifted(descent::parse_spec(base + R"(, "augment": {"shift": 1}})"));
  EXPECT_EQ(plain.data().train.features(), 64);
  EXPECT_NEAR(plain.history().front().train_loss, std::log(10.0), 0.75);  // about ln k at the start
  // The same data and initial weights: augmentation touches training batches only.
  EXPECT_EQ(plain.history().front().dev_loss, shifted.history().front().dev_loss);
  while (!plain.finished()) plain.step(1000);
  while (!shifted.finished()) shifted.step(1000);
  std::cout << "digits after 20 epochs: dev error " << plain.history().back().dev_error << " (shifted by up to 1 pixel: "
            << shifted.history().back().dev_error << ")\n";
  EXPECT_LT(plain.history().back().dev_error, 0.05);
  // Shifted 8x8 digits are a harder training set: the network fits the originals less tightly.
  EXPECT_GT(shifted.history().back().train_error, plain.history().back().train_error);
}

TEST(Session, ReadsACsvAndRefusesAMismatchedOutputLayer) {
  const std::string csv = "a,b,kind\n0,0,cat\n0,1,dog\n1,0,dog\n1,1,cat\n0.1,0.1,cat\n0.9,0.1,dog\n";
  auto spec = descent::parse_spec(nlohmann::json{
      {"data", {{"source", "csv"}, {"csv", csv}, {"label", "kind"}}},
      {"split", {{"train", 1.0}, {"dev", 0.0}, {"test", 0.0}}},
      {"batch_size", 2}});
  Session s(spec);
  EXPECT_EQ(s.data().train.size(), 6);
  EXPECT_EQ(s.data().train.class_names, (std::vector<std::string>{"cat", "dog"}));
  spec.data.source = descent::DataSource::iris;  // 3 classes, but a sigmoid output
  try {
    Session bad(spec);
    FAIL() << "a sigmoid output was accepted for 3 classes";
  } catch (const descent::SpecError& e) {
    EXPECT_STREQ(e.what(), "layers[2].activation is \"sigmoid\"; allowed: \"softmax\" with 3 units: the data has 3 classes");
  }
}

TEST(Session, BatchSizeZeroIsTheWholeTrainingSet) {
  auto spec = descent::parse_spec(std::string(R"({"batch_size": 0, "epochs": 2})"));
  Session s(spec);
  EXPECT_EQ(s.spec().batch_size, 280);
  EXPECT_EQ(s.steps_per_epoch(), 1);
}
