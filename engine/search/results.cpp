#include "search/results.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace descent {
namespace {

constexpr size_t kMaxResults = 100000;

// A metric as the engine reports it: a number, null (none) or "inf"/"-inf" (diverged).
double metric(Fields& f, const nlohmann::json& object, const char* key) {
  f.has(key);
  const auto it = object.find(key);
  if (it == object.end() || it->is_null() || (it->is_string() && (*it == "inf" || *it == "-inf"))) {
    return std::numeric_limits<double>::quiet_NaN();  // ranks last
  }
  if (!it->is_number()) throw SpecError(f.path(key), Fields::show(*it), "allowed: a number, null or \"inf\"");
  return it->get<double>();
}

Result read_result(Fields f, const nlohmann::json& object, const std::vector<Param>& params) {
  Result r;
  f.has("values");
  const auto it = object.find("values");
  if (it == object.end() || !it->is_object())
    throw SpecError(f.path("values"), it == object.end() ? "missing" : Fields::show(*it),
                    "allowed: an object of the trial's parameter values");
  for (const Param& p : params) {  // other names in values are fine: a trial may vary more
    const std::string field = f.path("values") + "." + p.name;
    const auto v = it->find(p.name);
    if (v == it->end() || !v->is_number())
      throw SpecError(field, v == it->end() ? "missing" : Fields::show(*v), "allowed: a number");
    const double u = p.to_u(v->get<double>());
    if (!std::isfinite(u))
      throw SpecError(field, Fields::show(*v),
                      std::string("allowed: a number the ") + kScaleNames.name(p.scale) + " scale can take");
    r.x.push_back(v->get<double>());
    r.u.push_back(u);
  }
  r.dev_error = metric(f, object, "dev_error");
  r.dev_loss = metric(f, object, "dev_loss");
  f.has("id");
  f.finish();
  return r;
}

// NaN and infinities compare as +infinity: last.
double key(double x) { return std::isfinite(x) ? x : std::numeric_limits<double>::infinity(); }

}  // namespace

std::vector<Result> read_results(const nlohmann::json* array, const std::string& path, const std::vector<Param>& params) {
  if (!array || array->size() > kMaxResults)
    throw SpecError(path, array ? std::to_string(array->size()) + " results" : "missing",
                    "allowed: an array of up to " + std::to_string(kMaxResults) + " results {values, dev_error, dev_loss}");
  std::vector<Result> results;
  for (size_t i = 0; i < array->size(); ++i)
    results.push_back(read_result(Fields((*array)[i], Fields::element(path, i)), (*array)[i], params));
  return results;
}

std::vector<size_t> ranked(const std::vector<Result>& results) {
  std::vector<size_t> order(results.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Result &ra = results[a], &rb = results[b];
    if (key(ra.dev_error) != key(rb.dev_error)) return key(ra.dev_error) < key(rb.dev_error);
    return key(ra.dev_loss) < key(rb.dev_loss);
  });
  return order;
}

}  // namespace descent
