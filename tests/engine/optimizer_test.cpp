#include "optim/optimizer_config.h"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

using descent::Adam;
using descent::GradientDescent;
using descent::make_optimizer;
using descent::Momentum;
using descent::Optimizer;
using descent::OptimizerConfig;
using descent::OptimizerKind;
using descent::RMSProp;
using descent::Vector;

namespace {

// The fixture of every known-value test: P = 3, alpha = 0.1, two steps.
//   theta0 = ( 1.0, -2.0,  0.5)
//   dtheta1 = ( 0.5, -1.0,  2.0)   at step 1
//   dtheta2 = ( 1.5,  1.0, -2.0)   at step 2
constexpr double kAlpha = 0.1;
constexpr double kEps = 1e-8;
using Theta = std::array<double, 3>;
struct TwoSteps {
  Theta after1, after2;
};

template <class T>
Vector<T> vec(const Theta& x) {
  Vector<T> v(3);
  for (int i = 0; i < 3; ++i) v(i) = T(x[i]);
  return v;
}
template <class T>
Theta arr(const Vector<T>& v) {
  return {double(v(0)), double(v(1)), double(v(2))};
}

template <class T>
TwoSteps two_steps(Optimizer<T>& opt) {
  Vector<T> theta = vec<T>({1.0, -2.0, 0.5});
  const Vector<T> dtheta1 = vec<T>({0.5, -1.0, 2.0});
  const Vector<T> dtheta2 = vec<T>({1.5, 1.0, -2.0});
  TwoSteps out;
  opt.update(theta, dtheta1, T(kAlpha));
  out.after1 = arr(theta);
  opt.update(theta, dtheta2, T(kAlpha));
  out.after2 = arr(theta);
  return out;
}

template <class T>
constexpr double kTol = std::is_same_v<T, double> ? 1e-12 : 1e-6;

template <class T>
void expect_near(const Theta& got, const Theta& want, const char* what) {
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(got[i], want[i], kTol<T>) << what << ", parameter " << i;
}

template <class T>
class OptimizerKnownValues : public ::testing::Test {};
using Scalars = ::testing::Types<double, float>;
TYPED_TEST_SUITE(OptimizerKnownValues, Scalars);

}  // namespace

TYPED_TEST(OptimizerKnownValues, GradientDescent) {
  GradientDescent<TypeParam> gd;
  const TwoSteps got = two_steps(gd);
  // theta1 = theta0 - 0.1 * dtheta1 = (1 - 0.05, -2 + 0.1, 0.5 - 0.2)
  expect_near<TypeParam>(got.after1, {0.95, -1.9, 0.3}, "step 1");
  // theta2 = theta1 - 0.1 * dtheta2 = (0.95 - 0.15, -1.9 - 0.1, 0.3 + 0.2)
  expect_near<TypeParam>(got.after2, {0.8, -2.0, 0.5}, "step 2");
}

TYPED_TEST(OptimizerKnownValues, Momentum) {
  Momentum<TypeParam> momentum(3, 0.9);
  const TwoSteps got = two_steps(momentum);
  // v1 = 0.9 * 0 + 0.1 * dtheta1 = (0.05, -0.1, 0.2)
  // theta1 = theta0 - 0.1 * v1 = (1 - 0.005, -2 + 0.01, 0.5 - 0.02)
  expect_near<TypeParam>(got.after1, {0.995, -1.99, 0.48}, "step 1");
  // v2 = 0.9 * v1 + 0.1 * dtheta2 = (0.045 + 0.15, -0.09 + 0.1, 0.18 - 0.2) = (0.195, 0.01, -0.02)
  // theta2 = theta1 - 0.1 * v2 = (0.995 - 0.0195, -1.99 - 0.001, 0.48 + 0.002)
  expect_near<TypeParam>(got.after2, {0.9755, -1.991, 0.482}, "step 2");
}

