// Initialisation: each scheme's spread, and the course's deep linear network with W = s I.
#include <cmath>

#include <gtest/gtest.h>

#include "init/init.h"
#include "train/network.h"

using namespace descent;

namespace {

LayerConfig linear(int units) {
  LayerConfig c;
  c.units = units;
  c.activation = Activation::linear;
  return c;
}

// The sample standard deviation of W1 of a (400 x 300) layer under a scheme.
double w1_std(InitScheme scheme, double scale = 1.0) {
  Network<double> net(300, {linear(400), linear(1)});
  Rng rng(9);
  initialize(net.layers, net.params, scheme, scale, rng);
  const auto W = net.params.value(net.layers[0].dense().W_id());
  return std::sqrt(W.array().square().mean() - std::pow(W.mean(), 2));
}

}  // namespace

TEST(Init, EachSchemeHasItsSpread) {
  const double n_prev = 300, n = 400;
  EXPECT_EQ(w1_std(InitScheme::zeros), 0.0);
  EXPECT_NEAR(w1_std(InitScheme::random, 10.0), 10.0, 0.05);
  EXPECT_NEAR(w1_std(InitScheme::xavier), std::sqrt(1 / n_prev), 0.0005);
  EXPECT_NEAR(w1_std(InitScheme::glorot), std::sqrt(2 / (n_prev + n)), 0.0005);
  EXPECT_NEAR(w1_std(InitScheme::he), std::sqrt(2 / n_prev), 0.0005);
  EXPECT_NEAR(w1_std(InitScheme::he_uniform), std::sqrt(2 / n_prev), 0.0005);  // same variance
  EXPECT_NEAR(w1_std(InitScheme::glorot_uniform), std::sqrt(2 / (n_prev + n)), 0.0005);
  EXPECT_NEAR(w1_std(InitScheme::he, 0.5), 0.5 * std::sqrt(2 / n_prev), 0.0005);
}

TEST(Init, UniformSchemesStayWithinTheirLimit) {
  Network<double> net(50, {linear(60), linear(1)});
  Rng rng(2);
  initialize(net.layers, net.params, InitScheme::glorot_uniform, 1.0, rng);
  const double limit = std::sqrt(6.0 / (50 + 60));  // Glorot & Bengio's uniform limit
  EXPECT_LE(net.params.value(net.layers[0].dense().W_id()).cwiseAbs().maxCoeff(), limit);
}

// The course's deep linear network: with W = 1.5 I the activations grow as 1.5^L, with
// 0.5 I they vanish as 0.5^L.
TEST(Init, IdentityTimesAScaleGrowsOrShrinksAsScaleToTheL) {
  const int L = 12;
  for (double s : {1.5, 0.5}) {
    std::vector<LayerConfig> layers(L, linear(2));
    Network<double> net(2, layers);
    Rng rng(1);
    initialize(net.layers, net.params, InitScheme::identity, s, rng);
    net.reserve(1);
    Matrix<double> x(2, 1);
    x << 1.0, -2.0;
    const auto a = net.forward(x);
    EXPECT_NEAR(a(0, 0), std::pow(s, L) * 1.0, 1e-12 * std::pow(s, L));
    EXPECT_NEAR(a(1, 0), std::pow(s, L) * -2.0, 1e-12 * std::pow(s, L));
    for (int l = 0; l < L; ++l)  // layer by layer: |a_l| = s^l |x|
      EXPECT_NEAR(net.layers[l].output(1).norm(), std::pow(s, l + 1) * std::sqrt(5.0), 1e-9);
  }
}

TEST(Init, TheSameSeedGivesTheSameWeightsInFloatAndDouble) {
  std::vector<LayerConfig> layers = {linear(5), linear(1)};
  Network<double> d(3, layers);
  Network<float> f(3, layers);
  Rng a(77), b(77);
  initialize(d.layers, d.params, InitScheme::he, 1.0, a);
  initialize(f.layers, f.params, InitScheme::he, 1.0, b);
  EXPECT_TRUE(d.params.theta.cast<float>().isApprox(f.params.theta));
}
