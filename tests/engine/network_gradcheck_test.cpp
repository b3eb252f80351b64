// Gradient checks of whole networks in double: every activation, loss, penalty and norm,
// and a deep network, each asserted < 1e-7; a wrong backward pass is caught (> 1e-3).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "gradcheck/network_check.h"
#include "init/init.h"

using namespace descent;

namespace {

struct Case {
  std::vector<LayerConfig> layers;
  Regularization reg;
};

LayerConfig layer(int units, Activation g, NormKind norm = NormKind::none, int channels = 0,
                  double keep_prob = 1.0) {
  LayerConfig c;
  c.units = units;
  c.activation = g;
  c.slope = g == Activation::prelu ? 0.25 : 0.05;
  c.norm = norm;
  c.channels = channels;
  c.keep_prob = keep_prob;
  return c;
}

// Random inputs (n_x x m) and targets fitting the loss of the output layer.
Matrix<double> inputs(int n_x, int m, Rng& rng) {
  Matrix<double> X(n_x, m);
  for (int j = 0; j < m; ++j)
    for (int i = 0; i < n_x; ++i) X(i, j) = rng.normal();
  return X;
}

Matrix<double> targets(const LayerConfig& out, int m, Rng& rng) {
  Matrix<double> Y = Matrix<double>::Zero(out.units, m);
  for (int j = 0; j < m; ++j) {
    if (out.activation == Activation::softmax) Y(rng.below(out.units), j) = 1.0;
    else if (out.activation == Activation::sigmoid) Y(0, j) = double(rng.below(2));
    else for (int i = 0; i < out.units; ++i) Y(i, j) = rng.normal();
  }
  return Y;
}

GradcheckReport check(const Case& c, uint64_t seed = 11, int n_x = 4, int m = 7) {
  Rng rng(seed);
  Network<double> net(n_x, c.layers, c.reg);
  initialize(net.layers, net.params, InitScheme::xavier, 1.0, rng);
  // Move gammas, betas and biases off their starting values so their gradients are general.
  for (const auto& block : net.params.blocks())
    if (block.name[0] != 'W')
      for (Eigen::Index i = 0; i < block.size(); ++i) net.params.theta[block.offset + i] += 0.3 * rng.normal();
  net.reserve(m);
  const Matrix<double> X = inputs(n_x, m, rng);
  const Matrix<double> Y = targets(c.layers.back(), m, rng);
  return gradient_check(net, X, Y);
}

void expect_exact(const std::string& what, const GradcheckReport& r) {
  std::cout << "gradient check, " << what << ": " << r.difference << "\n";
  EXPECT_LT(r.difference, 1e-7) << what;
  for (const auto& b : r.blocks) EXPECT_LT(b.difference, 1e-6) << what << " d" << b.name;
}

}  // namespace

TEST(GradientCheck, EveryHiddenActivation) {
  for (Activation g : {Activation::sigmoid, Activation::tanh, Activation::relu, Activation::leaky_relu,
                       Activation::prelu, Activation::linear})
    expect_exact(activation_name(g), check({{layer(5, g), layer(3, g), layer(1, Activation::sigmoid)}}));
}

TEST(GradientCheck, EveryLoss) {
  expect_exact("binary cross-entropy", check({{layer(5, Activation::tanh), layer(1, Activation::sigmoid)}}));
  expect_exact("softmax cross-entropy", check({{layer(5, Activation::tanh), layer(4, Activation::softmax)}}));
  expect_exact("mean squared error", check({{layer(5, Activation::tanh), layer(2, Activation::linear)}}));
}

TEST(GradientCheck, L2AndL1Penalties) {
  const std::vector<LayerConfig> net = {layer(5, Activation::tanh), layer(1, Activation::sigmoid)};
  expect_exact("L2", check({net, {0.7, 0.0}}));
  expect_exact("L1", check({net, {0.0, 0.3}}));
  expect_exact("L2 + L1", check({net, {0.2, 0.1}}));
}

TEST(GradientCheck, BatchLayerAndInstanceNorm) {
  for (NormKind norm : {NormKind::batch, NormKind::layer, NormKind::instance})
    expect_exact(std::string(norm_name(norm)) + " norm",
                 check({{layer(6, Activation::relu, norm, norm == NormKind::layer ? 0 : 2),
                         layer(4, Activation::tanh, norm), layer(1, Activation::sigmoid)}}));
}

TEST(GradientCheck, ADeepNetwork) {
  std::vector<LayerConfig> deep;
  for (int l = 0; l < 7; ++l) deep.push_back(layer(6, l % 2 ? Activation::tanh : Activation::leaky_relu));
  deep.push_back(layer(3, Activation::softmax));
  const auto report = check({deep, {0.1, 0.0}});
  expect_exact("8-layer network", report);
  EXPECT_EQ(report.blocks.size(), 16u);  // W1, b1, ..., W8, b8
  EXPECT_EQ(report.blocks.front().name, "W1");
}

TEST(GradientCheck, SwitchesDropoutOffAndSaysSo) {
  const auto report = check({{layer(6, Activation::relu, NormKind::none, 0, 0.5), layer(1, Activation::sigmoid)}});
  expect_exact("with dropout switched off", report);
  ASSERT_FALSE(report.notes.empty());
  EXPECT_NE(report.notes[0].find("dropout was switched off"), std::string::npos);
}

// A backward pass that forgets the L2 term, checked against the cost that has it.
TEST(GradientCheck, CatchesAWrongBackwardPass) {
  Rng rng(5);
  const std::vector<LayerConfig> layers = {layer(5, Activation::tanh), layer(1, Activation::sigmoid)};
  Network<double> with_l2(3, layers, {0.7, 0.0}), without(3, layers);
  initialize(with_l2.layers, with_l2.params, InitScheme::he, 1.0, rng);
  without.params.theta = with_l2.params.theta;
  with_l2.reserve(8);
  without.reserve(8);
  const Matrix<double> X = inputs(3, 8, rng), Y = targets(layers.back(), 8, rng);
  without.forward(X, true);
  without.backward(X, Y);  // the wrong gradient
  auto J = [&](const Vector<double>&) { with_l2.forward(X, true); return with_l2.cost(Y); };
  const auto report = check_gradient(with_l2.params.theta, without.params.dtheta, with_l2.params.blocks(), J);
  std::cout << "gradient check, backward without its L2 term: " << report.difference << "\n";
  EXPECT_GT(report.difference, 1e-3);
  EXPECT_STREQ(gradcheck_verdict(report.difference), "wrong: backprop does not match the numerical gradient");
  EXPECT_LT(report.blocks[1].difference, 1e-7);  // db1 is right: biases are not penalised
}
