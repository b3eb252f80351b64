// The loss landscape after Li et al., "Visualizing the Loss Landscape of Neural Nets"
// (NeurIPS 2018): the PCA plane against a direct (P x P) eigendecomposition, and the JSON
// answer against the trainer's own losses.
#include "landscape/landscape.h"

#include <chrono>
#include <cmath>
#include <iostream>

#include <Eigen/Eigenvalues>
#include <gtest/gtest.h>

#include "allocation_counter.h"

using namespace descent;
using json = nlohmann::json;

namespace {

// n points on an ellipse of semi-axes 3 (along u) and 1 (along v) around c, in 10-D. Over a
// whole period the two coordinates are uncorrelated: variances 9/2 and 1/2, explained 0.9, 0.1.
struct Ellipse {
  Vector<double> c, u, v;
  std::vector<Vector<double>> points;
};

Ellipse ellipse(int n) {
  Matrix<double> A(10, 2);
  for (int i = 0; i < 10; ++i) A(i, 0) = std::sin(3.0 * i + 1.0), A(i, 1) = std::cos(7.0 * i + 2.0);
  const Matrix<double> Q = Eigen::HouseholderQR<Matrix<double>>(A).householderQ() * Matrix<double>::Identity(10, 2);
  Ellipse e{Vector<double>::LinSpaced(10, -1.0, 2.0), Q.col(0), Q.col(1), {}};
  for (int i = 0; i < n; ++i) {
    const double t = 2.0 * std::acos(-1.0) * i / n + 0.3;
    e.points.push_back(e.c + 3.0 * std::cos(t) * e.u + 1.0 * std::sin(t) * e.v);
  }
  return e;
}

json run(const std::string& request) { return json::parse(landscape(request)); }

std::string message(const std::string& request) {
  const json a = run(request);
  EXPECT_FALSE(a["ok"].get<bool>()) << request;
  return a["error"]["message"].get<std::string>();
}

}  // namespace

TEST(PrincipalPlane, RecoversThePlaneOfATrajectoryIn10D) {
  const Ellipse e = ellipse(40);
  const Plane plane = principal_plane(e.points);
  EXPECT_NEAR(std::abs(plane.d1.dot(e.u)), 1.0, 1e-12);  // the larger spread first
  EXPECT_NEAR(std::abs(plane.d2.dot(e.v)), 1.0, 1e-12);
  EXPECT_NEAR(plane.d1.norm(), 1.0, 1e-14);
  EXPECT_NEAR(plane.d2.norm(), 1.0, 1e-14);
  EXPECT_NEAR(plane.d1.dot(plane.d2), 0.0, 1e-14);
  EXPECT_NEAR(plane.explained1, 0.9, 1e-12);
  EXPECT_NEAR(plane.explained2, 0.1, 1e-12);
  EXPECT_NEAR(plane.explained1 + plane.explained2, 1.0, 1e-12);
  EXPECT_EQ(plane.origin, e.points.back());
  double worst = 0;
  for (const auto& theta : e.points) {  // the points lie in the plane: the projection is exact
    const Eigen::Vector2d ab = project(plane, theta);
    worst = std::max(worst, (plane.origin + ab(0) * plane.d1 + ab(1) * plane.d2 - theta).norm());
  }
  EXPECT_LT(worst, 1e-9);
  EXPECT_LE(project(plane, e.points.front())(0), 0.0);  // the sign convention: the start at alpha <= 0
  EXPECT_EQ(project(plane, e.points.back()), Eigen::Vector2d::Zero());
}

