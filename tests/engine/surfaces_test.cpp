#include "landscape/surfaces.h"

#include <cmath>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "gradcheck/gradcheck.h"
#include "landscape/surface_api.h"
#include "landscape/trajectory.h"

using descent::OptimizerConfig;
using descent::OptimizerKind;
using descent::PathResult;
using descent::ScheduleConfig;
using descent::Surface;
using descent::SurfaceKind;
using json = nlohmann::json;

namespace {

constexpr SurfaceKind kAllKinds[] = {SurfaceKind::bowl,   SurfaceKind::normalized_bowl, SurfaceKind::rosenbrock,
                                     SurfaceKind::beale,  SurfaceKind::saddle,          SurfaceKind::himmelblau,
                                     SurfaceKind::plateau};

PathResult run(const Surface& s, OptimizerKind kind, double alpha, Eigen::Vector2d start, int steps,
               double tolerance = 1e-3) {
  OptimizerConfig c;
  c.kind = kind;
  return descent::run_path(s, c, alpha, ScheduleConfig{}, start, steps, tolerance);
}

// The first k with f(points[k]) < -1: where the path has left the saddle; -1 if never.
int escape_step(const PathResult& p) {
  for (size_t k = 0; k < p.points.size(); ++k)
    if (p.points[k][2] < -1.0) return int(k);
  return -1;
}

json error_of(const std::string& request) {
  const json answer = json::parse(descent::surface_paths(request));
  EXPECT_FALSE(answer["ok"].get<bool>()) << request;
  return answer["error"];
}

}  // namespace

// The exact gradient against central differences (eps = 1e-6), five points off the minima.
TEST(Surfaces, GradientsMatchCentralDifferences) {
  const double points[][2] = {{0.7, -0.4}, {-1.3, 0.9}, {1.6, 1.7}, {-0.2, -1.1}, {1.1, 0.3}};
  const double eps = 1e-6;
  for (SurfaceKind kind : kAllKinds)
    for (double condition : {10.0, 50.0}) {
      const Surface s{kind, condition};
      for (const auto& p : points) {
        const double x = p[0], y = p[1];
        descent::Vector<double> approx(2), exact = s.gradient(x, y);
        approx << (s.value(x + eps, y) - s.value(x - eps, y)) / (2 * eps),
            (s.value(x, y + eps) - s.value(x, y - eps)) / (2 * eps);
        EXPECT_LT(descent::relative_difference(approx, exact), 1e-7)
            << descent::kSurfaceNames.name(kind) << " at (" << x << ", " << y << ")";
      }
    }
}

TEST(Surfaces, MinimaAreStationaryAndTheLowest) {
  for (SurfaceKind kind : kAllKinds) {
    const Surface s{kind, 10};
    for (const Eigen::Vector2d& m : s.minima()) {
      EXPECT_LT(s.gradient(m.x(), m.y()).norm(), 1e-12) << descent::kSurfaceNames.name(kind);
      EXPECT_NEAR(s.value(m.x(), m.y()), 0.0, 1e-20) << descent::kSurfaceNames.name(kind);
    }
  }
  EXPECT_TRUE(Surface{SurfaceKind::saddle}.minima().empty());
  EXPECT_TRUE(std::isnan(Surface{SurfaceKind::saddle}.lowest_minimum()));
  EXPECT_EQ(Surface{SurfaceKind::himmelblau}.minima().size(), 4u);
}

// Bowl, condition 10, from (-3.5, 2.5), tolerance 1e-3. Measured: GD 63, momentum 49,
// RMSProp 104, Adam 66 steps.
TEST(Trajectory, EveryOptimizerReachesTheBottomOfTheBowl) {
  const Surface bowl{SurfaceKind::bowl, 10};
  const struct {
    OptimizerKind kind;
    double alpha;
  } runs[] = {{OptimizerKind::gd, 0.5}, {OptimizerKind::momentum, 0.5}, {OptimizerKind::rmsprop, 0.01},
              {OptimizerKind::adam, 0.1}};
  for (const auto& r : runs) {
    const PathResult p = run(bowl, r.kind, r.alpha, bowl.default_start(), 1000);
    EXPECT_GT(p.steps_to_tolerance, 0) << p.name;
    EXPECT_LE(p.steps_to_tolerance, 150) << p.name;
    EXPECT_LT(p.final_loss, 1e-6) << p.name;
    EXPECT_FALSE(p.diverged || p.stalled) << p.name;
    EXPECT_EQ(p.points.size(), 1001u);
  }
}

