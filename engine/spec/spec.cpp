#include "spec/spec.h"

#include <cmath>

#include "spec/data_fields.h"
#include "spec/fields.h"

namespace descent {
namespace {

constexpr int kMaxLayers = 64;
constexpr int kMaxUnits = 4096;
constexpr double kMaxSeed = 9007199254740991.0;  // 2^53 - 1, the largest exact JavaScript integer

SplitSpec parse_split(Fields f, const SplitSpec& d) {
  SplitSpec s;
  s.train = f.number("train", d.train, 0.0, 1.0, /*lo_open=*/true);
  s.dev = f.number("dev", d.dev, 0.0, 1.0);
  s.test = f.number("test", d.test, 0.0, 1.0);
  s.use_counts = f.has("dev_count") || f.has("test_count");
  s.dev_count = f.integer("dev_count", d.dev_count, 0, kMaxSamples);
  s.test_count = f.integer("test_count", d.test_count, 0, kMaxSamples);
  s.stratify = f.boolean("stratify", d.stratify);
  s.mismatch = f.choice("mismatch", d.mismatch, kMismatchNames);
  s.mismatch_amount = f.number("mismatch_amount", d.mismatch_amount, 0.0, 100.0);
  f.finish();
  const double sum = s.train + s.dev + s.test;
  if (!s.use_counts && std::abs(sum - 1.0) > 1e-9)
    throw SpecError(f.path("train") + " + dev + test", std::to_string(sum),
                    "allowed: ratios that sum to 1");
  return s;
}

AugmentSpec parse_augment(Fields f) {
  AugmentSpec a;
  a.flip = f.boolean("flip", false);
  a.shift = f.integer("shift", 0, 0, 3);
  a.jitter = f.number("jitter", 0.0, 0.0, 10.0);
  f.finish();
  return a;
}

EarlyStoppingConfig parse_early_stopping(Fields f) {
  EarlyStoppingConfig c;
  c.enabled = f.boolean("enabled", c.enabled);
  c.monitor = f.choice("monitor", c.monitor, kMonitorNames);
  c.patience = f.integer("patience", c.patience, 1, 1000000);
  c.min_delta = f.number("min_delta", c.min_delta, 0.0, 1e6);
  f.finish();
  return c;
}

LayerConfig parse_layer(Fields f) {
  LayerConfig layer;
  layer.units = f.integer("units", 1, 1, kMaxUnits);
  layer.activation = f.choice("activation", Activation::relu, kActivationNames);
  layer.slope = f.number("slope", layer.activation == Activation::prelu ? 0.25 : 0.01, -10.0, 10.0);
  layer.keep_prob = f.number("keep_prob", 1.0, 0.0, 1.0, /*lo_open=*/true);
  layer.norm = f.choice("norm", NormKind::none, kNormNames);
  layer.channels = f.integer("channels", 0, 0, kMaxUnits);
  if (layer.channels > 0 && layer.units % layer.channels != 0)
    throw SpecError(f.path("channels"), std::to_string(layer.channels),
                    "allowed: 0 (one channel per unit) or a divisor of units (" +
                        std::to_string(layer.units) + ")");
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
  for (size_t l = 0; l < array->size(); ++l) layers.push_back(parse_layer(Fields((*array)[l], Fields::element(path, l))));
  for (size_t l = 0; l + 1 < layers.size(); ++l)
    if (layers[l].activation == Activation::softmax)
      throw SpecError(Fields::element(path, l) + ".activation", "\"softmax\"",
                      "allowed: softmax only on the output layer");
  const size_t L = layers.size() - 1;
  const LayerConfig& out = layers[L];
  const std::string given = Fields::show((*array)[L]);
  if (out.activation == Activation::sigmoid ? out.units != 1
      : out.activation == Activation::softmax ? out.units < 2
                                               : out.activation != Activation::linear)
    throw SpecError(Fields::element(path, L), given,
                    "allowed: an output layer of 1 sigmoid unit (binary cross-entropy), "
                    "k >= 2 softmax units (softmax cross-entropy) or linear units (mean squared error)");
  if (out.keep_prob != 1.0 || out.norm != NormKind::none)
    throw SpecError(Fields::element(path, L), given, "allowed: no dropout (keep_prob 1) and no norm on the output layer");
  return layers;
}

Matrix<double> parse_matrix(const nlohmann::json& v, const std::string& path) {
  const std::string allowed = "allowed: a non-empty array of equally long rows of numbers";
  if (!v.is_array() || v.empty() || !v[0].is_array() || v[0].empty())
    throw SpecError(path, Fields::show(v), allowed);
  Matrix<double> M(v.size(), v[0].size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_array() || v[i].size() != v[0].size()) throw SpecError(Fields::element(path, i), Fields::show(v[i]), allowed);
    for (size_t j = 0; j < v[i].size(); ++j) {
      const auto& x = v[i][j];
      if (!x.is_number() || !std::isfinite(x.get<double>()))
        throw SpecError(Fields::element(Fields::element(path, i), j), Fields::show(x), "allowed: a finite number");
      M(i, j) = x.get<double>();
    }
  }
  return M;
}

Matrix<double> parse_column(const nlohmann::json& v, const std::string& path) {
  if (!v.is_array() || v.empty()) throw SpecError(path, Fields::show(v), "allowed: a non-empty array of numbers");
  Matrix<double> b(v.size(), 1);
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_number() || !std::isfinite(v[i].get<double>()))
      throw SpecError(Fields::element(path, i), Fields::show(v[i]), "allowed: a finite number");
    b(i, 0) = v[i].get<double>();
  }
  return b;
}

