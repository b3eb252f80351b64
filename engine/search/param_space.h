#pragma once
// The hyperparameters a search may vary, each with where it goes in the spec, the scales it
// may be sampled on and the range the spec allows. A parameter is sampled uniformly in a
// coordinate u of its scale (the course's "use an appropriate scale", week 3):
//   log            u = log10(x)        x = 10^u          (learning_rate, l2, epsilon, decay_rate)
//   one_minus_log  u = log10(1 - x)    x = 1 - 10^u      (beta1, beta2: 0.9..0.999 is 3 decades)
//   pow2           u = log2(x)         x = 2^u, u whole  (batch_size)
//   int            u = x, x whole                        (hidden_units, hidden_layers)
//   linear         u = x                                 (keep_prob)
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/rng.h"
#include "spec/fields.h"

namespace descent {

enum class Scale { log, one_minus_log, pow2, int_, linear };

inline constexpr NameTable<Scale, 5> kScaleNames{{{
    {Scale::log, "log"}, {Scale::one_minus_log, "one_minus_log"}, {Scale::pow2, "pow2"},
    {Scale::int_, "int"}, {Scale::linear, "linear"},
}}};

struct Param {
  std::string name;  // "learning_rate"
  double min = 0, max = 0;
  Scale scale = Scale::linear;

  bool whole() const { return scale == Scale::int_ || scale == Scale::pow2; }
  double to_u(double x) const;    // value -> sampling coordinate
  double from_u(double u) const;  // sampling coordinate -> value (not rounded)
  // The range of u that sampling covers: [u_lo, u_hi], u_lo <= u_hi (pow2: whole exponents).
  double u_lo() const;
  double u_hi() const;

  double sample(Rng& rng) const;
  // n values evenly spaced in u, ascending by value; whole scales rounded and de-duplicated.
  std::vector<double> grid(int n) const;
};

// The names a search knows, for error messages.
std::vector<const char*> param_names();

// params: [{name, min, max, scale?}] at `path`, each checked against its name's scales and the
// range the spec allows. Throws SpecError naming e.g. "params[1].min".
std::vector<Param> read_params(const nlohmann::json* array, const std::string& path);

nlohmann::ordered_json to_json(const std::vector<Param>& params);
// A value as JSON: whole scales as integers.
nlohmann::ordered_json value_json(const Param& p, double x);

}  // namespace descent
