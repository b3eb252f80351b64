// Separate train/dev/test sources (data/sets.h): taken as given, checked against the training
// set, carved with {from: "train", take}; and the diagnosis with a train-dev set.
#include "data/sets.h"

#include <cmath>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "spec/spec.h"
#include "train/diagnosis.h"
#include "train/session.h"

using descent::parse_spec;
using descent::Session;
using descent::SpecError;

namespace {

// The SpecError of parsing and building a session of `json`, or "" when none.
std::string refusal(const std::string& json) {
  try {
    Session s(parse_spec(json));
  } catch (const SpecError& e) {
    return e.what();
  }
  return "";
}

const char* kLayers = R"("layers": [{"units": 4, "activation": "tanh"}, {"units": 1, "activation": "sigmoid"}])";

// Four inline rows per set, each set distinct, so a set's rows can be recognised.
std::string inline_spec(const std::string& extra = "") {
  return std::string(R"({"seed": 5, "data": {
    "train": {"source": "inline", "x": [[0,0],[0,1],[1,0],[1,1],[2,2],[-1,0]], "y": [0,1,1,0,1,0]},
    "dev": {"source": "inline", "x": [[0.1,0.2],[0.9,0.8],[0.2,0.9],[1.5,-0.5]], "y": [0,0,1,1]},
    "test": {"source": "inline", "x": [[3,3],[-2,-2],[0.5,0.5]], "y": [1,0,1]}},
    "batch_size": 0, "epochs": 60, "optimizer": {"name": "adam", "learning_rate": 0.05}, )") +
         kLayers + extra + "}";
}

}  // namespace

TEST(Sets, EachSetIsItsOwnSourceTakenAsGivenInOrder) {
  Session s(parse_spec(inline_spec()));
  const auto& d = s.data();
  ASSERT_EQ(d.train.size(), 6);
  ASSERT_EQ(d.dev.size(), 4);
  ASSERT_EQ(d.test.size(), 3);
  EXPECT_EQ(d.train_dev.size(), 0);
  EXPECT_EQ(d.dev.X(0, 1), 0.9);  // in the order given
  EXPECT_EQ(d.dev.X(1, 1), 0.8);
  EXPECT_EQ(d.test.X(0, 2), 0.5);
  EXPECT_EQ(d.train.X(0, 4), 2.0);
}

TEST(Sets, TheDevErrorIsTheFinalWeightsErrorOnTheDevRowsByHand) {
  Session s(parse_spec(inline_spec()));
  while (!s.finished()) s.step(1000);
  const auto& p = s.network().params;  // blocks W1 (4 x 2), b1 (4 x 1), W2 (1 x 4), b2 (1 x 1)
  const auto W1 = p.value(0), b1 = p.value(1), W2 = p.value(2), b2 = p.value(3);
  const double x[4][2] = {{0.1, 0.2}, {0.9, 0.8}, {0.2, 0.9}, {1.5, -0.5}};
  const int y[4] = {0, 0, 1, 1};
  int wrong = 0;
  for (int i = 0; i < 4; ++i) {
    double z2 = b2(0, 0);
    for (int u = 0; u < 4; ++u) z2 += W2(0, u) * std::tanh(W1(u, 0) * x[i][0] + W1(u, 1) * x[i][1] + b1(u, 0));
    wrong += (z2 > 0 ? 1 : 0) != y[i];  // sigmoid(z) > 0.5
  }
  EXPECT_DOUBLE_EQ(s.history().back().dev_error, wrong / 4.0);
  EXPECT_TRUE(std::isnan(s.history().back().train_dev_error));
}

TEST(Sets, NormalisationComesFromTheTrainingSetOnly) {
  Session s(parse_spec(inline_spec(R"(, "normalize": true)")));
  ASSERT_NE(s.normalizer(), nullptr);
  const auto& n = *s.normalizer();
  // Train's first feature: 0, 0, 1, 1, 2, -1: mean 0.5.
  EXPECT_NEAR(n.mu(0), 0.5, 1e-12);
}

TEST(Sets, AFeatureCountMismatchNamesTheSetAndTheColumns) {
  std::string spec = inline_spec();
  spec.replace(spec.find("[[3,3],[-2,-2],[0.5,0.5]]"), 25, "[[3,3,1],[-2,-2,1],[0,0,1]]");
  const std::string e = refusal(spec);
  EXPECT_NE(e.find("data.test"), std::string::npos) << e;
  EXPECT_NE(e.find("3 features"), std::string::npos) << e;
  EXPECT_NE(e.find("2 features, as data.train"), std::string::npos) << e;
}

