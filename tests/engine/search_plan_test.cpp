// Search kind "plan": each sampled value lands where its name says in a complete spec that
// loads; the same request gives the same trials; the grid is the cartesian product; and a bad
// request names the field.
#include <set>

#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "search/search.h"
#include "spec/spec.h"

using nlohmann::json;

namespace {

json run(const json& request) { return json::parse(descent::search(request.dump())); }

json param(const char* name, double min, double max) { return {{"name", name}, {"min", min}, {"max", max}}; }

json every_param() {
  return json::array({param("learning_rate", 1e-4, 1e-1), param("l2", 1e-4, 1), param("beta1", 0.8, 0.99),
                      param("beta2", 0.99, 0.9999), param("epsilon", 1e-9, 1e-6), param("decay_rate", 0.01, 1),
                      param("hidden_layers", 1, 4), param("hidden_units", 3, 12), param("batch_size", 8, 64),
                      param("keep_prob", 0.5, 1)});
}

json random_plan(int trials, int seed) {
  return {{"kind", "plan"}, {"method", "random"}, {"trials", trials}, {"seed", seed}, {"params", every_param()}};
}

std::string error_field(const json& request) {
  const json a = run(request);
  EXPECT_FALSE(a["ok"].get<bool>());
  return a["error"]["field"].get<std::string>();
}

}  // namespace

TEST(SearchPlan, EveryValueLandsInItsPlaceOfALoadableSpec) {
  const json a = run(random_plan(50, 3));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  ASSERT_EQ(a["trials"].size(), 50u);
  EXPECT_EQ(a["params"][0], json({{"name", "learning_rate"}, {"min", 1e-4}, {"max", 1e-1}, {"scale", "log"}}));
  EXPECT_EQ(a["params"][2]["scale"], "one_minus_log");
  EXPECT_EQ(a["params"][8]["scale"], "pow2");
  int id = 0;
  for (const json& t : a["trials"]) {
    EXPECT_EQ(t["id"].get<int>(), ++id);
    const json& v = t["values"];
    const json& s = t["spec"];
    EXPECT_EQ(s["optimizer"]["learning_rate"], v["learning_rate"]);
    EXPECT_EQ(s["regularization"]["l2"], v["l2"]);
    EXPECT_EQ(s["optimizer"]["beta1"], v["beta1"]);
    EXPECT_EQ(s["optimizer"]["beta2"], v["beta2"]);
    EXPECT_EQ(s["optimizer"]["epsilon"], v["epsilon"]);
    EXPECT_EQ(s["schedule"]["decay_rate"], v["decay_rate"]);
    EXPECT_EQ(s["schedule"]["name"], "inverse_time");  // the base's constant schedule would not decay
    EXPECT_EQ(s["batch_size"], v["batch_size"]);
    const int hidden = v["hidden_layers"].get<int>();
    ASSERT_EQ(s["layers"].size(), static_cast<size_t>(hidden) + 1);
    for (int l = 0; l < hidden; ++l) {
      EXPECT_EQ(s["layers"][l]["units"], v["hidden_units"]);
      EXPECT_EQ(s["layers"][l]["keep_prob"], v["keep_prob"]);
      EXPECT_EQ(s["layers"][l]["activation"], "relu");
    }
    EXPECT_EQ(s["layers"][hidden], json({{"units", 1}, {"activation", "sigmoid"}, {"keep_prob", 1.0}, {"norm", "none"}}));
    // Complete and loadable: parsing it back gives the same document.
    EXPECT_TRUE(json::parse(descent::to_json(descent::parse_spec(s.dump())).dump()) == s) << s.dump();
  }
}

TEST(SearchPlan, SameSeedSameTrialsAnotherSeedOthers) {
  EXPECT_EQ(run(random_plan(20, 7)).dump(), run(random_plan(20, 7)).dump());
  EXPECT_NE(run(random_plan(20, 7))["trials"][0]["values"], run(random_plan(20, 8))["trials"][0]["values"]);
}

TEST(SearchPlan, ADecayingBaseScheduleKeepsItsKind) {
  json r = random_plan(5, 1);
  r["params"] = json::array({param("decay_rate", 0.1, 1)});
  r["base"] = {{"schedule", {{"name", "staircase"}, {"time_interval", 10}}}};
  const json answer = run(r);  // kept: a range-for over run(r)["trials"] would outlive it
  ASSERT_EQ(answer["trials"].size(), 5u);
  for (const json& t : answer["trials"]) {
    EXPECT_EQ(t["spec"]["schedule"]["name"], "staircase");
    EXPECT_EQ(t["spec"]["schedule"]["time_interval"], 10);
  }
}

