#include "landscape/landscape.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <memory>
#include <new>
#include <stdexcept>
#include <utility>

#include "spec/answer.h"
#include "spec/fields.h"

namespace descent {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr int kMaxRuns = 4;
constexpr int kMaxEpochs = 2000;
constexpr int kSnapshotsPerRun = 100;    // the default record_every aims at this many
constexpr long long kMaxSnapshotsPerRun = 250;  // its eigensolver is O(n^3) for n snapshots
constexpr double kMaxSnapshotBytes = 128.0 * (1 << 20);  // the WASM heap has 1 GB
constexpr int kLinePoints = 61;  // t = -0.25 to 1.25 in steps of 1/40: t = 0 and t = 1 exact

struct RunRequest {
  std::string label;
  OptimizerSpec optimizer;
};

struct Request {
  Spec spec;  // epochs set, the trainer's own step log off
  std::vector<RunRequest> runs;
  int record_every = 0, resolution = 41;  // record_every 0: about kSnapshotsPerRun snapshots a run
  double margin = 0.2;
};

struct Trajectory {
  std::vector<Vector<double>> thetas;  // (P) each: the first and the last always
  std::vector<double> losses;          // the training loss of each snapshot
  std::vector<long long> steps;        // the step after which each snapshot was taken
  std::string stopped;                 // why the run ended early, if it did
};

// Runs fn; a SpecError it throws comes out with its field under prefix ("spec.", "runs[0].").
template <class Fn>
auto under(const std::string& prefix, Fn fn) {
  try {
    return fn();
  } catch (const SpecError& e) {
    throw SpecError(prefix + e.field(), e.given(), e.allowed());
  }
}

// runs: [{label, optimizer}], min to max of them (allowed says so); a run's optimizer replaces
// fallback, its missing keys taking the engine's defaults as in a spec. A missing label is the
// optimizer's name.
std::vector<RunRequest> parse_runs(const json& runs, const OptimizerSpec& fallback, size_t min, size_t max,
                                   const std::string& allowed) {
  if (runs.size() < min || runs.size() > max) throw SpecError("runs", std::to_string(runs.size()) + " runs", allowed);
  std::vector<RunRequest> out;
  for (size_t i = 0; i < runs.size(); ++i) {
    RunRequest run{"", fallback};
    const std::string path = "runs[" + std::to_string(i) + "]";
    Fields g(runs[i], path);
    run.label = g.text("label", "", 100);
    if (g.has("optimizer")) {  // read as a spec's optimizer: the same checks and messages
      const json alone = {{"optimizer", runs[i].at("optimizer")}};
      run.optimizer = under(path + ".", [&] { return parse_spec(alone); }).optimizer;
    }
    g.finish();
    if (run.label.empty()) run.label = kOptimizerNames.name(run.optimizer.config.kind);
    out.push_back(run);
  }
  return out;
}

Request parse_request(const std::string& text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object())
    throw SpecError("request", Fields::show(doc.is_discarded() ? json(text) : doc),
                    "allowed: a JSON object {spec, runs, epochs, record_every, resolution, margin}");
  Fields f(doc, "");
  Request r;
  static const json no_spec = json::object();  // the default experiment
  const json& spec_doc = f.has("spec") ? doc.at("spec") : no_spec;
  if (!spec_doc.is_object())
    throw SpecError("spec", Fields::show(spec_doc), "allowed: an experiment spec (a JSON object)");
  r.spec = under("spec.", [&] { return parse_spec(spec_doc); });
  if (f.has("epochs")) {
    r.spec.epochs = f.integer("epochs", 0, 1, kMaxEpochs);
  } else if (r.spec.epochs > kMaxEpochs) {
    throw SpecError("spec.epochs", std::to_string(r.spec.epochs),
                    "allowed: 1 to " + std::to_string(kMaxEpochs) + " for a landscape (or give \"epochs\")");
  }
  r.spec.record_every = 0;  // the trainer's own step log is not needed here
  r.record_every = f.integer("record_every", 0, 1, 1000000);
  r.resolution = f.integer("resolution", r.resolution, 5, 81);
  r.margin = f.number("margin", r.margin, 0.0, 5.0);
  const json* runs = f.array("runs");  // none: one run, the spec as it is
  r.runs = runs ? parse_runs(*runs, r.spec.optimizer, 1, kMaxRuns, "allowed: 1 to " + std::to_string(kMaxRuns) + " runs")
                : std::vector<RunRequest>{{"", r.spec.optimizer}};
  if (r.runs[0].label.empty()) r.runs[0].label = kOptimizerNames.name(r.runs[0].optimizer.config.kind);
  f.finish();
  return r;
}