TEST(Sets, CsvSetsAgreeOnColumnsAndClassesByName) {
  const std::string train = "a,b,kind\\n0,0,cat\\n1,1,dog\\n0,1,bird\\n1,0,cat\\n";
  auto spec = [&](const std::string& dev) {
    return R"({"data": {"train": {"source": "csv", "csv": ")" + train + R"("}, "dev": {"source": "csv", "csv": ")" + dev +
           R"("}}, "layers": [{"units": 3, "activation": "softmax"}], "batch_size": 0, "epochs": 2})";
  };
  // Another order of classes and a missing one: matched by name.
  Session ok(parse_spec(spec("a,b,kind\\n5,5,dog\\n6,6,cat\\n")));
  const auto& names = ok.data().train.class_names;  // sorted: bird, cat, dog
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[static_cast<size_t>(ok.data().dev.Y(0, 0))], "dog");
  EXPECT_EQ(names[static_cast<size_t>(ok.data().dev.Y(0, 1))], "cat");
  // An unseen class: the set, the column and the example.
  std::string e = refusal(spec("a,b,kind\\n5,5,dog\\n6,6,fish\\n"));
  EXPECT_NE(e.find("data.dev.csv"), std::string::npos) << e;
  EXPECT_NE(e.find("class \"fish\" in column \"kind\" (example 2)"), std::string::npos) << e;
  EXPECT_NE(e.find("bird, cat, dog"), std::string::npos) << e;
  // Columns by name, in order.
  e = refusal(spec("a,c,kind\\n5,5,dog\\n6,6,cat\\n"));
  EXPECT_NE(e.find("data.dev.csv"), std::string::npos) << e;
  EXPECT_NE(e.find("\"c\" in feature column 2"), std::string::npos) << e;
  EXPECT_NE(e.find("a, b"), std::string::npos) << e;
}

TEST(Sets, AnInlineClassTheTrainingSetLacksIsRefusedAtItsLabel) {
  std::string spec = inline_spec();
  spec.replace(spec.find("\"y\": [0,0,1,1]"), 14, "\"y\": [0,0,2,1]");
  const std::string e = refusal(spec);
  EXPECT_NE(e.find("data.dev.y[2]"), std::string::npos) << e;
  EXPECT_NE(e.find("0 to 1"), std::string::npos) << e;
}

TEST(Sets, TakeFromTrainCarvesDisjointSetsAndKeepsTheRestInOrder) {
  const std::string json = R"({"seed": 9, "data": {"train": {"source": "moons", "samples": 200},
    "train_dev": {"from": "train", "take": 30}, "dev": {"from": "train", "take": 20}}, )" +
                           std::string(kLayers) + "}";
  Session s(parse_spec(json));
  const auto& d = s.data();
  EXPECT_EQ(d.train.size(), 150);
  EXPECT_EQ(d.train_dev.size(), 30);
  EXPECT_EQ(d.dev.size(), 20);
  EXPECT_EQ(d.test.size(), 0);
  // The training source drawn alone, for comparison: every carved example is one of its.
  const std::string alone = R"({"seed": 9, "data": {"train": {"source": "moons", "samples": 200}}, )" + std::string(kLayers) + "}";
  Session whole(parse_spec(alone));
  const auto& all = whole.data().train;
  std::set<std::pair<double, double>> seen;
  auto index_of = [&](const descent::Dataset& set, int i) {
    for (int j = 0; j < all.size(); ++j)
      if (all.X(0, j) == set.X(0, i) && all.X(1, j) == set.X(1, i)) return j;
    return -1;
  };
  int last = -1;
  for (int i = 0; i < d.train.size(); ++i) {
    const int j = index_of(d.train, i);
    ASSERT_GT(j, last);  // the rest keeps the source's order
    last = j;
    seen.insert({d.train.X(0, i), d.train.X(1, i)});
  }
  for (const auto* set : {&d.train_dev, &d.dev})
    for (int i = 0; i < set->size(); ++i) {
      ASSERT_GE(index_of(*set, i), 0);
      EXPECT_TRUE(seen.insert({set->X(0, i), set->X(1, i)}).second);  // disjoint
    }
  // Too many: at least one stays in train.
  std::string greedy = json;
  greedy.replace(greedy.find("\"take\": 20"), 10, "\"take\": 170");
  const std::string e = refusal(greedy);
  EXPECT_NE(e.find("data.dev.take"), std::string::npos) << e;
  EXPECT_NE(e.find("1 to 169"), std::string::npos) << e;
}