TEST(PrincipalPlane, MatchesTheCovarianceEigenvectorsOfANoisyTrajectory) {
  Ellipse e = ellipse(25);
  for (size_t i = 0; i < e.points.size(); ++i)  // off the plane a little, and drifting
    for (int k = 0; k < 10; ++k) e.points[i](k) += 0.05 * std::sin(13.0 * i + 5.0 * k) + 0.02 * i * k;
  const Plane plane = principal_plane(e.points);
  Matrix<double> M(10, e.points.size());  // the reference: the (P x P) covariance directly
  for (size_t i = 0; i < e.points.size(); ++i) M.col(i) = e.points[i];
  M.colwise() -= M.rowwise().mean();
  Eigen::SelfAdjointEigenSolver<Matrix<double>> eig(M * M.transpose());
  const auto& lambda = eig.eigenvalues();
  EXPECT_NEAR(std::abs(plane.d1.dot(eig.eigenvectors().col(9))), 1.0, 1e-10);
  EXPECT_NEAR(std::abs(plane.d2.dot(eig.eigenvectors().col(8))), 1.0, 1e-10);
  EXPECT_NEAR(plane.explained1, lambda(9) / lambda.sum(), 1e-12);
  EXPECT_NEAR(plane.explained2, lambda(8) / lambda.sum(), 1e-12);
}

TEST(PrincipalPlane, AStraightOrStillTrajectoryStillGetsAPlane) {
  std::vector<Vector<double>> line = {Vector<double>::Constant(5, 1.0), Vector<double>::Constant(5, 2.0)};
  const Plane p = principal_plane(line);
  EXPECT_NEAR(p.explained1, 1.0, 1e-12);
  EXPECT_EQ(p.explained2, 0.0);
  EXPECT_NEAR(p.d1.dot(p.d2), 0.0, 1e-15);
  EXPECT_NEAR(p.d2.norm(), 1.0, 1e-15);
  const Plane still = principal_plane({line[0], line[0]});
  EXPECT_EQ(still.explained1, 0.0);
  EXPECT_NEAR(still.d1.dot(still.d2), 0.0, 1e-15);
}

TEST(Landscape, ARealRunDescendsAndTheGridAndLineMatchTheTrainer) {
  const json a = run(R"({"spec": {"epochs": 50}, "resolution": 41})");
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  const auto& points = a["runs"][0]["points"];
  ASSERT_GE(points.size(), 50u);
  const double first = points.front()[2], last = points.back()[2];
  EXPECT_LT(last, 0.8 * first);
  EXPECT_EQ(a["runs"][0]["final_train_loss"].get<double>(), last);
  EXPECT_EQ(points.back()[0].get<double>(), 0.0);  // the final weights are the origin
  EXPECT_EQ(points.back()[1].get<double>(), 0.0);
  std::cout << "explained variance (default network, 50 epochs): " << a["plane"]["explained"] << ", "
            << points.size() << " snapshots, record_every " << a["record_every"] << "\n";

  // The trainer as the reference: its reported training losses at epoch 0 and at the end.
  Spec spec = default_spec();
  spec.epochs = 50;
  Session s(spec);
  const double initial = s.history().front().train_loss;
  while (!s.finished()) s.step(1000);
  const double final_loss = s.history().back().train_loss;
  EXPECT_EQ(first, initial);
  EXPECT_EQ(last, final_loss);
  const auto& line = a["line"];
  ASSERT_EQ(line["t"].size(), 61u);
  EXPECT_EQ(line["t"][0].get<double>(), -0.25);
  EXPECT_EQ(line["t"][10].get<double>(), 0.0);
  EXPECT_EQ(line["t"][50].get<double>(), 1.0);
  EXPECT_EQ(line["t"][60].get<double>(), 1.25);
  EXPECT_EQ(line["loss"][10].get<double>(), initial);
  EXPECT_EQ(line["loss"][50].get<double>(), final_loss);

  // The grid point nearest the origin holds about the final loss; the grid spans the points.
  const auto& g = a["grid"];
  const int R = g["resolution"];
  const double a0 = g["alpha"][0], a1 = g["alpha"][1], b0 = g["beta"][0], b1 = g["beta"][1];
  ASSERT_EQ(g["values"].size(), static_cast<size_t>(R * R));
  EXPECT_LT(a0, 0.0);
  EXPECT_GT(a1, 0.0);
  for (const auto& p : points) EXPECT_TRUE(a0 <= p[0] && p[0] <= a1 && b0 <= p[1] && p[1] <= b1);
  const int i = static_cast<int>(std::lround(-a0 / (a1 - a0) * (R - 1)));
  const int j = static_cast<int>(std::lround(-b0 / (b1 - b0) * (R - 1)));
  const double near_origin = g["values"][j * R + i];
  EXPECT_NEAR(near_origin, final_loss, 0.05 * final_loss) << "at grid point (" << i << ", " << j << ")";
}

