// The learning-rate range test (search kind "lr_range") on the default experiment: the loss
// falls, then blows up, and the suggested rate sits on the falling part; plus the rate finder
// on a made-up curve whose steepest point is known.
#include <cmath>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "search/lr_range.h"
#include "search/search.h"
#include "spec/spec.h"

using nlohmann::json;

namespace {

json run(const json& request) { return json::parse(descent::search(request.dump())); }

// 300 iterations: with gradient descent the default network barely moves in 100 steps, and
// then the loss only falls at rates near 1 (suggested 1.87, lowest at 2.48 over 100).
json default_request() {
  return {{"kind", "lr_range"}, {"spec", json::parse(descent::to_json(descent::default_spec()).dump())},
          {"min", 1e-5}, {"max", 10}, {"iterations", 300}};
}

}  // namespace

TEST(SearchLrRange, DefaultSpecSuggestsARateOnTheFallingLoss) {
  const json a = run(default_request());
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  const json& points = a["points"];
  ASSERT_GE(points.size(), 20u);
  const double suggested = a["suggested_learning_rate"].get<double>();
  const double at_min = a["min_loss_learning_rate"].get<double>();
  std::printf("suggested %g, min-loss rate %g, %zu points, stopped_early %d: %s\n", suggested, at_min,
              points.size(), a["stopped_early"].get<bool>(), a["reason"].get<std::string>().c_str());
  EXPECT_GT(suggested, 1e-3);
  EXPECT_LT(suggested, 1.0);
  EXPECT_LT(suggested, at_min);

  // Rates grow geometrically from min by (max / min)^(1 / 299) per iteration.
  const double ratio = std::pow(1e6, 1.0 / 299);
  for (size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(points[i]["iteration"].get<int>(), static_cast<int>(i) + 1);
    EXPECT_NEAR(points[i]["learning_rate"].get<double>() / (1e-5 * std::pow(ratio, i)), 1.0, 1e-12);
  }
  // Before the suggested rate: finite, and the smoothed loss falls over the decade below it.
  double before = NAN, at = NAN;
  for (const json& p : points) {
    const double alpha = p["learning_rate"].get<double>(), s = p["smoothed"].get<double>();
    EXPECT_TRUE(std::isfinite(s));
    if (alpha <= suggested / 10) before = s;
    if (alpha <= suggested) at = s;
  }
  EXPECT_LT(at, before);
}

TEST(SearchLrRange, SmoothedIsTheBiasCorrectedAverage) {
  json r = default_request();
  r["iterations"] = 10;
  const json a = run(r);
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  double v = 0;
  for (const json& p : a["points"]) {
    const int t = p["iteration"].get<int>();
    v = 0.9 * v + 0.1 * p["loss"].get<double>();
    EXPECT_NEAR(p["smoothed"].get<double>(), v / (1 - std::pow(0.9, t)), 1e-12);
  }
}

TEST(SearchLrRange, SameRequestSameNumbers) {
  EXPECT_EQ(run(default_request()).dump(), run(default_request()).dump());
}

TEST(SearchLrRange, SuggestsTheSteepestFallBeforeTheMinimum) {
  // smoothed = -tanh(3 (log10 alpha + 2)) up to alpha = 1, then rising: steepest at 1e-2.
  std::vector<descent::RangePoint> points;
  for (int t = 1; t <= 61; ++t) {
    const double u = -5 + (t - 1) * 0.1;  // log10 alpha from -5 to 1
    const double s = u <= 0 ? -std::tanh(3 * (u + 2)) : -std::tanh(6.0) + u;
    points.push_back({t, std::pow(10.0, u), s, s});
  }
  EXPECT_NEAR(std::log10(descent::suggested_rate(points, 2)), -2.0, 1e-9);
}

TEST(SearchLrRange, BadRequestsNameTheField) {
  const auto error_field = [](json r) { return run(r)["error"]["field"].get<std::string>(); };
  json r = default_request();
  r["iterations"] = 5;
  EXPECT_EQ(error_field(r), "iterations");
  r = default_request();
  r["min"] = 1;
  r["max"] = 0.1;
  EXPECT_EQ(error_field(r), "min");
  r = default_request();
  r["max"] = 0;
  EXPECT_EQ(error_field(r), "max");
  r = default_request();
  r["spec"]["optimizer"]["name"] = "sgd";
  EXPECT_EQ(error_field(r), "spec.optimizer.name");
  r = default_request();
  r["spec"]["batch_size"] = 5000;  // more than the training set: the session says so
  EXPECT_EQ(error_field(r), "spec.batch_size");
  r = default_request();
  r["rate"] = 1;
  EXPECT_EQ(error_field(r), "rate");
}
