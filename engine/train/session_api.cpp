#include "train/session_api.h"

#include <cmath>
#include <exception>
#include <sstream>

#include "gradcheck/report_json.h"
#include "landscape/landscape.h"
#include "model/model.h"
#include "model/model_csv.h"
#include "spec/answer.h"
#include "train/decision_grid.h"
#include "train/run_diagnosis.h"
#include "train/weights_json.h"

namespace descent {
namespace {

std::string format(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

}  // namespace

std::string SessionApi::new_epochs(nlohmann::ordered_json answer) {
  nlohmann::ordered_json epochs = nlohmann::ordered_json::array();
  const auto& history = session_->history();
  const size_t L = session_->network().layers.size();
  for (; reported_ < history.size(); ++reported_)
    epochs.push_back(to_json(history[reported_], session_->layer_stats(), L));
  answer["epochs"] = std::move(epochs);
  auto& log = session_->step_log();
  if (!log.empty()) {
    nlohmann::ordered_json records = nlohmann::ordered_json::array();
    for (const auto& r : log) records.push_back(to_json(r));
    answer["steps_log"] = std::move(records);
    log.clear();  // keeps its capacity: the next steps do not allocate
  }
  bool diverged = false;
  if (session_->finished()) {
    const RunSummary summary = session_->summary();
    diverged = summary.stopped == "diverged";
    answer["summary"] = to_json(summary);
  }
  if (!history.empty()) {  // the diagnosis of the latest epoch, as the run goes
    const auto& e = history.back();
    if (!std::isnan(e.train_error) && session_->network().loss_kind() != LossKind::mean_squared_error)
      answer["diagnosis"] = to_json(diagnose_session(*session_, e, diverged));
  }
  return answer.dump();
}

std::string SessionApi::load(const std::string& spec_json) {
  return guarded([&] {
    const Spec spec = parse_spec(spec_json);
    auto next = std::make_unique<Session>(spec);
    session_ = std::move(next);  // the previous run survives a spec that fails
    reported_ = 0;
    single_step_ = false;
    // The spec as given, filled in: a batch_size of 0 ("full") stays 0, not the size it resolves to.
    return new_epochs({{"ok", true},
                       {"spec", to_json(spec)},
                       {"steps_per_epoch", session_->steps_per_epoch()}});
  });
}

std::string SessionApi::step(int max_steps) {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    const int taken = session_->step(max_steps < 0 ? 0 : max_steps);
    single_step_ = max_steps == 1 && taken == 1;
    return new_epochs({{"ok", true},
                       {"steps", taken},
                       {"epoch", session_->epoch()},
                       {"finished", session_->finished()}});
  });
}

std::string SessionApi::reset() {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    session_->reset();
    reported_ = 0;
    single_step_ = false;
    return new_epochs({{"ok", true}});
  });
}

std::string SessionApi::gradcheck() {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    // Large networks: a bounded sample of each block keeps the check under a few seconds.
    return nlohmann::ordered_json{{"ok", true},
                                  {"report", to_json(session_->gradient_check(64, 200))}}
        .dump();
  });
}

std::string SessionApi::grid(int resolution) {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    if (session_->data().train.features() != 2)
      return failure("grid", std::to_string(session_->data().train.features()) + " features",
                     "allowed: 2-feature data", "the decision boundary is drawn for 2-feature data only");
    if (resolution < 2 || resolution > 400)
      return failure("grid.resolution", std::to_string(resolution), "allowed: 2 to 400",
                     "grid.resolution is " + std::to_string(resolution) + "; allowed: 2 to 400");
    GridInfo g = grid_bounds(session_->data());
    g.resolution = resolution;
    evaluate_grid(session_->network(), g, session_->normalizer(), grid_X_, grid_);
    return nlohmann::ordered_json{{"ok", true}, {"x0", g.x0}, {"x1", g.x1}, {"y0", g.y0}, {"y1", g.y1},
                                  {"resolution", g.resolution}, {"channels", g.channels}}
        .dump();
  });
}

std::string SessionApi::points() {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    const Splits& s = session_->data();
    auto set = [](const Dataset& d) {
      nlohmann::ordered_json x = nlohmann::ordered_json::array(), y = nlohmann::ordered_json::array();
      for (int i = 0; i < d.size(); ++i) {
        if (d.features() >= 2) x.push_back({d.X(0, i), d.X(1, i)});
        y.push_back(d.Y(0, i));
      }
      return nlohmann::ordered_json{{"x", x}, {"y", y}};
    };
    return nlohmann::ordered_json{{"ok", true},
                                  {"features", s.train.features()},
                                  {"classes", s.train.classes},
                                  {"class_names", s.train.class_names},
                                  {"separate", session_->spec().data.separate},
                                  {"train", set(s.train)},
                                  {"dev", set(s.dev)},
                                  {"test", set(s.test)},
                                  {"train_dev", set(s.train_dev)}}
        .dump();
  });
}

std::string SessionApi::weights() {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    return nlohmann::ordered_json{{"ok", true}, {"weights", weights_to_json(session_->network().params)}}.dump();
  });
}

std::string SessionApi::load_weights(const std::string& weights_json) {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    const auto j = nlohmann::json::parse(weights_json, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) throw SpecError("weights", "not JSON", "allowed: a JSON file exported by Descent");
    weights_from_json(session_->network().params, j);
    single_step_ = false;
    return nlohmann::ordered_json{{"ok", true}}.dump();
  });
}

std::string SessionApi::load_model(const std::string& model_json) {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    Model::parse(model_json).restore_into(*session_);
    single_step_ = false;
    return nlohmann::ordered_json{{"ok", true}}.dump();
  });
}