TEST(SearchPlan, GridIsTheCartesianProductInOrder) {
  const json r = {{"kind", "plan"}, {"method", "grid"}, {"grid_points", 3},
                  {"params", json::array({param("learning_rate", 1e-3, 1e-1), param("hidden_units", 4, 5),
                                          param("beta1", 0.9, 0.999)})}};
  const json a = run(r);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  ASSERT_EQ(a["trials"].size(), 3u * 2u * 3u);  // hidden_units 4, 4.5 -> 5, 5: two values
  std::set<std::string> distinct;
  for (size_t k = 0; k < 18; ++k) {
    const json& v = a["trials"][k]["values"];
    EXPECT_EQ(a["trials"][k]["id"].get<size_t>(), k + 1);
    EXPECT_NEAR(std::log10(v["learning_rate"].get<double>()), -3.0 + double(k / 6), 1e-12);  // slowest
    EXPECT_EQ(v["hidden_units"].get<int>(), 4 + int(k / 3 % 2));
    EXPECT_NEAR(std::log10(1 - v["beta1"].get<double>()), -1.0 - double(k % 3), 1e-12);       // fastest
    distinct.insert(v.dump());
  }
  EXPECT_EQ(distinct.size(), 18u);
}

TEST(SearchPlan, BadRequestsNameTheField) {
  // An array whatever the list's length: json's own braces make {x} a copy of x under clang.
  const auto with_params = [](std::vector<json> params) {
    return json{{"kind", "plan"}, {"trials", 3}, {"params", json(std::move(params))}};
  };
  EXPECT_EQ(error_field(with_params({param("learning_rate", 1e-3, 1e-1), param("alpha", 0.1, 1)})), "params[1].name");
  EXPECT_EQ(error_field(with_params({param("learning_rate", 1e-3, 1e-1), param("l2", 1, 0.1)})), "params[1].min");
  EXPECT_EQ(error_field(with_params({param("l2", 0, 0.1)})), "params[0].min");  // log: min > 0
  EXPECT_EQ(error_field(with_params({param("beta1", 0.9, 1)})), "params[0].max");
  EXPECT_EQ(error_field(with_params({param("beta2", -0.1, 0.9)})), "params[0].min");
  EXPECT_EQ(error_field(with_params({param("hidden_units", 4.5, 9)})), "params[0].min");
  EXPECT_EQ(error_field(with_params({param("batch_size", 33, 63)})), "params[0].max");  // no power of two
  EXPECT_EQ(error_field(with_params({param("learning_rate", 1e-3, 1), param("learning_rate", 1e-3, 1)})),
            "params[1].name");
  EXPECT_EQ(error_field(with_params({{{"name", "keep_prob"}, {"min", 0.5}, {"max", 1}, {"scale", "log"}}})),
            "params[0].scale");
  EXPECT_EQ(error_field(with_params({{{"name", "keep_prob"}, {"min", 0.5}}})), "params[0].max");
  EXPECT_EQ(error_field(with_params({})), "params");

  json r = with_params({param("learning_rate", 1e-3, 1e-1)});
  r["trials"] = 1001;
  EXPECT_EQ(error_field(r), "trials");
  r = with_params({param("learning_rate", 1e-3, 1), param("l2", 1e-3, 1), param("keep_prob", 0.5, 1)});
  r["method"] = "grid";
  r["grid_points"] = 11;  // 1331 trials
  EXPECT_EQ(error_field(r), "grid_points");
  r["method"] = "bayes";
  EXPECT_EQ(error_field(r), "method");
  r = with_params({param("hidden_units", 2, 8)});
  r["base"] = {{"layers", json::array({{{"units", 1}, {"activation", "sigmoid"}}})}};  // no hidden layer
  EXPECT_EQ(error_field(r), "params[0].name");
  r["base"] = {{"optimizer", {{"learning_rate", -1}}}};
  EXPECT_EQ(error_field(r), "base.optimizer.learning_rate");
  r = with_params({param("hidden_units", 5, 5)});  // 5 units cannot split into the base's 2 channels
  r["base"] = {{"layers", json::array({{{"units", 4}, {"norm", "batch"}, {"channels", 2}},
                                       {{"units", 1}, {"activation", "sigmoid"}}})}};
  EXPECT_EQ(error_field(r), "trials[0].spec.layers[0].channels");

  EXPECT_EQ(error_field({{"params", every_param()}}), "kind");
  EXPECT_EQ(error_field({{"kind", "tune"}}), "kind");
  EXPECT_EQ(json::parse(descent::search("{kind"))["error"]["field"], "request");
}
