// Search kind "zoom" (coarse to fine): ranges narrow around the best trials, on each
// parameter's scale, contain them and stay inside the old ranges; known values by hand.
#include <cmath>

#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/rng.h"
#include "search/param_space.h"
#include "search/search.h"

using nlohmann::json;

namespace {

json run(const json& request) { return json::parse(descent::search(request.dump())); }

json result(json values, json dev_error, json dev_loss = 0.5) {
  return {{"values", std::move(values)}, {"dev_error", std::move(dev_error)}, {"dev_loss", std::move(dev_loss)}};
}

json zoom_lr(json results, int best) {
  return {{"kind", "zoom"}, {"params", json::array({{{"name", "learning_rate"}, {"min", 1e-4}, {"max", 1.0}}})},
          {"results", std::move(results)}, {"best", best}};
}
// A braced list of results is an array whatever its length: json's own braces make {x} a
// copy of x under clang and an array under GCC.
json zoom_lr(std::initializer_list<json> results, int best) { return zoom_lr(json(std::vector<json>(results)), best); }

double lr_min(const json& a) { return a["params"][0]["min"].get<double>(); }
double lr_max(const json& a) { return a["params"][0]["max"].get<double>(); }

}  // namespace

TEST(SearchZoom, NarrowsAroundTheBestOnEachScale) {
  // 200 trials; dev error a bowl in log10(alpha) around -2.5, nothing else matters.
  const json params = json::array({{{"name", "learning_rate"}, {"min", 1e-5}, {"max", 1.0}},
                                   {{"name", "beta1"}, {"min", 0.8}, {"max", 0.999}},
                                   {{"name", "batch_size"}, {"min", 8}, {"max", 256}},
                                   {{"name", "hidden_units"}, {"min", 2}, {"max", 64}}});
  const std::vector<descent::Param> p = descent::read_params(&params, "params");
  descent::Rng rng(11);
  json results = json::array();
  for (int i = 0; i < 200; ++i) {
    json values;
    for (const auto& q : p) values[q.name] = q.sample(rng);
    const double u = std::log10(values["learning_rate"].get<double>());
    results.push_back(result(values, 0.05 + 0.02 * (u + 2.5) * (u + 2.5) + 0.001 * rng.normal()));
  }
  const json a = run({{"kind", "zoom"}, {"params", params}, {"results", results}, {"best", 10}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  ASSERT_EQ(a["best"].size(), 10u);
  for (size_t i = 0; i < p.size(); ++i) {
    const json& q = a["params"][i];
    EXPECT_EQ(q["name"], p[i].name);
    EXPECT_EQ(q["scale"], descent::kScaleNames.name(p[i].scale));
    const double lo = q["min"].get<double>(), hi = q["max"].get<double>();
    EXPECT_GE(lo, p[i].min);
    EXPECT_LE(hi, p[i].max);
    for (const json& k : a["best"]) {
      const double x = results[k.get<size_t>()]["values"][p[i].name].get<double>();
      EXPECT_GE(x, lo) << p[i].name;
      EXPECT_LE(x, hi) << p[i].name;
    }
  }
  // The learning rate, by hand: the best 10 span [a, b] in log10(alpha) around -2.5; each side
  // moves out by a quarter of the old 5 decades (or half its gap to the old end, if smaller).
  double a_u = 0, b_u = -5;
  for (const json& k : a["best"]) {
    const double u = std::log10(results[k.get<size_t>()]["values"]["learning_rate"].get<double>());
    a_u = std::min(a_u, u), b_u = std::max(b_u, u);
  }
  const double lo_u = a_u - std::min(1.25, (a_u + 5) / 2), hi_u = b_u + std::min(1.25, -b_u / 2);
  std::printf("learning_rate: best in 10^[%.3f, %.3f], zoomed to 10^[%.3f, %.3f] (of [-5, 0])\n", a_u, b_u,
              std::log10(lr_min(a)), std::log10(lr_max(a)));
  EXPECT_NEAR(std::log10(lr_min(a)), lo_u, 1e-12);
  EXPECT_NEAR(std::log10(lr_max(a)), hi_u, 1e-12);
  EXPECT_LT(a_u, -2.5);
  EXPECT_GT(b_u, -2.5);
  EXPECT_LT(hi_u - lo_u, 5.0);  // strictly narrower, and at least a tenth of the old width
  EXPECT_GT(hi_u - lo_u, 0.5);
  // Whole scales keep whole values; pow2 keeps powers of two.
  const double b_lo = a["params"][2]["min"].get<double>(), b_hi = a["params"][2]["max"].get<double>();
  EXPECT_EQ(std::exp2(std::round(std::log2(b_lo))), b_lo);
  EXPECT_EQ(std::exp2(std::round(std::log2(b_hi))), b_hi);
  EXPECT_TRUE(a["params"][3]["min"].is_number_integer());
}

TEST(SearchZoom, KnownRangesByHand) {
  // Old range u in [-4, 0]; best at u = -3 and -2. Each side moves in by the smaller of a
  // quarter of the width (1) and half its gap: left gap 1 -> 0.5, right gap 2 -> 1.
  json a = run(zoom_lr({result({{"learning_rate", 1e-3}}, 0.1), result({{"learning_rate", 1e-2}}, 0.12),
                        result({{"learning_rate", 0.5}}, 0.3)}, 2));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["best"], json({0, 1}));
  EXPECT_NEAR(std::log10(lr_min(a)), -3.5, 1e-12);
  EXPECT_NEAR(std::log10(lr_max(a)), -1.0, 1e-12);

  // The best at the lower end: that end stays exactly, the other comes in to u = -3.
  a = run(zoom_lr({result({{"learning_rate", 1e-4}}, 0.1)}, 1));
  EXPECT_EQ(lr_min(a), 1e-4);
  EXPECT_NEAR(std::log10(lr_max(a)), -3.0, 1e-12);

  // The best already span the range: nothing to narrow.
  a = run(zoom_lr({result({{"learning_rate", 1e-4}}, 0.1), result({{"learning_rate", 1.0}}, 0.1)}, 2));
  EXPECT_EQ(lr_min(a), 1e-4);
  EXPECT_EQ(lr_max(a), 1.0);

  // one_minus_log: beta in [0.9, 0.999] is u = log10(1 - beta) in [-3, -1]; best at 0.99 (u = -2)
  // -> u in [-2.5, -1.5].
  a = run({{"kind", "zoom"}, {"params", json::array({{{"name", "beta1"}, {"min", 0.9}, {"max", 0.999}}})},
           {"results", json::array({result({{"beta1", 0.99}}, 0.1)})}, {"best", 1}});
  EXPECT_NEAR(a["params"][0]["min"].get<double>(), 1 - std::pow(10, -1.5), 1e-12);
  EXPECT_NEAR(a["params"][0]["max"].get<double>(), 1 - std::pow(10, -2.5), 1e-12);
}

TEST(SearchZoom, RanksByDevErrorThenDevLossNoneLast) {
  const json a = run(zoom_lr({result({{"learning_rate", 1e-3}}, nullptr), result({{"learning_rate", 1e-2}}, 0.2, 0.6),
                              result({{"learning_rate", 1e-1}}, 0.2, 0.4), result({{"learning_rate", 0.5}}, "inf"),
                              result({{"learning_rate", 0.2}}, 0.3)}, 3));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["best"], json({2, 1, 4}));
}

TEST(SearchZoom, BadRequestsNameTheField) {
  const auto field = [](const json& r) { return run(r)["error"]["field"].get<std::string>(); };
  EXPECT_EQ(field(zoom_lr({result({{"learning_rate", 1e-3}}, 0.1)}, 2)), "best");
  EXPECT_EQ(field(zoom_lr({result({{"learning_rate", 1e-3}}, 0.1), result({{"l2", 1e-3}}, 0.1)}, 1)),
            "results[1].values.learning_rate");
  EXPECT_EQ(field(zoom_lr({result({{"learning_rate", 0}}, 0.1)}, 1)), "results[0].values.learning_rate");
  EXPECT_EQ(field(zoom_lr({result({{"learning_rate", 1e-3}}, "low")}, 1)), "results[0].dev_error");
  EXPECT_EQ(field(zoom_lr({result({{"learning_rate", 1e-3}}, nullptr)}, 1)), "results");
  EXPECT_EQ(field(zoom_lr(json::array(), 1)), "results");
  json r = zoom_lr({result({{"learning_rate", 1e-3}}, 0.1)}, 1);
  r["results"][0]["train_error"] = 0.1;
  EXPECT_EQ(field(r), "results[0].train_error");
}