std::string SessionApi::model() {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    return nlohmann::ordered_json{{"ok", true}, {"model", Model::from_session(*session_).to_json()}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
}

std::string SessionApi::predict(const std::string& csv_text) {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    Model model = Model::from_session(*session_);
    return nlohmann::ordered_json{{"ok", true}, {"csv", predictions_csv(model, csv_text)}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
}

std::string SessionApi::landscape(const std::string& request_json) {
  if (!session_) return failure("", "", "", "no experiment loaded");
  return run_landscape(*session_, request_json);  // never throws
}

std::string SessionApi::set(const std::string& key, double value) {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    const auto refuse = [&](const std::string& field, const std::string& allowed) {
      return failure(field, format(value), allowed, field + " is " + format(value) + "; " + allowed);
    };
    if (key == "learning_rate") {
      if (!(value > 0.0 && value <= 100.0)) return refuse("optimizer.learning_rate", "allowed: a number > 0 and <= 100");
      session_->set_learning_rate(value);
    } else if (key == "l2" || key == "l1") {
      if (!(value >= 0.0 && value <= 1e6)) return refuse("regularization." + key, "allowed: a number >= 0 and <= 1000000");
      Regularization reg = session_->network().regularization();
      (key == "l2" ? reg.l2 : reg.l1) = value;
      session_->set_regularization(reg);
    } else {
      return failure(key, key, "allowed: \"learning_rate\", \"l2\" or \"l1\"",
                     key + " cannot change during a run; allowed: \"learning_rate\", \"l2\" or \"l1\"");
    }
    return nlohmann::json{{"ok", true}}.dump();
  });
}

}  // namespace descent

namespace descent {

std::string SessionApi::network(int resolution, bool with_mask) {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    if (resolution < 0 || resolution > 64)
      return failure("grid", std::to_string(resolution), "allowed: 0 (no grid) to 64",
                     "grid is " + std::to_string(resolution) + "; allowed: 0 (no grid) to 64");
    network_view(*session_, resolution, with_mask && single_step_, view_, view_X_);
    nlohmann::ordered_json layers = nlohmann::ordered_json::array();
    for (const LayerView& v : view_.layers)
      layers.push_back({{"units", v.units}, {"fanIn", v.fan_in}, {"activation", activation_name(v.activation)},
                        {"norm", norm_name(v.norm)}, {"keepProb", v.keep_prob}, {"bias", v.has_bias},
                        {"gamma", !v.gamma.empty()}, {"dead", !v.dead.empty()},
                        {"saturated", !v.saturated.empty()}, {"mask", !v.mask.empty()}});
    nlohmann::ordered_json answer{{"ok", true}, {"epoch", view_.epoch}, {"step", view_.step},
                                  {"features", view_.features}, {"featureNames", view_.feature_names}};
    answer["image"] = view_.image_width > 0
                          ? nlohmann::ordered_json{{"width", view_.image_width}, {"height", view_.image_height}}
                          : nlohmann::ordered_json(nullptr);
    answer["layers"] = std::move(layers);
    const GridInfo& g = view_.grid;
    answer["grid"] = g.resolution > 0 ? nlohmann::ordered_json{{"resolution", g.resolution}, {"x0", g.x0}, {"x1", g.x1},
                                                               {"y0", g.y0}, {"y1", g.y1}}
                                      : nlohmann::ordered_json(nullptr);
    return answer.dump();
  });
}

const std::vector<float>* SessionApi::network_floats(const std::string& name, int layer) const {
  if (layer < 0 || layer >= static_cast<int>(view_.layers.size())) return nullptr;
  const LayerView& v = view_.layers[static_cast<size_t>(layer)];
  const std::vector<float>* array = name == "W"            ? &v.W
                                    : name == "b"          ? &v.b
                                    : name == "gamma"      ? &v.gamma
                                    : name == "beta"       ? &v.beta
                                    : name == "mean"       ? &v.mean
                                    : name == "std"        ? &v.std
                                    : name == "dead"       ? &v.dead
                                    : name == "saturated"  ? &v.saturated
                                    : name == "weightNorm" ? &v.weight_norm
                                    : name == "grid"       ? &v.grid
                                                           : nullptr;
  return array && !array->empty() ? array : nullptr;
}

const std::vector<std::uint8_t>* SessionApi::network_mask(int layer) const {
  if (layer < 0 || layer >= static_cast<int>(view_.layers.size())) return nullptr;
  const auto& mask = view_.layers[static_cast<size_t>(layer)].mask;
  return mask.empty() ? nullptr : &mask;
}

const std::vector<double>* SessionApi::network_inputs(const std::string& name) const {
  if (name == "inputMean") return &view_.input_mean;
  if (name == "inputStd") return &view_.input_std;
  return nullptr;
}

std::string SessionApi::set_weight(int layer, int unit, int input, double value) {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    const Eigen::Index at = parameter_index(session_->network(), layer, unit, input);
    if (!std::isfinite(value) || std::abs(value) > 1e6)
      return failure("value", format(value), "allowed: a finite number from -1000000 to 1000000",
                     "value is " + format(value) + "; allowed: a finite number from -1000000 to 1000000");
    session_->network().params.theta(at) = static_cast<float>(value);
    single_step_ = false;
    return nlohmann::json{{"ok", true}}.dump();
  });
}

std::string SessionApi::param_history(int layer, int unit, int input) {
  return guarded([&] {
    if (!session_) return failure("", "", "", "no experiment loaded");
    const ParamHistory h = descent::param_history(*session_, layer, unit, input);
    nlohmann::ordered_json answer{{"ok", true}, {"epochs", h.epochs}, {"steps", h.steps}, {"values", h.values}};
    if (input == -1) answer["norms"] = h.norms;
    return answer.dump();
  });
}

}  // namespace descent
