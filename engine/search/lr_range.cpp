#include "search/lr_range.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "search/spec_at.h"
#include "train/session.h"

namespace descent {
namespace {

constexpr double kBeta = 0.9;     // the course's exponentially weighted average
constexpr double kBlowUp = 4.0;   // stop once the smoothed loss is this many times its lowest

// Least-squares slope of smoothed against log10(alpha) over points [first, last].
double slope(const std::vector<RangePoint>& p, size_t first, size_t last) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(last - first + 1);
  for (size_t i = first; i <= last; ++i) {
    const double x = std::log10(p[i].learning_rate), y = p[i].smoothed;
    sx += x, sy += y, sxx += x * x, sxy += x * y;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

size_t lowest(const std::vector<RangePoint>& p) {
  return static_cast<size_t>(std::min_element(p.begin(), p.end(), [](const RangePoint& a, const RangePoint& b) {
                               return a.smoothed < b.smoothed;
                             }) - p.begin());
}

// A rate for people: 3 significant digits.
std::string show(double x) {
  std::ostringstream out;
  out.precision(3);
  out << x;
  return out.str();
}

}  // namespace

double suggested_rate(const std::vector<RangePoint>& p, int half) {
  const size_t best = lowest(p), h = static_cast<size_t>(half);
  if (best < 2 * h) return p[best].learning_rate / 10;
  size_t steepest = h;
  double most = std::numeric_limits<double>::infinity();
  for (size_t c = h; c + h <= best; ++c) {
    const double s = slope(p, c - h, c + h);
    if (s < most) most = s, steepest = c;
  }
  return p[steepest].learning_rate;
}

nlohmann::ordered_json lr_range(const nlohmann::json& request, Fields& f) {
  f.has("spec");
  Spec spec = spec_field(request, "spec");
  const double lo = f.number("min", 1e-5, 0.0, 100.0, /*lo_open=*/true);
  const double hi = f.number("max", 10.0, 0.0, 100.0, /*lo_open=*/true);
  const int n = f.integer("iterations", 100, 10, 1000);
  f.finish();
  if (lo >= hi) {
    const auto given = request.find("min");
    throw SpecError("min", given != request.end() ? Fields::show(*given) : show(lo),
                    "allowed: a number < max (" + show(hi) + ")");
  }

  // The spec's data, network, initial weights and optimizer; the rate is the test's alone.
  spec.schedule = ScheduleConfig{};  // constant
  spec.early_stopping.enabled = false;
  spec.record_every = 1;  // every mini-batch's cost
  spec.epochs = n;        // an epoch has at least one step: never finished before n
  spec.optimizer.learning_rate = lo;
  Session session = at_field("spec", [&] { return Session(spec); });

  std::vector<RangePoint> points;
  bool stopped = false;
  std::string reason = "reached max after " + std::to_string(n) + " iterations";
  double v = 0, lowest_smoothed = std::numeric_limits<double>::infinity();
  for (int t = 1; t <= n && !stopped; ++t) {
    const double alpha = lo * std::pow(hi / lo, (t - 1.0) / (n - 1));
    session.set_learning_rate(alpha);
    const bool stepped = session.step(1) == 1;
    auto& log = session.step_log();
    const double loss = log.empty() ? std::numeric_limits<double>::quiet_NaN() : log.back().batch_loss;
    log.clear();
    if (!std::isfinite(loss)) {
      stopped = true;
      reason = "the loss was not finite at learning rate " + show(alpha);
      break;  // no point: a non-finite loss cannot be drawn or averaged
    }
    v = kBeta * v + (1 - kBeta) * loss;
    const double smoothed = v / (1 - std::pow(kBeta, t));  // bias correction
    points.push_back({t, alpha, loss, smoothed});
    lowest_smoothed = std::min(lowest_smoothed, smoothed);
    if (smoothed > kBlowUp * lowest_smoothed) {
      stopped = true;
      reason = "the smoothed loss passed 4 times its lowest at learning rate " + show(alpha);
    } else if (!stepped) {  // the session refused the step's non-finite weights
      stopped = true;
      reason = "the weights stopped being finite at learning rate " + show(alpha);
    }
  }
  if (points.empty()) throw SpecError("min", show(lo), "allowed: a rate whose first step gives a finite loss");

  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const RangePoint& p : points)
    out.push_back({{"iteration", p.iteration}, {"learning_rate", p.learning_rate}, {"loss", p.loss},
                   {"smoothed", p.smoothed}});
  return {{"ok", true},
          {"points", std::move(out)},
          {"suggested_learning_rate", suggested_rate(points, std::max(2, n / 50))},
          {"min_loss_learning_rate", points[lowest(points)].learning_rate},
          {"stopped_early", stopped},
          {"reason", reason}};
}

}  // namespace descent