TEST(Sets, GeneratorsDrawTheirOwnStreamsAndSeedOffsetMovesThem) {
  const auto build = [&](int offset) {
    return R"({"seed": 4, "data": {"train": {"source": "circles", "samples": 40},
      "dev": {"source": "circles", "samples": 40, "seed_offset": )" + std::to_string(offset) + "}}, " + kLayers + "}";
  };
  Session a(parse_spec(build(0))), b(parse_spec(build(0))), c(parse_spec(build(1)));
  EXPECT_TRUE(a.data().dev.X == b.data().dev.X);       // the same seed, the same sets
  EXPECT_FALSE(a.data().dev.X == a.data().train.X);    // dev is not a copy of train
  EXPECT_FALSE(a.data().dev.X == c.data().dev.X);      // the offset moves the stream
  EXPECT_TRUE(a.data().train.X == c.data().train.X);   // and only that set's
}

TEST(Sets, TheSpecSaysWhatIsAllowed) {
  auto e = [](const std::string& data, const std::string& more = "") {
    try {
      parse_spec(R"({"data": )" + data + more + "}");
    } catch (const SpecError& err) {
      return std::string(err.what());
    }
    return std::string();
  };
  EXPECT_NE(e(R"({"dev": {"source": "moons"}})").find("data.train"), std::string::npos);
  EXPECT_NE(e(R"({"train": {"from": "train", "take": 3}})").find("data.train.from"), std::string::npos);
  EXPECT_NE(e(R"({"train": {"source": "moons"}, "dev": {"from": "dev", "take": 3}})").find("data.dev.from"), std::string::npos);
  EXPECT_NE(e(R"({"train": {"source": "moons"}, "dev": {"from": "train"}})").find("data.dev.take"), std::string::npos);
  EXPECT_NE(e(R"({"train": {"source": "moons"}, "source": "moons"})").find("data.source"), std::string::npos);
  EXPECT_NE(e(R"({"train": {"source": "moons"}})", R"(, "split": {"dev": 0.2})").find("split"), std::string::npos);
  EXPECT_NE(e(R"({"source": "moons", "seed_offset": 2})").find("data.seed_offset"), std::string::npos);
}

TEST(Sets, TheFilledSpecRoundTrips) {
  const std::string json = R"({"data": {"train": {"source": "moons", "samples": 100, "seed_offset": 3},
    "train_dev": {"from": "train", "take": 10}, "test": {"source": "digits"}}})";
  const auto filled = descent::to_json(parse_spec(json));
  EXPECT_FALSE(filled.contains("split"));
  EXPECT_EQ(filled["data"]["train"]["seed_offset"], 3);
  EXPECT_EQ(filled["data"]["train_dev"]["take"], 10);
  EXPECT_FALSE(filled["data"].contains("dev"));
  EXPECT_EQ(descent::to_json(parse_spec(filled.dump())), filled);
  EXPECT_TRUE(descent::to_json(descent::default_spec()).contains("split"));
}

TEST(Sets, TheDiagnosisSplitsTheDevGapIntoVarianceAndDataMismatch) {
  // The course's example: train 1%, train-dev 1.5%, dev 10%: a data mismatch problem.
  const auto d = descent::diagnose(0.01, 0.10, 0.0, 0.015);
  EXPECT_NEAR(d.variance, 0.005, 1e-12);
  EXPECT_NEAR(d.data_mismatch, 0.085, 1e-12);
  EXPECT_FALSE(d.high_variance);
  EXPECT_TRUE(d.high_mismatch);
  EXPECT_EQ(d.case_name, "data mismatch");
  // train 1%, train-dev 9%, dev 10%: variance.
  const auto v = descent::diagnose(0.01, 0.10, 0.0, 0.09);
  EXPECT_EQ(v.case_name, "high variance; no data mismatch");
  // Without a train-dev set the reading is the course's first one.
  EXPECT_EQ(descent::diagnose(0.01, 0.11).case_name, "high variance");
  EXPECT_TRUE(std::isnan(descent::diagnose(0.01, 0.11).data_mismatch));
  // A train-dev set and no dev set: variance is read, generalisation to dev/test is not claimed.
  const auto t = descent::diagnose(0.01, std::nan(""), 0.0, 0.015);
  EXPECT_EQ(t.case_name, "low bias and low variance; data mismatch unknown (no dev set)");
  ASSERT_EQ(t.recipe.size(), 1u);
  EXPECT_EQ(t.recipe[0].find("done:"), std::string::npos);
  EXPECT_NE(t.recipe[0].find("generalises to the train-dev set"), std::string::npos);
}