// GD with alpha = 0.5 shrinks x by (1 - alpha / kappa) and y by (1 - alpha) per step. With
// kappa = 50, y is gone first and f ~ 0.5 x^2 / kappa <= 1e-3 needs |x| <= sqrt(0.1):
// k = ceil(ln(3.5 / sqrt(0.1)) / -ln(0.99)) = 240 steps. The round bowl: f_k = 9.25 * 0.25^k,
// k = ceil(ln(9250) / ln 4) = 7.
TEST(Trajectory, IllConditioningSlowsGradientDescent) {
  const Eigen::Vector2d start(-3.5, 2.5);
  const PathResult elongated = run(Surface{SurfaceKind::bowl, 50}, OptimizerKind::gd, 0.5, start, 1000);
  const PathResult round = run(Surface{SurfaceKind::normalized_bowl}, OptimizerKind::gd, 0.5, start, 1000);
  EXPECT_NEAR(elongated.steps_to_tolerance, std::ceil(std::log(3.5 / std::sqrt(0.1)) / -std::log(0.99)), 1);
  EXPECT_NEAR(round.steps_to_tolerance, std::ceil(std::log(9250.0) / std::log(4.0)), 1);
  EXPECT_GT(elongated.steps_to_tolerance, 10 * round.steps_to_tolerance);
}

// On the ridge of f = x^2 - y^2 (y0 = 1e-6) GD grows y by (1 + 2 alpha) per step: it leaves
// (f < -1) after ln(1e6) / ln(1.2) = 75.8 steps at alpha = 0.1. Adam's normalised step leaves
// in ~12. Measured: GD 76, Adam 12, momentum (heavy-ball calibration) 36.
TEST(Trajectory, GradientDescentLingersOnTheSaddle) {
  const Surface saddle{SurfaceKind::saddle};
  const Eigen::Vector2d ridge(-1.5, 1e-6);
  const int gd = escape_step(run(saddle, OptimizerKind::gd, 0.1, ridge, 500));
  const int adam = escape_step(run(saddle, OptimizerKind::adam, 0.1, ridge, 500));
  // The course's momentum with alpha = 1 is the heavy ball v := 0.9 v + dtheta with step 0.1:
  // per step y grows by the root z of z^2 - (1 + beta + 2 alpha (1 - beta)) z + beta = 0,
  // z = 1.5, so ln(1e6) / ln(1.5) = 34.1 steps and a short start-up.
  const int heavy_ball = escape_step(run(saddle, OptimizerKind::momentum, 1.0, ridge, 500));
  EXPECT_NEAR(gd, std::log(1e6) / std::log(1.2), 1.5);
  EXPECT_GT(adam, 0);
  EXPECT_LT(3 * adam, gd);
  EXPECT_NEAR(heavy_ball, std::log(1e6) / std::log(1.5), 3);
  EXPECT_LT(heavy_ball, gd);
}

// The same recurrence with the course's alpha = 0.1: z = 1.107 < 1 + 2 alpha = 1.2. At an equal
// learning rate the averaged velocity lags a growing gradient, so momentum leaves the saddle
// later than GD (measured 140 against 76 steps).
TEST(Trajectory, CourseMomentumAtTheSameRateLeavesTheSaddleLater) {
  const Surface saddle{SurfaceKind::saddle};
  const Eigen::Vector2d ridge(-1.5, 1e-6);
  const int gd = escape_step(run(saddle, OptimizerKind::gd, 0.1, ridge, 500));
  const int momentum = escape_step(run(saddle, OptimizerKind::momentum, 0.1, ridge, 500));
  const double c = 2 * 0.1 * (1 - 0.9), b = 1 + 0.9 + c;
  const double z = (b + std::sqrt(b * b - 4 * 0.9)) / 2;  // 1.107
  EXPECT_NEAR(momentum, std::log(1e6) / std::log(z), 8);
  EXPECT_GT(momentum, gd);
  const PathResult p = run(saddle, OptimizerKind::gd, 0.1, ridge, 500);
  EXPECT_EQ(p.steps_to_tolerance, -1);  // no minimum to reach
  EXPECT_TRUE(p.diverged);              // y runs off to 1e6
}

TEST(Trajectory, GradientDescentStallsOnThePlateauWhereAdamCrosses) {
  const Surface plateau{SurfaceKind::plateau};
  const PathResult gd = run(plateau, OptimizerKind::gd, 0.1, plateau.default_start(), 200);
  const PathResult adam = run(plateau, OptimizerKind::adam, 0.1, plateau.default_start(), 200);
  EXPECT_TRUE(gd.stalled);
  EXPECT_EQ(gd.steps_to_tolerance, -1);
  EXPECT_FALSE(adam.stalled);
  EXPECT_GT(adam.steps_to_tolerance, 0);
}

// Step k uses learning_rate(schedule, alpha0, k - 1). On the round bowl GD multiplies x by
// (1 - alpha_k): with exponential decay k = 0.5, x_2 = x_0 (1 - 0.5) (1 - 0.25).
TEST(Trajectory, TheScheduleCountsSteps) {
  ScheduleConfig s;
  s.kind = descent::ScheduleKind::exponential;
  s.k = 0.5;
  const PathResult p = descent::run_path(Surface{SurfaceKind::normalized_bowl}, OptimizerConfig{}, 0.5, s,
                                         {-3.5, 2.5}, 2, 1e-3);
  ASSERT_EQ(p.points.size(), 3u);
  EXPECT_DOUBLE_EQ(p.points[2][0], -3.5 * 0.5 * 0.75);
  EXPECT_DOUBLE_EQ(p.points[2][1], 2.5 * 0.5 * 0.75);
}