TYPED_TEST(OptimizerKnownValues, RMSProp) {
  RMSProp<TypeParam> rmsprop(3, 0.9, kEps);
  const TwoSteps got = two_steps(rmsprop);
  // S1 = 0.9 * 0 + 0.1 * dtheta1^2 = (0.025, 0.1, 0.4)
  // theta1 = theta0 - 0.1 * dtheta1 / (sqrt(S1) + eps); each step is ~sqrt(0.1) = 0.316227766
  const Theta theta1 = {1.0 - 0.05 / (std::sqrt(0.025) + kEps),
                        -2.0 + 0.1 / (std::sqrt(0.1) + kEps),
                        0.5 - 0.2 / (std::sqrt(0.4) + kEps)};
  expect_near<TypeParam>(got.after1, theta1, "step 1");
  // By hand: 0.05 / 0.158113883 = 0.316227766, less 2.0e-8 for eps (0.316227766 * 1e-8 /
  // 0.158113883), so theta1[0] = 1 - 0.316227746 = 0.683772254.
  EXPECT_NEAR(theta1[0], 0.683772254, 1e-9);
  // S2 = 0.9 * S1 + 0.1 * dtheta2^2 = (0.0225 + 0.225, 0.09 + 0.1, 0.36 + 0.4)
  //    = (0.2475, 0.19, 0.76)
  // theta2 = theta1 - 0.1 * dtheta2 / (sqrt(S2) + eps)
  const Theta theta2 = {theta1[0] - 0.15 / (std::sqrt(0.2475) + kEps),
                        theta1[1] - 0.1 / (std::sqrt(0.19) + kEps),
                        theta1[2] + 0.2 / (std::sqrt(0.76) + kEps)};
  expect_near<TypeParam>(got.after2, theta2, "step 2");
}

TYPED_TEST(OptimizerKnownValues, Adam) {
  Adam<TypeParam> adam(3, 0.9, 0.999, kEps);
  const TwoSteps got = two_steps(adam);
  EXPECT_EQ(adam.t(), 2);
  // t = 1: v1 = 0.1 * dtheta1 = (0.05, -0.1, 0.2); S1 = 0.001 * dtheta1^2 = (0.00025, 0.001, 0.004)
  //   v_corrected = v1 / (1 - 0.9) = dtheta1; S_corrected = S1 / (1 - 0.999) = dtheta1^2
  //   theta1 = theta0 - 0.1 * dtheta1 / (|dtheta1| + eps)
  const Theta theta1 = {1.0 - 0.1 * 0.5 / (0.5 + kEps), -2.0 + 0.1 * 1.0 / (1.0 + kEps),
                        0.5 - 0.1 * 2.0 / (2.0 + kEps)};
  expect_near<TypeParam>(got.after1, theta1, "step 1");
  // t = 2: v2 = 0.9 * v1 + 0.1 * dtheta2 = (0.195, 0.01, -0.02)
  //   S2 = 0.999 * S1 + 0.001 * dtheta2^2 = (0.00024975 + 0.00225, 0.000999 + 0.001, 0.003996 + 0.004)
  //      = (0.00249975, 0.001999, 0.007996)
  //   1 - 0.9^2 = 0.19; 1 - 0.999^2 = 0.001999
  //   theta2 = theta1 - 0.1 * (v2 / 0.19) / (sqrt(S2 / 0.001999) + eps)
  const Theta theta2 = {
      theta1[0] - 0.1 * (0.195 / 0.19) / (std::sqrt(0.00249975 / 0.001999) + kEps),
      theta1[1] - 0.1 * (0.01 / 0.19) / (std::sqrt(1.0) + kEps),
      theta1[2] + 0.1 * (0.02 / 0.19) / (std::sqrt(4.0) + kEps)};
  expect_near<TypeParam>(got.after2, theta2, "step 2");
}

TYPED_TEST(OptimizerKnownValues, ResetReplaysIdenticalSteps) {
  for (const OptimizerKind kind : {OptimizerKind::gd, OptimizerKind::momentum,
                                   OptimizerKind::rmsprop, OptimizerKind::adam}) {
    OptimizerConfig config;
    config.kind = kind;
    auto opt = make_optimizer<TypeParam>(config, 3);
    const TwoSteps first = two_steps(*opt);
    opt->reset();
    const TwoSteps again = two_steps(*opt);
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(first.after1[i], again.after1[i]) << descent::kOptimizerNames.name(kind);
      EXPECT_EQ(first.after2[i], again.after2[i]) << descent::kOptimizerNames.name(kind);
    }
  }
}

TEST(Adam, ResetSetsTheStepCountBackToZero) {
  Adam<double> adam(3, 0.9, 0.999, kEps);
  two_steps(adam);
  adam.reset();
  EXPECT_EQ(adam.t(), 0);
}

