#include "search/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "search/results.h"

namespace descent {
namespace {

constexpr size_t kMaxBins = 5;

struct Course {
  const char* name;
  int priority;  // 1 tune first ... 4 almost never; 0 not in the course's list (JSON null)
  const char* note;
};

// The course's order (week 3, "Tuning process"); l2 and keep_prob are not in its list.
constexpr Course kCourse[] = {
    {"learning_rate", 1, "The course's first priority: alpha matters most, tune it first."},
    {"beta1", 2, "Second priority: momentum's beta (0.9 is a good default)."},
    {"hidden_units", 2, "Second priority: the number of hidden units."},
    {"batch_size", 2, "Second priority: the mini-batch size trades speed per epoch against noise."},
    {"hidden_layers", 3, "Third priority: the number of layers."},
    {"decay_rate", 3, "Third priority: learning-rate decay."},
    {"beta2", 4, "Adam's beta2 is almost never tuned (0.999)."},
    {"epsilon", 4, "Adam's epsilon is almost never tuned (1e-8)."},
    {"l2", 0, "Not in the course's list: regularisation is tuned once the dev error shows variance."},
    {"keep_prob", 0, "Not in the course's list: dropout is tuned once the dev error shows variance."},
};

const Course& course(const std::string& name) {
  return *std::find_if(std::begin(kCourse), std::end(kCourse), [&](const Course& c) { return name == c.name; });
}

}  // namespace

double correlation_ratio(const std::vector<double>& x, const std::vector<double>& y) {
  const size_t n = y.size();
  if (n < 2) return 0.0;
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
  size_t distinct = 1;
  for (size_t r = 1; r < n; ++r) distinct += x[order[r]] != x[order[r - 1]];
  const size_t bins = std::min(kMaxBins, distinct);

  // Bin of rank r: r * bins / n, except that a tie takes the bin of its first member.
  std::vector<double> sum(bins, 0.0), count(bins, 0.0);
  size_t bin = 0;
  for (size_t r = 0; r < n; ++r) {
    if (r == 0 || x[order[r]] != x[order[r - 1]]) bin = r * bins / n;
    sum[bin] += y[order[r]];
    count[bin] += 1;
  }
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double total = 0.0, between = 0.0;
  for (double v : y) total += (v - mean) * (v - mean);
  for (size_t g = 0; g < bins; ++g)
    if (count[g] > 0) between += count[g] * std::pow(sum[g] / count[g] - mean, 2);
  if (total <= 1e-300) return 0.0;
  return std::clamp(between / total, 0.0, 1.0);
}

nlohmann::ordered_json sensitivity(Fields& f) {
  const std::vector<Param> params = read_params(f.array("params"), "params");
  const std::vector<Result> results = read_results(f.array("results"), "results", params);
  f.finish();

  std::vector<const Result*> used;  // trials with a dev error: a diverged one says nothing here
  for (const Result& r : results)
    if (std::isfinite(r.dev_error)) used.push_back(&r);
  std::vector<double> y;
  for (const Result* r : used) y.push_back(r->dev_error);

  std::vector<std::pair<double, size_t>> explained;  // (eta^2, parameter)
  for (size_t i = 0; i < params.size(); ++i) {
    std::vector<double> u;
    for (const Result* r : used) u.push_back(r->u[i]);
    explained.push_back({correlation_ratio(u, y), i});
  }
  std::stable_sort(explained.begin(), explained.end(), [](const auto& a, const auto& b) { return a.first > b.first; });

  nlohmann::ordered_json ranking = nlohmann::ordered_json::array();
  for (const auto& [eta2, i] : explained) {
    const Course& c = course(params[i].name);
    const nlohmann::ordered_json priority = c.priority > 0 ? nlohmann::ordered_json(c.priority) : nlohmann::ordered_json(nullptr);
    ranking.push_back({{"name", params[i].name}, {"explained", eta2}, {"course_priority", priority},
                       {"course_note", c.note}});
  }
  return {{"ok", true}, {"ranking", std::move(ranking)}, {"trials_used", used.size()}};
}

}  // namespace descent