TEST(Landscape, GradientDescentAndAdamShareOnePlane) {
  const json a = run(R"({"spec": {"epochs": 20}, "resolution": 11, "runs": [
      {"label": "GD", "optimizer": {"name": "gd", "learning_rate": 0.1}},
      {"optimizer": {"name": "adam", "learning_rate": 0.01}}]})");
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  ASSERT_EQ(a["runs"].size(), 2u);
  EXPECT_EQ(a["runs"][0]["label"], "GD");
  EXPECT_EQ(a["runs"][1]["label"], "adam");  // no label: the optimizer's name
  EXPECT_FALSE(a["runs"][0].contains("stopped"));  // both ran all their epochs
  EXPECT_FALSE(a["runs"][1].contains("stopped"));
  const auto &gd = a["runs"][0]["points"], &adam = a["runs"][1]["points"];
  EXPECT_EQ(gd.front(), adam.front());  // the same seed: the same initial weights
  EXPECT_EQ(gd.back()[0].get<double>(), 0.0);  // the origin is the first run's end
  EXPECT_NE(adam.back()[0].get<double>(), 0.0);
  EXPECT_LT(adam.back()[2].get<double>(), adam.front()[2].get<double>());
  const double e1 = a["plane"]["explained"][0], e2 = a["plane"]["explained"][1];
  EXPECT_GT(e1, e2);
  EXPECT_LE(e1 + e2, 1.0 + 1e-12);
  std::cout << "explained variance (GD and Adam, 20 epochs): [" << e1 << ", " << e2 << "]\n";
}

TEST(Landscape, EarlyStoppingIsReportedAndLossesThatOverflowAreNull) {
  const json stopped = run(R"({"spec": {"early_stopping": {"enabled": true, "patience": 5},
      "split": {"train": 0.7, "dev": 0.3, "test": 0}}, "epochs": 500, "resolution": 5})");
  ASSERT_TRUE(stopped["ok"].get<bool>()) << stopped.dump();
  EXPECT_EQ(stopped["runs"][0]["stopped"].get<std::string>().rfind("stopped at epoch", 0), 0u);
  // A rate of 100 saturates the sigmoid: the trainer's loss at the end is infinite.
  const json saturated = run(R"({"runs": [{"optimizer": {"learning_rate": 100}}], "epochs": 20, "resolution": 5})");
  ASSERT_TRUE(saturated["ok"].get<bool>()) << saturated.dump();
  EXPECT_TRUE(saturated["runs"][0]["final_train_loss"].is_null());
  EXPECT_TRUE(saturated["line"]["loss"][50].is_null());
  EXPECT_FALSE(saturated["line"]["loss"][10].is_null());  // the initial weights are fine
}