// Steps between snapshots: as asked, or about kSnapshotsPerRun a run, within the budget.
int snapshot_interval(const Request& r, long long total_steps, Eigen::Index P) {
  const double runs = static_cast<double>(r.runs.size());
  const auto budget = std::min(kMaxSnapshotsPerRun, static_cast<long long>(kMaxSnapshotBytes / (8.0 * runs * P)));
  if (budget < 2)
    throw SpecError("spec.layers", std::to_string(P) + " parameters",
                    "allowed: at most " + std::to_string(static_cast<long long>(kMaxSnapshotBytes / (16.0 * runs))) +
                        " parameters for a landscape of " + std::to_string(r.runs.size()) + " runs");
  const auto interval = [&](long long snapshots) {  // the fewest steps per snapshot for that many
    return static_cast<int>(std::max(1LL, (total_steps + snapshots - 2) / (snapshots - 1)));
  };
  const int least = interval(budget);
  if (r.record_every == 0) return std::max(least, interval(kSnapshotsPerRun + 1));
  if (r.record_every < least)
    throw SpecError("record_every", std::to_string(r.record_every),
                    "allowed: at least " + std::to_string(least) + " here (at most " + std::to_string(budget) +
                        " snapshots a run of " + std::to_string(total_steps) + " steps)");
  return r.record_every;
}

// Trains the run to its end, keeping theta every `every` steps, the first and last always.
Trajectory record(Session& s, int every) {
  Trajectory t;
  const auto keep = [&] {
    const Vector<float>& theta = s.network().params.theta;
    t.thetas.push_back(theta.cast<double>());
    t.losses.push_back(s.training_loss_at(theta));
    t.steps.push_back(s.steps());
  };
  keep();
  while (!s.finished()) {
    s.step(every);
    keep();
  }
  return t;
}

// The grid over the points' extent lo..hi (alpha, beta), widened by the margin on each side.
// An axis they hardly move along gets 5% of the other's span: the grid never becomes a line.
PlaneGrid grid_around(const double lo[2], const double hi[2], int resolution, double margin) {
  double floor = 0.05 * std::max(hi[0] - lo[0], hi[1] - lo[1]), ends[2][2];
  if (!(floor > 0.0)) floor = 1.0;  // no movement at all: a unit square
  for (int c = 0; c < 2; ++c) {
    const double span = std::max(hi[c] - lo[c], floor), mid = 0.5 * (lo[c] + hi[c]);
    ends[c][0] = mid - (0.5 + margin) * span, ends[c][1] = mid + (0.5 + margin) * span;
  }
  return {resolution, ends[0][0], ends[0][1], ends[1][0], ends[1][1]};
}

ojson number(double x) { return std::isfinite(x) ? ojson(x) : ojson(nullptr); }
ojson numbers(const std::vector<double>& xs) {
  ojson a = ojson::array();
  for (double x : xs) a.push_back(number(x));
  return a;
}

// Trains every run of the request; keeps the first run's session, which evaluates the plane.
std::vector<Trajectory> train_runs(const Request& r, std::unique_ptr<Session>& first, int& every) {
  std::vector<Trajectory> runs;
  for (const RunRequest& run : r.runs) {
    Spec spec = r.spec;
    spec.optimizer = run.optimizer;
    auto session = under("spec.", [&] { return std::make_unique<Session>(spec); });
    const long long total_steps = 1LL * spec.epochs * session->steps_per_epoch();
    if (!first) every = snapshot_interval(r, total_steps, session->network().params.size());
    runs.push_back(record(*session, every));
    const RunSummary summary = session->summary();
    if (summary.stopped != "epochs") runs.back().stopped = summary.message;  // diverged or stopped early
    if (!first) first = std::move(session);
  }
  return runs;
}

