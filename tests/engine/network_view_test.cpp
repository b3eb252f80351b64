// The network as the page draws it (train/network_view.h): per-unit statistics against the
// per-layer ones, the per-unit grid of the output layer against the decision grid, a weight
// the learner sets, a parameter's history and the dropout masks of a single step.
//   n_l  units of layer l   R  grid resolution
#include "train/network_view.h"

#include <chrono>
#include <cmath>
#include <iostream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "train/decision_grid.h"
#include "train/layer_stats.h"
#include "train/session_api.h"

using namespace descent;
using json = nlohmann::json;

namespace {

Spec spec_of(const std::string& text) { return parse_spec(text); }

NetworkView view_of(Session& s, int resolution = 0, bool mask = false) {
  NetworkView v;
  Matrix<float> X_chunk;
  network_view(s, resolution, mask, v, X_chunk);
  return v;
}

double mean_of(const std::vector<float>& v) {
  double sum = 0;
  for (float x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

// ms per call of f, over n calls.
template <class F>
double ms_per_call(int n, F f) {
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / n;
}

}  // namespace

TEST(NetworkView, PerUnitStatisticsAverageToTheLayerStatisticsOfTheSamePass) {
  // ReLU, leaky ReLU, tanh, a batch-norm layer and a sigmoid output.
  Session s(spec_of(R"({"epochs": 3, "layers": [{"units": 8, "activation": "relu"},
      {"units": 6, "activation": "tanh", "norm": "batch"}, {"units": 5, "activation": "leaky_relu"},
      {"units": 1, "activation": "sigmoid"}]})"));
  while (!s.finished()) s.step(1000);
  const NetworkView v = view_of(s);
  // layer_stats reads the caches of the last pass: the view's pass over the training set.
  const int m = static_cast<int>(s.train_inputs().cols());
  for (size_t l = 0; l < v.layers.size(); ++l) {
    const LayerStats ls = layer_stats(s.network(), l, m);
    const LayerView& u = v.layers[l];
    ASSERT_EQ(u.mean.size(), static_cast<size_t>(u.units));
    EXPECT_NEAR(mean_of(u.mean), ls.act_mean, 1e-6) << "layer " << l + 1;
    if (u.activation == Activation::tanh || u.activation == Activation::sigmoid) {
      ASSERT_EQ(u.saturated.size(), static_cast<size_t>(u.units));
      EXPECT_TRUE(u.dead.empty());
      EXPECT_NEAR(mean_of(u.saturated), ls.saturated, 1e-6) << "layer " << l + 1;
    } else {
      ASSERT_EQ(u.dead.size(), static_cast<size_t>(u.units));
      EXPECT_TRUE(u.saturated.empty());
      EXPECT_NEAR(mean_of(u.dead), ls.dead, 1e-6) << "layer " << l + 1;
    }
    // And the same as the epoch record's, taken by the same pass at the end of the last epoch.
    const LayerStats& recorded = s.layer_stats()[s.history().back().stats_begin + l];
    EXPECT_NEAR(mean_of(u.dead.empty() ? u.saturated : u.dead), u.dead.empty() ? recorded.saturated : recorded.dead, 1e-6);
  }
  // The batch-norm layer has gamma and beta, no bias; the others a bias and no gamma.
  EXPECT_FALSE(v.layers[1].has_bias);
  EXPECT_EQ(v.layers[1].gamma.size(), 6u);
  EXPECT_TRUE(v.layers[0].has_bias);
  EXPECT_TRUE(v.layers[0].gamma.empty());
}

TEST(NetworkView, CopiesTheWeightsRowMajorWithEachUnitsNorm) {
  Session s(default_spec());
  s.step(5);
  const NetworkView v = view_of(s);
  ASSERT_EQ(v.layers.size(), 3u);
  const auto W2 = s.network().params.value(s.network().layers[1].dense().W_id());  // (8 x 8)
  const LayerView& u = v.layers[1];
  EXPECT_EQ(u.fan_in, 8);
  for (int j = 0; j < u.units; ++j) {
    for (int i = 0; i < u.fan_in; ++i) EXPECT_EQ(u.W[static_cast<size_t>(j * u.fan_in + i)], W2(j, i));
    EXPECT_NEAR(u.weight_norm[static_cast<size_t>(j)], W2.row(j).norm(), 1e-6);
  }
  EXPECT_EQ(v.features, 2);
  EXPECT_EQ(v.feature_names, (std::vector<std::string>{"x1", "x2"}));
}

TEST(NetworkView, TheOutputLayersGridIsTheDecisionGrid) {
  for (const char* text : {R"({"epochs": 2})", R"({"epochs": 2, "normalize": true, "data": {"source": "moons"}})"}) {
    Session s(spec_of(text));
    while (!s.finished()) s.step(1000);
    const NetworkView v = view_of(s, 40);
    ASSERT_EQ(v.grid.resolution, 40);
    GridInfo g = grid_bounds(s.data());
    g.resolution = 40;
    Matrix<float> X_chunk;
    std::vector<float> boundary;
    evaluate_grid(s.network(), g, s.normalizer(), X_chunk, boundary);
    EXPECT_EQ(v.grid.x0, g.x0);
    EXPECT_EQ(v.grid.y1, g.y1);
    ASSERT_EQ(v.layers.back().grid.size(), boundary.size());
    for (size_t p = 0; p < boundary.size(); ++p) ASSERT_EQ(v.layers.back().grid[p], boundary[p]) << text << " point " << p;
    for (const auto& u : v.layers) EXPECT_EQ(u.grid.size(), static_cast<size_t>(u.units) * 40 * 40);
  }
}

TEST(NetworkView, DigitsHaveNoGridAndAnImage) {
  Session s(spec_of(R"({"data": {"source": "digits"}, "normalize": true, "epochs": 1,
                        "layers": [{"units": 32}, {"units": 10, "activation": "softmax"}]})"));
  const NetworkView v = view_of(s, 32);
  EXPECT_EQ(v.grid.resolution, 0);
  EXPECT_TRUE(v.layers[0].grid.empty());
  EXPECT_EQ(v.layers[0].W.size(), 64u * 32u);
  EXPECT_EQ(v.image_width, 8);
  EXPECT_EQ(v.image_height, 8);
  EXPECT_EQ(v.feature_names.size(), 64u);
  EXPECT_TRUE(v.layers[1].dead.empty() && v.layers[1].saturated.empty());  // softmax: neither
}

TEST(NetworkView, AWideNetworkGetsACoarserGrid) {
  Session s(spec_of(R"({"epochs": 1, "layers": [{"units": 200}, {"units": 200}, {"units": 1, "activation": "sigmoid"}]})"));
  const NetworkView v = view_of(s, 64);
  long long values = 0;
  for (const auto& u : v.layers) values += static_cast<long long>(u.grid.size());
  EXPECT_LT(v.grid.resolution, 64);
  EXPECT_GE(v.grid.resolution, 2);
  EXPECT_LE(values, kNetworkGridValues);
}

TEST(NetworkView, TakingItLeavesTheRunAsItWas) {
  Spec spec = spec_of(R"({"epochs": 4, "layers": [{"units": 8, "keep_prob": 0.7}, {"units": 8, "norm": "batch"},
      {"units": 1, "activation": "sigmoid"}]})");
  Session a(spec), b(spec);
  while (!a.finished()) a.step(3);
  while (!b.finished()) {
    b.step(3);
    view_of(b, 20, true);
  }
  EXPECT_EQ(a.network().params.theta, b.network().params.theta);
  EXPECT_EQ(a.history().back().train_loss, b.history().back().train_loss);
}

