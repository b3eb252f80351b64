#include "search/plan.h"

#include <algorithm>
#include <cmath>

#include "core/rng.h"
#include "search/param_space.h"
#include "search/spec_at.h"

namespace descent {
namespace {

constexpr int kMaxTrials = 1000;

bool per_hidden_layer(const std::string& name) {
  return name == "hidden_units" || name == "hidden_layers" || name == "keep_prob";
}

// Puts x where the parameter lives in the spec. hidden_layers goes first (see with_values):
// units and keep_prob then reach every hidden layer of the trial.
void apply(Spec& s, const std::string& name, double x) {
  const size_t hidden = s.layers.size() - 1;  // the last layer is the output layer
  if (name == "learning_rate") s.optimizer.learning_rate = x;
  else if (name == "l2") s.regularization.l2 = x;
  else if (name == "beta1") s.optimizer.config.beta1 = x;
  else if (name == "beta2") s.optimizer.config.beta2 = x;
  else if (name == "epsilon") s.optimizer.config.epsilon = x;
  else if (name == "batch_size") s.batch_size = static_cast<int>(x);
  else if (name == "decay_rate") {
    s.schedule.decay_rate = x;
    if (s.schedule.kind == ScheduleKind::constant) s.schedule.kind = ScheduleKind::inverse_time;  // else no decay
  } else if (name == "hidden_layers") {
    const LayerConfig first = s.layers.front(), out = s.layers.back();
    s.layers.assign(static_cast<size_t>(x), first);
    s.layers.push_back(out);
  } else if (name == "hidden_units") {
    for (size_t l = 0; l < hidden; ++l) s.layers[l].units = static_cast<int>(x);
  } else {  // keep_prob
    for (size_t l = 0; l < hidden; ++l) s.layers[l].keep_prob = x;
  }
}

struct Trial {
  std::vector<double> values;  // one per parameter, in the request's order
};

Spec with_values(Spec s, const std::vector<Param>& params, const Trial& t) {
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i].name == "hidden_layers") apply(s, params[i].name, t.values[i]);
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i].name != "hidden_layers") apply(s, params[i].name, t.values[i]);
  return s;
}

std::vector<Trial> random_trials(const std::vector<Param>& params, int n, uint64_t seed) {
  Rng rng(seed);
  std::vector<Trial> trials(static_cast<size_t>(n));
  for (Trial& t : trials)
    for (const Param& p : params) t.values.push_back(p.sample(rng));
  return trials;
}

// The cartesian product of each parameter's grid, the first parameter varying slowest.
std::vector<Trial> grid_trials(const std::vector<Param>& params, int points, const std::string& field) {
  std::vector<std::vector<double>> axes;
  long long count = 1;
  for (const Param& p : params) {
    axes.push_back(p.grid(points));
    count *= static_cast<long long>(axes.back().size());
  }
  if (count > kMaxTrials)
    throw SpecError(field, std::to_string(points) + " (" + std::to_string(count) + " trials)",
                    "allowed: at most " + std::to_string(kMaxTrials) + " trials in all (the product over the parameters)");
  std::vector<Trial> trials(static_cast<size_t>(count));
  for (long long k = 0; k < count; ++k) {
    long long rest = k;
    std::vector<double>& v = trials[static_cast<size_t>(k)].values;
    v.resize(axes.size());
    for (size_t i = axes.size(); i-- > 0;) {
      v[i] = axes[i][static_cast<size_t>(rest % static_cast<long long>(axes[i].size()))];
      rest /= static_cast<long long>(axes[i].size());
    }
  }
  return trials;
}

// method "list": the trials with exactly these values (an imported trial written into a spec).
std::vector<Trial> listed_trials(const std::vector<Param>& params, const nlohmann::json* values, const std::string& path) {
  if (!values || !values->is_array() || values->empty() || values->size() > kMaxTrials)
    throw SpecError(path, values ? Fields::show(*values) : "missing",
                    "allowed: with method \"list\", an array of 1 to " + std::to_string(kMaxTrials) +
                        " objects {name: value} giving every parameter a value");
  std::vector<Trial> trials;
  for (size_t k = 0; k < values->size(); ++k) {
    const nlohmann::json& object = (*values)[k];
    const std::string at = Fields::element(path, k);
    if (!object.is_object()) throw SpecError(at, Fields::show(object), "allowed: an object {name: value}");
    Trial t;
    for (const Param& p : params) {
      const std::string field = at + "." + p.name;
      const auto v = object.find(p.name);
      if (v == object.end() || !v->is_number())
        throw SpecError(field, v == object.end() ? "missing" : Fields::show(*v), "allowed: a number");
      const double x = v->get<double>();
      if (!(x >= p.min && x <= p.max) || (p.whole() && x != std::floor(x)))
        throw SpecError(field, Fields::show(*v),
                        "allowed: " + std::string(p.whole() ? "a whole number" : "a number") + " from " +
                            Fields::show(p.min) + " to " + Fields::show(p.max) + " (params' range)");
      t.values.push_back(x);
    }
    for (auto it = object.begin(); it != object.end(); ++it)
      if (std::none_of(params.begin(), params.end(), [&](const Param& p) { return p.name == it.key(); }))
        throw SpecError(at + "." + it.key(), Fields::show(it.value()), "allowed: only the names in params");
    trials.push_back(std::move(t));
  }
  return trials;
}

}  // namespace

nlohmann::ordered_json plan(const nlohmann::json& request, Fields& f) {
  f.has("base");
  const Spec base = spec_field(request, "base");
  const std::string method = f.choice("method", "random", {"random", "grid", "list"});
  const int n = f.integer("trials", 20, 1, kMaxTrials);
  const int points = f.integer("grid_points", 3, 2, 20);
  const uint64_t seed = static_cast<uint64_t>(f.whole("seed", 1, 0, 9007199254740991.0));
  const std::vector<Param> params = read_params(f.array("params"), "params");
  const nlohmann::json* values = method == "list" ? f.array("values") : nullptr;
  f.finish();
  for (size_t i = 0; i < params.size(); ++i)
    if (per_hidden_layer(params[i].name) && base.layers.size() < 2)
      throw SpecError(Fields::element("params", i) + ".name", "\"" + params[i].name + "\"",
                      "allowed: only when the base spec has a hidden layer");

  const std::vector<Trial> trials = method == "grid"   ? grid_trials(params, points, "grid_points")
                                    : method == "list" ? listed_trials(params, values, "values")
                                                       : random_trials(params, n, seed);
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (size_t k = 0; k < trials.size(); ++k) {
    nlohmann::ordered_json values = nlohmann::ordered_json::object();
    for (size_t i = 0; i < params.size(); ++i) values[params[i].name] = value_json(params[i], trials[k].values[i]);
    const nlohmann::ordered_json spec = to_json(with_values(base, params, trials[k]));
    parse_spec_at(nlohmann::json::parse(spec.dump()), Fields::element("trials", k) + ".spec");  // it must load
    out.push_back({{"id", k + 1}, {"values", std::move(values)}, {"spec", spec}});
  }
  return {{"ok", true}, {"params", to_json(params)}, {"trials", std::move(out)}};
}

}  // namespace descent
