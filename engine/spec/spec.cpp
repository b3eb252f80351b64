#include "spec/spec.h"

#include <cmath>

#include "spec/fields.h"

namespace descent {
namespace {

constexpr int kMaxSamples = 100000;
constexpr int kMaxLayers = 64;
constexpr int kMaxUnits = 4096;
constexpr double kMaxSeed = 9007199254740991.0;  // 2^53 - 1, the largest exact JavaScript integer

DataSpec parse_data(Fields f, const DataSpec& d) {
  DataSpec s;
  s.source = f.choice("source", d.source, {"circles"});
  s.samples = f.integer("samples", d.samples, 4, kMaxSamples);
  s.noise = f.number("noise", d.noise, 0.0, 10.0);
  s.factor = f.number("factor", d.factor, 0.0, 1.0, /*lo_open=*/true);
  f.finish();
  return s;
}

SplitSpec parse_split(Fields f, const SplitSpec& d) {
  SplitSpec s;
  s.train = f.number("train", d.train, 0.0, 1.0, /*lo_open=*/true);
  s.dev = f.number("dev", d.dev, 0.0, 1.0);
  s.test = f.number("test", d.test, 0.0, 1.0);
  f.finish();
  const double sum = s.train + s.dev + s.test;
  if (std::abs(sum - 1.0) > 1e-9)
    throw SpecError(f.path("train") + " + dev + test", std::to_string(sum),
                    "allowed: ratios that sum to 1");
  return s;
}

LayerConfig parse_layer(Fields f) {
  LayerConfig layer;
  layer.units = f.integer("units", 1, 1, kMaxUnits);
  layer.activation = f.choice("activation", Activation::relu, kActivationNames);
  f.finish();
  return layer;
}

std::vector<LayerConfig> parse_layers(const nlohmann::json* array, const std::string& path,
                                      const std::vector<LayerConfig>& fallback) {
  if (!array) return fallback;
  if (array->empty() || array->size() > kMaxLayers)
    throw SpecError(path, std::to_string(array->size()) + " layers",
                    "allowed: 1 to " + std::to_string(kMaxLayers) +
                        " layers, the last being the output layer");
  std::vector<LayerConfig> layers;
  for (size_t l = 0; l < array->size(); ++l)
    layers.push_back(parse_layer(Fields((*array)[l], path + "[" + std::to_string(l) + "]")));
  const LayerConfig& out = layers.back();
  if (out.units != 1 || out.activation != Activation::sigmoid)
    throw SpecError(path + "[" + std::to_string(layers.size() - 1) + "]",
                    Fields::show((*array)[layers.size() - 1]),
                    "allowed: an output layer of 1 sigmoid unit (two classes)");
  return layers;
}

InitSpec parse_init_spec(Fields f, const InitSpec& d) {
  InitSpec s;
  s.scheme = f.choice("scheme", d.scheme, kInitNames);
  s.scale = f.number("scale", d.scale, 0.0, 1000.0);
  f.finish();
  return s;
}

OptimizerSpec parse_optimizer(Fields f, const OptimizerSpec& d) {
  OptimizerSpec s;
  s.name = f.choice("name", d.name, {"gd"});
  s.learning_rate = f.number("learning_rate", d.learning_rate, 0.0, 100.0, /*lo_open=*/true);
  f.finish();
  return s;
}

}  // namespace

Spec default_spec() {
  Spec s;
  s.layers = {{8, Activation::relu}, {8, Activation::relu}, {1, Activation::sigmoid}};
  return s;
}

Spec parse_spec(const nlohmann::json& document) {
  const Spec d = default_spec();
  Fields f(document, "");
  Spec s;
  s.seed = static_cast<uint64_t>(f.whole("seed", static_cast<double>(d.seed), 0.0, kMaxSeed));
  s.data = parse_data(f.object("data"), d.data);
  s.split = parse_split(f.object("split"), d.split);
  s.layers = parse_layers(f.array("layers"), "layers", d.layers);
  s.init = parse_init_spec(f.object("init"), d.init);
  s.optimizer = parse_optimizer(f.object("optimizer"), d.optimizer);
  s.batch_size = f.integer("batch_size", d.batch_size, 1, kMaxSamples);
  s.epochs = f.integer("epochs", d.epochs, 1, 1000000);
  f.finish();
  return s;
}

Spec parse_spec(const std::string& json_text) {
  nlohmann::json document = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded())
    throw SpecError("spec", Fields::show(nlohmann::json(json_text)), "allowed: a valid JSON document");
  return parse_spec(document);
}

nlohmann::ordered_json to_json(const Spec& s) {
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  for (const auto& l : s.layers)
    layers.push_back({{"units", l.units}, {"activation", activation_name(l.activation)}});
  return nlohmann::ordered_json{
      {"seed", s.seed},
      {"data", {{"source", s.data.source}, {"samples", s.data.samples}, {"noise", s.data.noise},
                {"factor", s.data.factor}}},
      {"split", {{"train", s.split.train}, {"dev", s.split.dev}, {"test", s.split.test}}},
      {"layers", layers},
      {"init", {{"scheme", init_name(s.init.scheme)}, {"scale", s.init.scale}}},
      {"optimizer", {{"name", s.optimizer.name}, {"learning_rate", s.optimizer.learning_rate}}},
      {"batch_size", s.batch_size},
      {"epochs", s.epochs},
  };
}

}  // namespace descent