TEST(NetworkView, ASetWeightReadsBackAndChangesTheNextStepsLoss) {
  Spec spec = default_spec();
  spec.record_every = 1;
  SessionApi a, b;
  const std::string text = to_json(spec).dump();
  ASSERT_TRUE(json::parse(a.load(text))["ok"]);
  ASSERT_TRUE(json::parse(b.load(text))["ok"]);
  const json set = json::parse(a.set_weight(2, 3, 5, 1.25));
  ASSERT_TRUE(set["ok"]) << set;
  ASSERT_TRUE(json::parse(a.set_weight(1, 0, -1, -0.5))["ok"]);  // a bias
  ASSERT_TRUE(json::parse(a.network(0, false))["ok"]);
  EXPECT_EQ((*a.network_floats("W", 1))[3 * 8 + 5], 1.25f);
  EXPECT_EQ((*a.network_floats("b", 0))[0], -0.5f);
  const json sa = json::parse(a.step(1)), sb = json::parse(b.step(1));
  EXPECT_NE(sa["steps_log"][0]["batch_loss"], sb["steps_log"][0]["batch_loss"]);

  // Bad indices and values: an error naming the field and the range; nothing changes.
  for (auto [layer, unit, input, value, field] :
       {std::tuple{0, 0, 0, 1.0, "layer"}, std::tuple{4, 0, 0, 1.0, "layer"}, std::tuple{1, 8, 0, 1.0, "unit"},
        std::tuple{1, 0, 2, 1.0, "input"}, std::tuple{1, 0, -2, 1.0, "input"},
        std::tuple{1, 0, 0, std::nan(""), "value"}, std::tuple{1, 0, 0, HUGE_VAL, "value"}}) {
    const json r = json::parse(a.set_weight(layer, unit, input, value));
    EXPECT_FALSE(r["ok"]);
    EXPECT_EQ(r["error"]["field"], field) << r;
    EXPECT_NE(r["error"]["allowed"].get<std::string>().find("allowed"), std::string::npos);
  }
  const json r = json::parse(a.set_weight(1, 0, 2, 1.0));
  EXPECT_EQ(r["error"]["allowed"], "allowed: 0 to 1, or null for the bias");
}