// One plane for every run (all their snapshots, through the first run's final weights), each
// run's path on it, the loss over the grid around them, and along the first run's straight
// line from its initial to its final weights. session: the first run's, which evaluates the
// plane and the line; its weights stay as they are. The snapshots move out of runs.
ojson draw(Session& session, std::vector<Trajectory>& runs, const std::vector<std::string>& labels, int resolution,
           double margin) {
  const Vector<double> theta0 = runs[0].thetas.front(), theta_final = runs[0].thetas.back();  // (P)
  std::vector<Vector<double>> all;  // the snapshots move here: the budget counts them once
  for (Trajectory& t : runs) std::move(t.thetas.begin(), t.thetas.end(), std::back_inserter(all));
  const Plane plane = principal_plane(all, theta_final);

  ojson run_answers = ojson::array();
  double lo[2] = {0, 0}, hi[2] = {0, 0};  // the origin is a point of the first run
  const Vector<double>* snapshot = all.data();
  for (size_t k = 0; k < runs.size(); ++k) {
    ojson points = ojson::array();
    for (size_t i = 0; i < runs[k].losses.size(); ++i) {
      const Eigen::Vector2d ab = project(plane, *snapshot++);
      for (int c = 0; c < 2; ++c) lo[c] = std::min(lo[c], ab(c)), hi[c] = std::max(hi[c], ab(c));
      points.push_back({ab(0), ab(1), number(runs[k].losses[i])});
    }
    ojson a = {{"label", labels[k]}, {"points", points}, {"steps", runs[k].steps},
               {"final_train_loss", number(runs[k].losses.back())}};
    if (!runs[k].stopped.empty()) a["stopped"] = runs[k].stopped;
    run_answers.push_back(a);
  }

  const PlaneGrid grid = grid_around(lo, hi, resolution, margin);
  Vector<float> theta(plane.origin.size());
  std::vector<double> values;
  values.reserve(static_cast<size_t>(grid.resolution) * grid.resolution);
  evaluate_plane(session, plane, grid, theta, values);

  // The 1-D line of the first run: theta_0 + t (theta_final - theta_0).
  const Vector<double> step = theta_final - theta0;  // (P)
  std::vector<double> ts, line;
  for (int k = 0; k < kLinePoints; ++k) {
    const double t = (k - 10) / 40.0;
    theta = (theta0 + t * step).cast<float>();
    ts.push_back(t);
    line.push_back(session.training_loss_at(theta));
  }
  return ojson{{"plane", {{"explained", {plane.explained1, plane.explained2}}}},
               {"grid", {{"resolution", grid.resolution}, {"alpha", {grid.a0, grid.a1}},
                         {"beta", {grid.b0, grid.b1}}, {"values", numbers(values)}}},
               {"runs", run_answers},
               {"line", {{"t", ts}, {"loss", numbers(line)}}}};
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string answer(const std::string& request_json) {
  const auto start = std::chrono::steady_clock::now();
  const Request r = parse_request(request_json);
  std::unique_ptr<Session> first;
  int every = 0;
  std::vector<Trajectory> runs = train_runs(r, first, every);
  std::vector<std::string> labels;
  for (const RunRequest& run : r.runs) labels.push_back(run.label);
  const ojson drawn = draw(*first, runs, labels, r.resolution, r.margin);  // first's weights: its final ones
  return ojson{{"ok", true},
               {"plane", drawn["plane"]},
               {"record_every", every},
               {"grid", drawn["grid"]},
               {"runs", drawn["runs"]},
               {"line", drawn["line"]},
               {"seconds", seconds_since(start)}}
      .dump();
}

// ---- The landscape of a session's own run -------------------------------------------------

constexpr size_t kMaxOtherRuns = kMaxRuns - 1;

// At most this many snapshots of each of `runs` runs of P parameters, within the budget.
int points_per_run(size_t runs, Eigen::Index P) {
  const double fits = kMaxSnapshotBytes / (8.0 * static_cast<double>(runs) * static_cast<double>(P));
  const int n = static_cast<int>(std::min<double>(kMaxSnapshotsPerRun, fits));
  if (n < 2)
    throw SpecError("layers", std::to_string(P) + " parameters",
                    "allowed: at most " + std::to_string(static_cast<long long>(kMaxSnapshotBytes / (16.0 * runs))) +
                        " parameters for a landscape of " + std::to_string(runs) + " runs");
  return n;
}

// The path s recorded (at most max_points of it), each snapshot's training loss computed by
// s, and why the run ended early (diverged, early stopping) if it did.
Trajectory recorded(Session& s, int max_points) {
  Trajectory t;
  s.path(max_points, t.thetas, t.steps);
  Vector<float> theta(s.network().params.size());  // (P)
  for (const Vector<double>& snapshot : t.thetas) {
    theta = snapshot.cast<float>();  // exact: the snapshots were float
    t.losses.push_back(s.training_loss_at(theta));
  }
  if (s.finished()) {
    const RunSummary summary = s.summary();
    if (summary.stopped != "epochs") t.stopped = summary.message;
  }
  return t;
}

std::string own_run_answer(Session& session, const std::string& request_json) {
  const auto start = std::chrono::steady_clock::now();
  const json doc = json::parse(request_json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object())
    throw SpecError("request", Fields::show(doc.is_discarded() ? json(request_json) : doc),
                    "allowed: a JSON object {label, runs, resolution, margin}");
  if (session.steps() == 0)
    return failure("run", "0 steps", "allowed: a run that has taken at least one step",
                   "the run has not trained yet: train it, then draw its landscape");
  Fields f(doc, "");
  const std::string label = f.text("label", "This run", 100);
  const json* others = f.array("runs");
  const std::vector<RunRequest> requests =
      others ? parse_runs(*others, session.spec().optimizer, 0, kMaxOtherRuns,
                          "allowed: at most " + std::to_string(kMaxOtherRuns) + " other runs")
             : std::vector<RunRequest>{};
  const int resolution = f.integer("resolution", 41, 5, 81);
  const double margin = f.number("margin", 0.2, 0.0, 5.0);
  f.finish();

  const Eigen::Index P = session.network().params.size();
  const int max_points = points_per_run(requests.size() + 1, P);
  std::vector<Trajectory> runs{recorded(session, max_points)};
  std::vector<std::string> labels{label};
  for (const RunRequest& run : requests) {  // the same data, initial weights and batch order
    Spec spec = session.spec();
    spec.optimizer = run.optimizer;
    spec.record_every = 0;
    const auto other = under("spec.", [&] { return std::make_unique<Session>(spec); });
    while (!other->finished() && other->steps() < session.steps())
      other->step(static_cast<int>(std::min<long long>(session.steps() - other->steps(), 1 << 20)));
    runs.push_back(recorded(*other, max_points));
    labels.push_back(run.label);
  }
  ojson a = {{"ok", true}, {"steps", session.steps()}, {"epoch", session.epoch()}, {"finished", session.finished()}};
  const ojson drawn = draw(session, runs, labels, resolution, margin);
  for (auto it = drawn.begin(); it != drawn.end(); ++it) a[it.key()] = *it;
  a["seconds"] = seconds_since(start);
  return a.dump();
}

}  // namespace

void evaluate_plane(Session& session, const Plane& plane, const PlaneGrid& grid, Vector<float>& theta,
                    std::vector<double>& values) {
  const int R = grid.resolution;
  if (R < 2) throw std::invalid_argument("[evaluate_plane]: resolution " + std::to_string(R) + " is below 2");
  values.clear();
  for (int j = 0; j < R; ++j) {
    const double beta = grid.b0 + (grid.b1 - grid.b0) * j / (R - 1);
    for (int i = 0; i < R; ++i) {
      const double alpha = grid.a0 + (grid.a1 - grid.a0) * i / (R - 1);
      theta = (plane.origin + alpha * plane.d1 + beta * plane.d2).cast<float>();  // no temporary
      values.push_back(session.training_loss_at(theta));
    }
  }
}

std::string landscape(const std::string& request_json) {
  return guarded([&] { return answer(request_json); }, "out of memory: the landscape is too large for this host");
}

std::string run_landscape(Session& session, const std::string& request_json) {
  return guarded([&] { return own_run_answer(session, request_json); },
                 "out of memory: the landscape is too large for this host");
}

}  // namespace descent