TEST(SurfaceApi, BadRequestsNameTheField) {
  json e = error_of(R"({"optimizers": [{"name": "gd"}, {"name": "adam", "learning_rate": -1}]})");
  EXPECT_EQ(e["message"], "optimizers[1].learning_rate is -1; allowed: a number > 0 and <= 100");
  EXPECT_EQ(e["field"], "optimizers[1].learning_rate");
  EXPECT_EQ(e["given"], "-1");
  EXPECT_EQ(e["allowed"], "allowed: a number > 0 and <= 100");
  EXPECT_EQ(error_of(R"({"surface": "cube"})")["message"],
            "surface is \"cube\"; allowed: one of \"bowl\", \"normalized_bowl\", \"rosenbrock\", \"beale\", "
            "\"saddle\", \"himmelblau\", \"plateau\"");
  EXPECT_EQ(error_of(R"({"steps": 0})")["message"], "steps is 0; allowed: a whole number from 1 to 10000");
  EXPECT_EQ(error_of(R"({"resolution": 500})")["message"],
            "resolution is 500; allowed: a whole number from 2 to 200");
  EXPECT_EQ(error_of(R"({"optimizers": [{"name": "momentum", "beta1": 1}]})")["message"],
            "optimizers[0].beta1 is 1; allowed: a number >= 0 and < 1");
  EXPECT_EQ(error_of(R"({"optimizers": []})")["message"], "optimizers is 0 optimizers; allowed: 1 to 8 optimizers");
  EXPECT_EQ(error_of(R"({"start": [1]})")["message"],
            "start is [1]; allowed: [x, y], two numbers >= -1000 and <= 1000");
  EXPECT_EQ(error_of(R"({"schedule": {"name": "cosine"}})")["message"],
            "schedule.name is \"cosine\"; allowed: one of \"constant\", \"inverse_time\", \"exponential\", "
            "\"staircase\", \"step_drops\"");
  EXPECT_EQ(error_of(R"({"speed": 1})")["message"],
            "speed is an unknown field; allowed fields here: \"condition\", \"optimizers\", \"resolution\", "
            "\"schedule\", \"start\", \"steps\", \"surface\", \"tolerance\"");
  EXPECT_EQ(error_of("not json")["message"], "request is \"not json\"; allowed: a JSON object");
}

TEST(SurfaceApi, AnswerShape) {
  const json a = json::parse(descent::surface_paths(
      R"({"surface": "himmelblau", "resolution": 3, "steps": 30,
          "optimizers": [{"name": "gd", "learning_rate": 0.01, "label": "plain"}, {"name": "adam"}]})"));
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["surface"], "himmelblau");
  EXPECT_EQ(a["bounds"], json({-5.0, 5.0, -5.0, 5.0}));
  EXPECT_EQ(a["minima"].size(), 4u);
  EXPECT_EQ(a["start"], json({0.0, 0.0}));
  const Surface s{SurfaceKind::himmelblau};
  const json& values = a["grid"]["values"];
  ASSERT_EQ(a["grid"]["resolution"], 3);
  ASSERT_EQ(values.size(), 9u);  // row by row from (x0, y0) upwards
  EXPECT_DOUBLE_EQ(values[0].get<double>(), s.value(-5, -5));
  EXPECT_DOUBLE_EQ(values[1].get<double>(), s.value(0, -5));
  EXPECT_DOUBLE_EQ(values[3].get<double>(), s.value(-5, 0));
  EXPECT_DOUBLE_EQ(values[8].get<double>(), s.value(5, 5));
  ASSERT_EQ(a["paths"].size(), 2u);
  const json& gd = a["paths"][0];
  EXPECT_EQ(gd["name"], "plain");
  EXPECT_EQ(a["paths"][1]["name"], "adam");
  ASSERT_EQ(gd["points"].size(), 31u);
  EXPECT_EQ(gd["points"][0], json({0.0, 0.0, 170.0}));
  EXPECT_EQ(gd["steps_to_tolerance"], 21);
  EXPECT_EQ(gd["final_loss"], gd["points"][30][2]);
  EXPECT_EQ(gd["diverged"], false);
  EXPECT_EQ(gd["stalled"], false);

  const json saddle = json::parse(descent::surface_paths(R"({"surface": "saddle", "steps": 10})"));
  EXPECT_TRUE(saddle["minima"].empty());
  EXPECT_TRUE(saddle["paths"][0]["steps_to_tolerance"].is_null());
  EXPECT_TRUE(saddle["condition"].is_null());

  // GD at alpha = 3 doubles |y| each step: 2.5 * 2^19 > 1e6, so it stops after step 19.
  const json wild = json::parse(descent::surface_paths(R"({"optimizers": [{"learning_rate": 3}]})"));
  EXPECT_EQ(wild["paths"][0]["diverged"], true);
  EXPECT_EQ(wild["paths"][0]["points"].size(), 20u);
}