InitSpec parse_init_spec(Fields f, const InitSpec& d) {
  InitSpec s;
  s.scheme = f.choice("scheme", d.scheme, kInitNames);
  s.scale = f.number("scale", d.scale, 0.0, 1000.0);
  const nlohmann::json* weights = f.array("weights");
  if (weights) {
    for (size_t l = 0; l < weights->size(); ++l) {
      Fields w((*weights)[l], Fields::element(f.path("weights"), l));
      LayerWeights lw;
      const nlohmann::json* W = w.array("W");
      const nlohmann::json* b = w.array("b");
      if (!W) throw SpecError(w.path("W"), "missing", "allowed: W_l as rows of numbers (n_l x n_{l-1})");
      lw.W = parse_matrix(*W, w.path("W"));
      lw.b = b ? parse_column(*b, w.path("b")) : Matrix<double>::Zero(lw.W.rows(), 1);
      if (lw.b.rows() != lw.W.rows())
        throw SpecError(w.path("b"), std::to_string(lw.b.rows()) + " values",
                        "allowed: one value per row of W (" + std::to_string(lw.W.rows()) + ")");
      w.finish();
      s.weights.push_back(std::move(lw));
    }
  }
  if ((s.scheme == InitScheme::explicit_weights) != (weights != nullptr))
    throw SpecError(f.path("weights"), weights ? "given" : "missing",
                    "allowed: weights exactly when the scheme is \"explicit\"");
  f.finish();
  return s;
}

Regularization parse_regularization(Fields f, const Regularization& d) {
  Regularization r;
  r.l2 = f.number("l2", d.l2, 0.0, 1e6);
  r.l1 = f.number("l1", d.l1, 0.0, 1e6);
  f.finish();
  return r;
}