TEST(NetworkView, ABatchNormLayerHasNoBiasToSet) {
  SessionApi api;
  ASSERT_TRUE(json::parse(api.load(R"({"layers": [{"units": 4, "norm": "batch"}, {"units": 1, "activation": "sigmoid"}]})"))["ok"]);
  const json r = json::parse(api.set_weight(1, 0, -1, 1.0));
  EXPECT_EQ(r["error"]["field"], "input");
  EXPECT_TRUE(json::parse(api.set_weight(1, 0, 1, 1.0))["ok"]);
}

TEST(NetworkView, ParamHistoryEndsWithTheCurrentValue) {
  SessionApi api;
  ASSERT_TRUE(json::parse(api.load(R"({"epochs": 30})"))["ok"]);
  json h = json::parse(api.param_history(2, 1, 4));
  ASSERT_TRUE(h["ok"]) << h;
  EXPECT_EQ(h["epochs"].size(), 1u);  // epoch 0 only
  EXPECT_FALSE(h.contains("norms"));
  while (!json::parse(api.step(1000))["finished"]) {}
  ASSERT_TRUE(json::parse(api.set_weight(2, 1, 4, 0.75))["ok"]);
  h = json::parse(api.param_history(2, 1, 4));
  ASSERT_GT(h["values"].size(), 100u);
  EXPECT_LE(h["values"].size(), static_cast<size_t>(Session::kPathCapacity) + 1);
  EXPECT_EQ(h["values"].back(), 0.75f);
  EXPECT_EQ(h["epochs"].front(), 0.0);
  EXPECT_EQ(h["epochs"].back(), 30.0);
  EXPECT_NE(h["values"].front(), h["values"][h["values"].size() / 2]);  // it moved while training
  // A bias: its value and the unit's incoming weight norm, the last as the snapshot has it.
  h = json::parse(api.param_history(1, 2, -1));
  ASSERT_TRUE(api.network(0, false).find("\"ok\":true") != std::string::npos);
  EXPECT_EQ(h["values"].back(), (*api.network_floats("b", 0))[2]);
  EXPECT_NEAR(h["norms"].back().get<double>(), (*api.network_floats("weightNorm", 0))[2], 1e-6);
  EXPECT_EQ(h["norms"].size(), h["values"].size());
  std::cout << h["epochs"].size() << " records over 30 epochs, epochs " << h["epochs"][0] << ", " << h["epochs"][1]
            << ", " << h["epochs"][2] << ", ...\n";
  EXPECT_EQ(json::parse(api.param_history(3, 1, 0))["error"]["field"], "unit");
}

TEST(NetworkView, MasksOnlyRightAfterASingleBatchStepWithDropout) {
  SessionApi api;
  ASSERT_TRUE(json::parse(api.load(R"({"layers": [{"units": 40, "keep_prob": 0.5}, {"units": 8},
      {"units": 1, "activation": "sigmoid"}]})"))["ok"]);
  const auto masks = [&](bool with_mask) {
    const json a = json::parse(api.network(0, with_mask));
    return std::vector<bool>{a["layers"][0]["mask"], a["layers"][1]["mask"], a["layers"][2]["mask"]};
  };
  EXPECT_EQ(masks(true), (std::vector<bool>{false, false, false}));  // no step yet
  api.step(1);
  EXPECT_EQ(masks(true), (std::vector<bool>{true, false, false}));  // only the layer with dropout
  const auto* mask = api.network_mask(0);
  ASSERT_NE(mask, nullptr);
  int kept = 0;
  for (auto k : *mask) kept += k;
  EXPECT_GT(kept, 5);
  EXPECT_LT(kept, 35);
  EXPECT_EQ(masks(false), (std::vector<bool>{false, false, false}));
  EXPECT_EQ(api.network_mask(0), nullptr);
  api.step(3);
  EXPECT_EQ(masks(true), (std::vector<bool>{false, false, false}));  // a chunk, not one batch
  api.step(1);
  EXPECT_EQ(masks(true)[0], true);
  api.set_weight(1, 0, 0, 0.5);
  EXPECT_EQ(masks(true)[0], false);  // a weight edit: the mask no longer goes with the weights
  api.step(1);
  api.reset();
  EXPECT_EQ(masks(true)[0], false);
}

TEST(NetworkView, CostOfASnapshot) {
  SessionApi circles, digits;
  ASSERT_TRUE(json::parse(circles.load(R"({"epochs": 5})"))["ok"]);
  ASSERT_TRUE(json::parse(digits.load(R"({"data": {"source": "digits"}, "normalize": true,
      "layers": [{"units": 32}, {"units": 10, "activation": "softmax"}]})"))["ok"]);
  const double ms_default = ms_per_call(20, [&] { circles.network(64, false); });
  const double ms_digits = ms_per_call(20, [&] { digits.network(0, false); });
  std::cout << "snapshot: default net with a 64x64 grid " << ms_default << " ms, digits " << ms_digits << " ms (native)\n";
  EXPECT_LT(ms_default, 50);
  EXPECT_LT(ms_digits, 50);
}