// A known property of Adam (Kingma & Ba, section 2.1): at t = 1, v_corrected = dtheta and
// S_corrected = dtheta^2, so every parameter moves by alpha * |g| / (|g| + eps), about alpha,
// whatever the scale of its gradient, against the gradient's sign.
TEST(Adam, FirstStepMovesEveryParameterByAboutAlpha) {
  const double alpha = 0.01;
  Vector<double> theta = Vector<double>::Zero(5);
  Vector<double> dtheta(5);
  dtheta << 1e-3, -5.0, 200.0, -0.02, 1e4;
  Adam<double> adam(5, 0.9, 0.999, 1e-8);
  adam.update(theta, dtheta, alpha);
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(std::abs(theta(i)), alpha, alpha * 1e-4) << "parameter " << i;
    EXPECT_LT(theta(i) * dtheta(i), 0.0) << "parameter " << i;
  }
}

TEST(MakeOptimizer, BuildsTheRightKind) {
  OptimizerConfig c;
  c.kind = OptimizerKind::gd;
  EXPECT_NE(dynamic_cast<GradientDescent<double>*>(make_optimizer<double>(c, 3).get()), nullptr);
  c.kind = OptimizerKind::momentum;
  EXPECT_NE(dynamic_cast<Momentum<double>*>(make_optimizer<double>(c, 3).get()), nullptr);
  c.kind = OptimizerKind::rmsprop;
  EXPECT_NE(dynamic_cast<RMSProp<float>*>(make_optimizer<float>(c, 3).get()), nullptr);
  c.kind = OptimizerKind::adam;
  EXPECT_NE(dynamic_cast<Adam<float>*>(make_optimizer<float>(c, 3).get()), nullptr);
}

// One step from theta = 0, alpha = 0.1, with beta1 = 0.5, beta2 = 0.75 so that each kind
// shows which hyperparameter it read.
TEST(MakeOptimizer, PassesTheHyperparameters) {
  OptimizerConfig c;
  c.beta1 = 0.5;
  c.beta2 = 0.75;
  c.epsilon = 0.0;
  const auto one_step = [&](OptimizerKind kind, double g) {
    c.kind = kind;
    auto opt = make_optimizer<double>(c, 1);
    Vector<double> theta = Vector<double>::Zero(1), dtheta = Vector<double>::Constant(1, g);
    opt->update(theta, dtheta, 0.1);
    return theta(0);
  };
  // momentum: v = (1 - beta1) * 1 = 0.5; theta = -0.1 * 0.5
  EXPECT_NEAR(one_step(OptimizerKind::momentum, 1.0), -0.05, 1e-15);
  // rmsprop: S = (1 - beta2) * 2^2 = 1; theta = -0.1 * 2 / sqrt(1)
  EXPECT_NEAR(one_step(OptimizerKind::rmsprop, 2.0), -0.2, 1e-15);
  // adam with epsilon = 1: v_corrected = 1, S_corrected = 1; theta = -0.1 * 1 / (1 + 1)
  c.epsilon = 1.0;
  EXPECT_NEAR(one_step(OptimizerKind::adam, 1.0), -0.05, 1e-15);
}

TEST(OptimizerNames, RoundTrip) {
  for (const char* name : descent::kOptimizerNames.names()) {
    const auto kind = descent::kOptimizerNames.parse(name);
    ASSERT_TRUE(kind.has_value()) << name;
    EXPECT_STREQ(descent::kOptimizerNames.name(*kind), name);
  }
  EXPECT_EQ(descent::kOptimizerNames.parse("adam"), OptimizerKind::adam);
  EXPECT_FALSE(descent::kOptimizerNames.parse("sgd").has_value());
}

TEST(Optimizers, FailLoudlyOnBadHyperparametersAndSizes) {
  EXPECT_THROW(Momentum<double>(3, 1.0), std::invalid_argument);
  EXPECT_THROW(RMSProp<double>(3, 0.9, -1.0), std::invalid_argument);
  EXPECT_THROW(Adam<double>(3, 0.9, 1.0, 1e-8), std::invalid_argument);
  EXPECT_THROW(Adam<double>(3, -0.1, 0.999, 1e-8), std::invalid_argument);
  Adam<double> adam(3, 0.9, 0.999, 1e-8);
  Vector<double> theta = Vector<double>::Zero(4), dtheta = Vector<double>::Zero(4);
  try {
    adam.update(theta, dtheta, 0.1);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("[Adam::update]"), std::string::npos) << e.what();
  }
}
