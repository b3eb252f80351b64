// A search's results merged (search/collect.h) and the plan's method "list": a missing, a
// failed and a diverged trial each take their status and rank last or not at all; the ranking
// is by dev error, ties by dev loss; results.csv has the card's columns; a plan file's errors
// name its field; "list" plans exactly the values given and refuses one outside its range.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "search/collect.h"
#include "search/plan_file.h"
#include "search/search.h"
#include "spec/spec_error.h"

using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

json params() { return json::array({{{"name", "learning_rate"}, {"min", 1e-3}, {"max", 1.0}, {"scale", "log"}}}); }

json trial(int n, double lr) { return {{"trial", n}, {"id", n}, {"values", {{"learning_rate", lr}}}, {"spec", json::object()}}; }

ojson summary(double train_accuracy, double dev_accuracy, json dev_loss) {
  return {{"epochs_run", 10}, {"train_accuracy", train_accuracy}, {"dev_accuracy", dev_accuracy}, {"dev_loss", dev_loss}};
}

descent::PlanFile plan() {
  return descent::read_plan_file(json{{"params", params()}, {"trials", 5}}.dump());
}

}  // namespace

TEST(SearchCollect, StatusesRankingAndCsv) {
  const descent::RoundPlan round{1, params(), json::array({trial(1, 0.01), trial(2, 0.1), trial(3, 0.5), trial(4, 0.02), trial(5, 0.03)})};
  std::map<int, json> results;
  results[1] = descent::done_result(summary(0.9, 0.8, 0.5), 1.5);
  results[2] = descent::done_result(summary(0.9, 0.9, 0.3), 1.0);
  results[3] = descent::done_result(summary(0.5, 0.5, "inf"), 0.1);  // diverged
  results[4] = descent::failed_result("epochs", "epochs is 0; allowed: 1 or more");
  // trial 5: missing (no result file)
  const ojson c = descent::collect(plan(), {round}, results);
  EXPECT_EQ(c["format"], "descent-search-results");
  std::vector<std::string> status;
  for (const auto& row : c["trials"]) status.push_back(row["status"]);
  EXPECT_EQ(status, (std::vector<std::string>{"done", "done", "done", "failed", "missing"}));
  EXPECT_EQ(c["ranking"], ojson({2, 1, 3}));  // 0.1 < 0.2 dev error; the diverged trial's 0.5 last
  EXPECT_EQ(c["best"], 2);
  EXPECT_EQ(c["missing"], ojson({5}));
  EXPECT_EQ(c["failed"], ojson({4}));
  EXPECT_DOUBLE_EQ(c["trials"][0]["dev_error"].get<double>(), 1.0 - 0.8);  // as the card: 1 - accuracy
  EXPECT_EQ(c["trials"][2]["dev_loss"], "inf");
  EXPECT_EQ(c["trials"][3]["error"], "epochs is 0; allowed: 1 or more");
  EXPECT_TRUE(c["sensitivity"].contains("ranking"));
  EXPECT_EQ(c["sensitivity"]["trials_used"], 3);

  const std::string csv = descent::results_csv(c);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "round,trial,learning_rate,train_error,dev_error,dev_loss,epochs,seconds,status,error");
  EXPECT_NE(csv.find("\n1,3,0.5,0.5,0.5,inf,10,0.1,done,\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n1,4,0.02,,,,0,,failed,epochs is 0; allowed: 1 or more\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n1,5,0.03,,,,0,,missing,\n"), std::string::npos) << csv;
}

TEST(SearchCollect, TiesRankByDevLossAndFewTrialsGiveNoSensitivity) {
  const descent::RoundPlan round{1, params(), json::array({trial(1, 0.01), trial(2, 0.1)})};
  std::map<int, json> results;
  results[1] = descent::done_result(summary(1, 0.9, 0.4), 1);
  results[2] = descent::done_result(summary(1, 0.9, 0.3), 1);
  const ojson c = descent::collect(plan(), {round}, results);
  EXPECT_EQ(c["ranking"], ojson({2, 1}));
  EXPECT_EQ(c["sensitivity"]["message"], "At least 3 finished trials are needed to tell which hyperparameters mattered.");
}

TEST(SearchPlanFile, ErrorsNameTheField) {
  auto field = [](const json& document) {
    try {
      descent::read_plan_file(document.dump());
    } catch (const descent::SpecError& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(field({{"params", params()}}), "accepted");
  EXPECT_EQ(field(json::object()), "params");
  EXPECT_EQ(field({{"params", params()}, {"rounds", 21}}), "rounds");
  EXPECT_EQ(field({{"params", params()}, {"refine_best", 0}}), "refine_best");
  EXPECT_EQ(field({{"params", json::array({{{"name", "learning_rate"}, {"min", 2}, {"max", 1}}})}}), "params[0].min");
  EXPECT_EQ(field({{"params", params()}, {"base", {{"epochs", -1}}}}), "base.epochs");
  EXPECT_EQ(field({{"params", params()}, {"method", "list"}}), "method");  // the page's import only
  EXPECT_EQ(field({{"params", params()}, {"kind", "plan"}}), "kind");
  EXPECT_EQ(descent::round_request(plan(), 3, params())["seed"], 3);  // round r: seed + r - 1
}

TEST(SearchPlan, ListPlansTheValuesGiven) {
  const json request = {{"kind", "plan"}, {"method", "list"}, {"params", params()},
                        {"values", json::array({{{"learning_rate", 0.25}}, {{"learning_rate", 0.001}}})}};
  const json a = json::parse(descent::search(request.dump()));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  ASSERT_EQ(a["trials"].size(), 2u);
  EXPECT_EQ(a["trials"][0]["spec"]["optimizer"]["learning_rate"], 0.25);
  EXPECT_EQ(a["trials"][1]["values"]["learning_rate"], 0.001);
  json outside = request;
  outside["values"][1]["learning_rate"] = 2.0;
  const json e = json::parse(descent::search(outside.dump()));
  EXPECT_EQ(e["error"]["field"], "values[1].learning_rate");
  EXPECT_EQ(e["error"]["allowed"], "allowed: a number from 0.001 to 1.0 (params' range)");
  json other = request;
  other["values"][0]["l2"] = 0.1;
  EXPECT_EQ(json::parse(descent::search(other.dump()))["error"]["field"], "values[0].l2");
}