TEST(Landscape, BadRequestsNameTheirField) {
  EXPECT_EQ(message(R"({"runs": [{"optimizer": {"name": "adam", "learning_rate": 0}}]})"),
            "runs[0].optimizer.learning_rate is 0; allowed: a number > 0 and <= 100");
  EXPECT_EQ(message(R"({"runs": [{"optimizer": {"name": "lion"}}]})"),
            "runs[0].optimizer.name is \"lion\"; allowed: one of \"gd\", \"momentum\", \"rmsprop\", \"adam\"");
  EXPECT_EQ(message(R"({"runs": [{"lr": 1}]})"),
            "runs[0].lr is an unknown field; allowed fields here: \"label\", \"optimizer\"");
  EXPECT_EQ(message(R"({"runs": [{}, {}, {}, {}, {}]})"), "runs is 5 runs; allowed: 1 to 4 runs");
  EXPECT_EQ(message(R"({"runs": []})"), "runs is 0 runs; allowed: 1 to 4 runs");
  EXPECT_EQ(message(R"({"resolution": 4})"), "resolution is 4; allowed: a whole number from 5 to 81");
  EXPECT_EQ(message(R"({"epochs": 3000})"), "epochs is 3000; allowed: a whole number from 1 to 2000");
  EXPECT_EQ(message(R"({"margin": -1})"), "margin is -1; allowed: a number >= 0 and <= 5");
  EXPECT_EQ(message(R"({"spec": {"epochs": 5000}})"),
            "spec.epochs is 5000; allowed: 1 to 2000 for a landscape (or give \"epochs\")");
  EXPECT_EQ(message(R"({"spec": {"optimizer": {"beta1": 1}}})"),
            "spec.optimizer.beta1 is 1; allowed: a number >= 0 and < 1");
  EXPECT_EQ(message(R"({"spec": {"batch_size": 100000}})"),
            "spec.batch_size is 100000; allowed: 1 to the training-set size, 280");
  EXPECT_EQ(message(R"({"spec": 3})"), "spec is 3; allowed: an experiment spec (a JSON object)");
  EXPECT_EQ(message(R"({"epochs": 2000, "record_every": 1})"),
            "record_every is 1; allowed: at least 73 here (at most 250 snapshots a run of 18000 steps)");
  EXPECT_EQ(message(R"({"grid": 3})"),
            "grid is an unknown field; allowed fields here: \"epochs\", \"margin\", \"record_every\", "
            "\"resolution\", \"runs\", \"spec\"");
  EXPECT_EQ(message("{"),
            "request is \"{\"; allowed: a JSON object {spec, runs, epochs, record_every, resolution, margin}");
}

TEST(Landscape, TheGridReusesTheNetworksCachesAndIsExactAtTheOrigin) {
  Spec spec = default_spec();  // 2-8-8-1 on the circles, 300 epochs
  Session s(spec);
  std::vector<Vector<double>> thetas{s.network().params.theta.cast<double>()};
  while (!s.finished()) {
    s.step(27);
    thetas.push_back(s.network().params.theta.cast<double>());
  }
  const Plane plane = principal_plane(thetas);
  PlaneGrid grid{41, -1.0, 1.0, -1.0, 1.0};  // 0 is the 21st value of both axes
  Vector<float> theta(plane.origin.size());
  std::vector<double> values;
  values.reserve(41 * 41);
  evaluate_plane(s, plane, grid, theta, values);  // warm-up: training_loss_at's scratch
  const auto start = std::chrono::steady_clock::now();
  const long allocations = descent_test::allocations_during([&] { evaluate_plane(s, plane, grid, theta, values); });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "41x41 grid on the default network (" << s.data().train.size() << " training examples, "
            << plane.origin.size() << " parameters): " << seconds << " s; explained [" << plane.explained1 << ", "
            << plane.explained2 << "]\n";
  EXPECT_EQ(values[20 * 41 + 20], s.history().back().train_loss);  // bit for bit: origin + 0 d1 + 0 d2
  EXPECT_EQ(s.network().params.theta.cast<double>(), thetas.back());  // the run's weights are back
  if (descent_test::kCountsAllocations) {
    EXPECT_EQ(allocations, 0);
  }

  const auto t0 = std::chrono::steady_clock::now();
  const json a = run("{}");  // the whole request: 300 epochs of training, the plane and the grid
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(a["ok"].get<bool>());
  std::cout << "landscape({}) : " << total << " s (reported " << a["seconds"] << "), explained "
            << a["plane"]["explained"] << "\n";
}
