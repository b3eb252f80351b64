// Search kind "sensitivity": the correlation ratio eta^2 by hand, and on synthetic trials
// where only the learning rate decides the dev error it ranks first.
#include <cmath>
#include <cstdio>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/rng.h"
#include "search/search.h"
#include "search/sensitivity.h"

using nlohmann::json;
using descent::correlation_ratio;

TEST(SearchSensitivity, CorrelationRatioByHand) {
  EXPECT_DOUBLE_EQ(correlation_ratio({1, 1, 2, 2}, {0, 0, 1, 1}), 1.0);  // x decides y
  EXPECT_DOUBLE_EQ(correlation_ratio({1, 2, 1, 2}, {0, 0, 1, 1}), 0.0);  // bins with equal means
  EXPECT_DOUBLE_EQ(correlation_ratio({1, 2, 3}, {5, 5, 5}), 0.0);        // no variance to explain
  EXPECT_DOUBLE_EQ(correlation_ratio({7, 7, 7}, {1, 2, 3}), 0.0);        // one bin
  // Six distinct x, five equal-count bins {1, 2}, {3}, {4}, {5}, {6}; y = 1, 3, .., 11, mean 6:
  // total 70; between 2 * (2 - 6)^2 + 1 + 1 + 9 + 25 = 68.
  EXPECT_DOUBLE_EQ(correlation_ratio({6, 5, 4, 3, 2, 1}, {11, 9, 7, 5, 3, 1}), 68.0 / 70.0);
  // Ties stay in one bin: x = 1, 1, 1, 2 in 2 bins {1, 1, 1}, {2}; y = 0, 0, 0, 4: all explained.
  EXPECT_DOUBLE_EQ(correlation_ratio({1, 1, 1, 2}, {0, 0, 0, 4}), 1.0);
}

TEST(SearchSensitivity, TheLearningRateThatDecidesTheErrorRanksFirst) {
  descent::Rng rng(9);
  json results = json::array();
  for (int i = 0; i < 200; ++i) {
    const double u = -4 + 3 * rng.uniform();  // learning rate 1e-4 .. 1e-1 on the log scale
    const double keep_prob = 0.5 + 0.5 * rng.uniform();  // irrelevant
    const double dev_error = 0.1 + 0.05 * (u + 2.5) * (u + 2.5) + 0.005 * rng.normal();
    results.push_back({{"values", {{"learning_rate", std::pow(10, u)}, {"keep_prob", keep_prob}}},
                       {"dev_error", dev_error}, {"dev_loss", nullptr}});
  }
  results.push_back({{"values", {{"learning_rate", 0.05}, {"keep_prob", 0.9}}}, {"dev_error", nullptr}});  // diverged
  const json request = {{"kind", "sensitivity"},
                        {"params", json::array({{{"name", "keep_prob"}, {"min", 0.5}, {"max", 1}},
                                                {{"name", "learning_rate"}, {"min", 1e-4}, {"max", 1e-1}}})},
                        {"results", results}};
  const json a = json::parse(descent::search(request.dump()));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["trials_used"], 200);
  const json& r = a["ranking"];
  ASSERT_EQ(r.size(), 2u);
  std::printf("explained: learning_rate %.3f, keep_prob %.3f\n", r[0]["explained"].get<double>(),
              r[1]["explained"].get<double>());
  EXPECT_EQ(r[0]["name"], "learning_rate");
  // The reference: five equal bins of a parabola over a uniform u keep 0.806 of its variance,
  // times the signal's share 0.978 (noise sd 0.005) = 0.79 (simulated: 0.785, sd 0.025 at n = 200).
  EXPECT_NEAR(r[0]["explained"].get<double>(), 0.79, 0.1);
  EXPECT_LT(r[1]["explained"].get<double>(), 0.1);  // (bins - 1) / (n - 1) = 0.02 by chance
  EXPECT_EQ(r[0]["course_priority"], 1);
  EXPECT_EQ(r[1]["name"], "keep_prob");
  EXPECT_TRUE(r[1]["course_priority"].is_null());  // not in the course's list
  EXPECT_NE(r[1]["course_note"].get<std::string>().find("variance"), std::string::npos);
}

TEST(SearchSensitivity, CoursePrioritiesAndErrors) {
  json params = json::array();
  for (const char* name : {"learning_rate", "beta1", "hidden_units", "batch_size", "hidden_layers", "decay_rate",
                           "beta2", "epsilon", "l2", "keep_prob"}) {
    const bool beta = name[0] == 'b' && name[1] == 'e';
    params.push_back({{"name", name}, {"min", beta ? 0.9 : 0.5}, {"max", beta ? 0.99 : 1}});
  }
  params[2]["min"] = 1, params[3]["min"] = 1, params[4]["min"] = 1;  // whole numbers
  json values = json::object();
  for (const json& p : params) values[p["name"].get<std::string>()] = p["max"];
  const json request = {{"kind", "sensitivity"}, {"params", params},
                        {"results", json::array({{{"values", values}, {"dev_error", 0.1}}})}};
  const json a = json::parse(descent::search(request.dump()));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  std::map<std::string, int> priority;
  for (const json& r : a["ranking"]) {
    priority[r["name"]] = r["course_priority"].is_null() ? 0 : r["course_priority"].get<int>();
    EXPECT_EQ(r["explained"], 0.0);  // one trial explains nothing
  }
  EXPECT_EQ(priority, (std::map<std::string, int>{{"learning_rate", 1}, {"beta1", 2}, {"hidden_units", 2},
                                                   {"batch_size", 2}, {"hidden_layers", 3}, {"decay_rate", 3},
                                                   {"beta2", 4}, {"epsilon", 4}, {"l2", 0}, {"keep_prob", 0}}));
  json bad = request;
  bad["results"][0]["values"].erase("epsilon");
  EXPECT_EQ(json::parse(descent::search(bad.dump()))["error"]["field"], "results[0].values.epsilon");
  bad = request;
  bad.erase("results");
  EXPECT_EQ(json::parse(descent::search(bad.dump()))["error"]["field"], "results");
}
