#include "landscape/surface_api.h"

#include <cmath>
#include <exception>
#include <new>
#include <vector>

#include <nlohmann/json.hpp>

#include "landscape/trajectory.h"
#include "spec/answer.h"
#include "spec/fields.h"
#include "spec/spec.h"

namespace descent {
namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

constexpr int kMaxOptimizers = 8;
constexpr double kMaxStart = 1000.0;

struct PathRequest {
  OptimizerConfig config;
  double learning_rate = 0.1;
  std::string label;
};

struct Request {
  Surface surface;
  Eigen::Vector2d start;
  int steps = 200;
  double tolerance = 1e-3;
  int resolution = 60;
  std::vector<PathRequest> paths;
  ScheduleConfig schedule;
};

PathRequest parse_optimizer(const json& object, const std::string& path) {
  Fields f(object, path);
  PathRequest p;
  const OptimizerSpec spec = read_optimizer(f, OptimizerSpec{});
  p.config = spec.config;
  p.learning_rate = spec.learning_rate;
  p.label = f.text("label", kOptimizerNames.name(p.config.kind), 40);
  f.finish();
  return p;
}

Request parse_request(const std::string& text) {
  const json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object())
    throw SpecError("request", Fields::show(document.is_discarded() ? json(text) : document),
                    "allowed: a JSON object");
  Fields f(document, "");
  Request r;
  r.surface.kind = f.choice("surface", SurfaceKind::bowl, kSurfaceNames);
  r.surface.condition = f.number("condition", 10.0, 1.0, 1000.0);
  r.start = r.surface.default_start();
  if (f.has("start")) {
    const json& s = document["start"];
    const auto ok = [](const json& v) { return v.is_number() && std::abs(v.get<double>()) <= kMaxStart; };
    if (!s.is_array() || s.size() != 2 || !ok(s[0]) || !ok(s[1]))
      throw SpecError("start", Fields::show(s), "allowed: [x, y], two numbers >= -1000 and <= 1000");
    r.start = {s[0].get<double>(), s[1].get<double>()};
  }
  r.steps = f.integer("steps", r.steps, 1, 10000);
  r.tolerance = f.number("tolerance", r.tolerance, 0.0, 1e6, /*lo_open=*/true);
  r.resolution = f.integer("resolution", r.resolution, 2, 200);
  if (const json* list = f.array("optimizers")) {
    if (list->empty() || list->size() > size_t(kMaxOptimizers))
      throw SpecError("optimizers", std::to_string(list->size()) + " optimizers", "allowed: 1 to 8 optimizers");
    for (size_t i = 0; i < list->size(); ++i) r.paths.push_back(parse_optimizer((*list)[i], Fields::element("optimizers", i)));
  } else {
    r.paths.push_back(parse_optimizer(json::object(), "optimizers[0]"));
  }
  Fields schedule = f.object("schedule");
  r.schedule = read_schedule(schedule, ScheduleConfig{});
  schedule.finish();
  f.finish();
  return r;
}

ordered answer(const Request& r) {
  const Surface& s = r.surface;
  const SurfaceBounds b = s.bounds();
  ordered minima = ordered::array();
  for (const Eigen::Vector2d& m : s.minima()) minima.push_back({m.x(), m.y()});
  // values[j * R + i] = f(x0 + i dx, y0 + j dy): row by row from (x0, y0) upwards.
  const int R = r.resolution;
  const double dx = (b.x1 - b.x0) / (R - 1), dy = (b.y1 - b.y0) / (R - 1);
  std::vector<double> values(size_t(R) * R);
  for (int j = 0; j < R; ++j)
    for (int i = 0; i < R; ++i) values[size_t(j) * R + i] = s.value(b.x0 + i * dx, b.y0 + j * dy);
  ordered paths = ordered::array();
  for (const PathRequest& p : r.paths) {
    const PathResult result = run_path(s, p.config, p.learning_rate, r.schedule, r.start, r.steps, r.tolerance);
    ordered path{{"name", p.label}, {"points", result.points}};
    path["steps_to_tolerance"] = result.steps_to_tolerance < 0 ? ordered() : ordered(result.steps_to_tolerance);
    path["final_loss"] = std::isfinite(result.final_loss) ? ordered(result.final_loss) : ordered();
    path["diverged"] = result.diverged;
    path["stalled"] = result.stalled;
    paths.push_back(std::move(path));
  }
  return ordered{{"ok", true},
                 {"surface", kSurfaceNames.name(s.kind)},
                 {"condition", s.kind == SurfaceKind::bowl ? ordered(s.condition)
                               : s.kind == SurfaceKind::normalized_bowl ? ordered(1.0) : ordered()},
                 {"start", {r.start.x(), r.start.y()}},
                 {"bounds", {b.x0, b.x1, b.y0, b.y1}},
                 {"minima", std::move(minima)},
                 {"grid", {{"resolution", R}, {"values", std::move(values)}}},
                 {"paths", std::move(paths)}};
}

}  // namespace

std::string surface_paths(const std::string& request_json) {
  return guarded([&] { return answer(parse_request(request_json)).dump(); });
}

}  // namespace descent