nlohmann::ordered_json matrix_json(const Matrix<double>& M) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (Eigen::Index i = 0; i < M.rows(); ++i) {
    nlohmann::ordered_json row = nlohmann::ordered_json::array();
    for (Eigen::Index j = 0; j < M.cols(); ++j) row.push_back(M(i, j));
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

OptimizerSpec read_optimizer(Fields& f, const OptimizerSpec& d) {
  OptimizerSpec s;
  s.config.kind = f.choice("name", d.config.kind, kOptimizerNames);
  s.learning_rate = f.number("learning_rate", d.learning_rate, 0.0, 100.0, /*lo_open=*/true);
  s.config.beta1 = f.beta("beta1", d.config.beta1);
  s.config.beta2 = f.beta("beta2", d.config.beta2);
  s.config.epsilon = f.number("epsilon", d.config.epsilon, 0.0, 1.0, /*lo_open=*/true);
  return s;
}

ScheduleConfig read_schedule(Fields& f, const ScheduleConfig& d) {
  ScheduleConfig s;
  s.kind = f.choice("name", d.kind, kScheduleNames);
  s.decay_rate = f.number("decay_rate", d.decay_rate, 0.0, 1e6);
  s.k = f.number("k", d.k, 0.0, 1.0, /*lo_open=*/true);
  s.time_interval = f.integer("time_interval", d.time_interval, 1, 1000000);
  if (const nlohmann::json* drops = f.array("drops")) {
    for (size_t i = 0; i < drops->size(); ++i) {
      Fields drop((*drops)[i], Fields::element(f.path("drops"), i));
      s.drops.push_back({drop.integer("epoch", 1, 0, 1000000), drop.number("factor", 0.1, 0.0, 1e6, true)});
      drop.finish();
    }
  }
  return s;
}

Spec default_spec() {
  Spec s;
  LayerConfig hidden;
  hidden.units = 8;
  hidden.activation = Activation::relu;
  LayerConfig out;
  out.units = 1;
  out.activation = Activation::sigmoid;
  s.layers = {hidden, hidden, out};
  return s;
}

Spec parse_spec(const nlohmann::json& document) {
  const Spec d = default_spec();
  Fields f(document, "");
  Spec s;
  s.seed = static_cast<uint64_t>(f.whole("seed", static_cast<double>(d.seed), 0.0, kMaxSeed));
  s.data = parse_data(f.object("data"), d.data);
  if (s.data.separate && f.contains("split"))
    throw SpecError("split", Fields::show(document["split"]),
                    "allowed: no split when data names its sets (data.train, dev, test and train_dev are taken as given); "
                    "remove split, or give data one source to split");
  s.split = parse_split(f.object("split"), d.split);
  s.layers = parse_layers(f.array("layers"), "layers", d.layers);
  s.init = parse_init_spec(f.object("init"), d.init);
  if (s.init.scheme == InitScheme::explicit_weights && s.init.weights.size() != s.layers.size())
    throw SpecError("init.weights", std::to_string(s.init.weights.size()) + " layers",
                    "allowed: one entry per layer (" + std::to_string(s.layers.size()) + ")");
  s.regularization = parse_regularization(f.object("regularization"), d.regularization);
  {
    Fields o = f.object("optimizer");
    s.optimizer = read_optimizer(o, d.optimizer);
    o.finish();
    Fields sc = f.object("schedule");
    s.schedule = read_schedule(sc, d.schedule);
    sc.finish();
  }
  s.batch_size = f.integer("batch_size", d.batch_size, 0, kMaxSamples);  // 0: the whole training set
  s.epochs = f.integer("epochs", d.epochs, 1, 1000000);
  s.normalize = f.boolean("normalize", d.normalize);
  s.augment = parse_augment(f.object("augment"));
  s.early_stopping = parse_early_stopping(f.object("early_stopping"));
  s.bayes_error = f.number("bayes_error", d.bayes_error, 0.0, 1.0);
  s.overfit_samples = f.integer("overfit_samples", d.overfit_samples, 0, kMaxSamples);
  s.record_every = f.integer("record_every", d.record_every, 0, 1000000);
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
  using json = nlohmann::ordered_json;
  json layers = json::array();
  for (const auto& l : s.layers) {
    json layer = {{"units", l.units}, {"activation", activation_name(l.activation)}};
    if (l.activation == Activation::leaky_relu || l.activation == Activation::prelu) layer["slope"] = l.slope;
    layer["keep_prob"] = l.keep_prob;
    layer["norm"] = kNormNames.name(l.norm);
    if (l.channels > 0) layer["channels"] = l.channels;
    layers.push_back(layer);
  }
  json init = {{"scheme", init_name(s.init.scheme)}, {"scale", s.init.scale}};
  if (!s.init.weights.empty()) {
    json weights = json::array();
    for (const auto& w : s.init.weights) weights.push_back({{"W", matrix_json(w.W)}, {"b", json(std::vector<double>(w.b.data(), w.b.data() + w.b.size()))}});
    init["weights"] = weights;
  }
  json schedule = {{"name", kScheduleNames.name(s.schedule.kind)}, {"decay_rate", s.schedule.decay_rate},
                   {"k", s.schedule.k}, {"time_interval", s.schedule.time_interval}};
  json drops = json::array();
  for (const auto& d : s.schedule.drops) drops.push_back({{"epoch", d.epoch}, {"factor", d.factor}});
  schedule["drops"] = drops;
  const json data = data_json(s.data);
  json split = {{"train", s.split.train}, {"dev", s.split.dev}, {"test", s.split.test}};
  if (s.split.use_counts) {
    split["dev_count"] = s.split.dev_count;
    split["test_count"] = s.split.test_count;
  }
  split["stratify"] = s.split.stratify;
  split["mismatch"] = kMismatchNames.name(s.split.mismatch);
  split["mismatch_amount"] = s.split.mismatch_amount;
  json out = {{"seed", s.seed}, {"data", data}};
  if (!s.data.separate) out["split"] = split;
  const json rest = {
      {"layers", layers},
      {"init", init},
      {"regularization", {{"l2", s.regularization.l2}, {"l1", s.regularization.l1}}},
      {"optimizer", {{"name", kOptimizerNames.name(s.optimizer.config.kind)},
                     {"learning_rate", s.optimizer.learning_rate},
                     {"beta1", s.optimizer.config.beta1},
                     {"beta2", s.optimizer.config.beta2},
                     {"epsilon", s.optimizer.config.epsilon}}},
      {"schedule", schedule},
      {"batch_size", s.batch_size},
      {"epochs", s.epochs},
      {"normalize", s.normalize},
      {"augment", {{"flip", s.augment.flip}, {"shift", s.augment.shift}, {"jitter", s.augment.jitter}}},
      {"early_stopping", {{"enabled", s.early_stopping.enabled},
                          {"monitor", kMonitorNames.name(s.early_stopping.monitor)},
                          {"patience", s.early_stopping.patience},
                          {"min_delta", s.early_stopping.min_delta}}},
      {"bayes_error", s.bayes_error},
      {"overfit_samples", s.overfit_samples},
      {"record_every", s.record_every},
  };
  for (const auto& item : rest.items()) out[item.key()] = item.value();  // in order, after data (and split)
  return out;
}

}  // namespace descent
