#include "search/param_space.h"

#include <algorithm>
#include <cmath>

namespace descent {
namespace {

// What a name allows: its scales (the first is the default) and the range the spec allows.
struct Known {
  const char* name;
  std::vector<Scale> scales;
  double lo, hi;
  bool lo_open;  // (lo, hi]; the betas are read by Fields::beta as [0, 1) instead
};

const std::vector<Known>& known() {
  static const std::vector<Known> table = {
      {"learning_rate", {Scale::log, Scale::linear}, 0.0, 100.0, true},
      {"l2", {Scale::log, Scale::linear}, 0.0, 1e6, false},
      {"beta1", {Scale::one_minus_log, Scale::linear}, 0.0, 1.0, false},
      {"beta2", {Scale::one_minus_log, Scale::linear}, 0.0, 1.0, false},
      {"epsilon", {Scale::log, Scale::linear}, 0.0, 1.0, true},
      {"decay_rate", {Scale::log, Scale::linear}, 0.0, 1e6, false},
      {"hidden_units", {Scale::int_, Scale::pow2}, 1.0, 4096.0, false},
      {"hidden_layers", {Scale::int_}, 0.0, 63.0, false},  // + the output layer: the spec's 64
      {"batch_size", {Scale::pow2, Scale::int_}, 1.0, 100000.0, false},
      {"keep_prob", {Scale::linear}, 0.0, 1.0, true},
  };
  return table;
}

bool is_beta(const std::string& name) { return name == "beta1" || name == "beta2"; }

// The smallest e with 2^e >= x (x >= 1), and the largest with 2^e <= x.
int ceil_log2(double x) { int e = 0; while (std::ldexp(1.0, e) < x) ++e; return e; }
int floor_log2(double x) { int e = 0; while (std::ldexp(1.0, e + 1) <= x) ++e; return e; }

double read_bound(Fields& f, const char* key, const Known& k, Scale scale) {
  if (!f.has(key)) throw SpecError(f.path(key), "missing", "allowed: a number, the " + std::string(key) + " of the range");
  if (scale == Scale::int_ || scale == Scale::pow2) return f.whole(key, 0, k.lo, k.hi);
  if (is_beta(k.name)) return f.beta(key, 0);
  return f.number(key, 0, k.lo, k.hi, k.lo_open);
}

Param read_param(const nlohmann::json& object, Fields f, std::vector<std::string>& seen) {
  if (!f.has("name")) throw SpecError(f.path("name"), "missing", "allowed: one of the parameter names");
  Param p;
  p.name = f.choice("name", "", param_names());
  if (std::find(seen.begin(), seen.end(), p.name) != seen.end())
    throw SpecError(f.path("name"), "\"" + p.name + "\"", "allowed: each parameter once");
  seen.push_back(p.name);
  const Known& k = *std::find_if(known().begin(), known().end(), [&](const Known& e) { return p.name == e.name; });
  std::vector<const char*> scales;
  for (Scale s : k.scales) scales.push_back(kScaleNames.name(s));
  p.scale = *kScaleNames.parse(f.choice("scale", scales.front(), scales));
  p.min = read_bound(f, "min", k, p.scale);
  p.max = read_bound(f, "max", k, p.scale);
  f.finish();
  const std::string min = Fields::show(object["min"]), max = Fields::show(object["max"]);  // as given
  if (p.min > p.max) throw SpecError(f.path("min"), min, "allowed: a number <= max (" + max + ")");
  if (p.scale == Scale::log && p.min <= 0)
    throw SpecError(f.path("min"), min, "allowed: a number > 0 on the log scale (scale \"linear\" reaches 0)");
  if (p.scale == Scale::pow2 && ceil_log2(p.min) > floor_log2(p.max))
    throw SpecError(f.path("max"), max, "allowed: a range holding a power of two (min is " + min + ")");
  return p;
}

}  // namespace

std::vector<const char*> param_names() {
  std::vector<const char*> names;
  for (const Known& k : known()) names.push_back(k.name);
  return names;
}

double Param::to_u(double x) const {
  switch (scale) {
    case Scale::log: return std::log10(x);
    case Scale::one_minus_log: return std::log10(1.0 - x);
    case Scale::pow2: return std::log2(x);
    default: return x;
  }
}

double Param::from_u(double u) const {
  switch (scale) {
    case Scale::log: return std::pow(10.0, u);
    case Scale::one_minus_log: return 1.0 - std::pow(10.0, u);
    case Scale::pow2: return std::exp2(u);
    default: return u;
  }
}

// one_minus_log runs backwards: the largest beta has the smallest u.
double Param::u_lo() const {
  if (scale == Scale::pow2) return ceil_log2(min);
  return scale == Scale::one_minus_log ? to_u(max) : to_u(min);
}

double Param::u_hi() const {
  if (scale == Scale::pow2) return floor_log2(max);
  return scale == Scale::one_minus_log ? to_u(min) : to_u(max);
}

double Param::sample(Rng& rng) const {
  if (whole()) {  // a uniform whole u: an exponent for pow2, the value for int
    const double lo = u_lo();
    const double u = lo + static_cast<double>(rng.below(static_cast<uint64_t>(u_hi() - lo) + 1));
    return from_u(u);
  }
  const double x = from_u(u_lo() + (u_hi() - u_lo()) * rng.uniform());
  return std::clamp(x, min, max);  // 10^log10(x) may miss x by an ulp
}

std::vector<double> Param::grid(int n) const {
  std::vector<double> values;
  for (int i = 0; i < n; ++i) {
    const double u = u_lo() + (u_hi() - u_lo()) * i / (n - 1);
    values.push_back(whole() ? from_u(std::round(u)) : std::clamp(from_u(u), min, max));
  }
  std::sort(values.begin(), values.end());
  if (!whole()) values.front() = min, values.back() = max;  // the ends exactly as asked
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

std::vector<Param> read_params(const nlohmann::json* array, const std::string& path) {
  const size_t most = known().size();
  if (!array || array->empty() || array->size() > most)
    throw SpecError(path, array ? Fields::show(*array) : "missing",
                    "allowed: an array of 1 to " + std::to_string(most) + " parameters {name, min, max, scale}");
  std::vector<Param> params;
  std::vector<std::string> seen;
  for (size_t i = 0; i < array->size(); ++i)
    params.push_back(read_param((*array)[i], Fields((*array)[i], Fields::element(path, i)), seen));
  return params;
}

nlohmann::ordered_json value_json(const Param& p, double x) {
  if (p.whole()) return static_cast<long long>(std::llround(x));
  return x;
}

nlohmann::ordered_json to_json(const std::vector<Param>& params) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Param& p : params)
    out.push_back({{"name", p.name}, {"min", value_json(p, p.min)}, {"max", value_json(p, p.max)},
                   {"scale", kScaleNames.name(p.scale)}});
  return out;
}

}  // namespace descent
