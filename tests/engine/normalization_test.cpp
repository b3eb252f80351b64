// Batch, layer and instance norm: the forward's statistics, batch norm's running averages,
// the interface, and no allocation after reserve().
#include "normalization_support.h"

namespace {

// ---- the forward ------------------------------------------------------------------------------

// Batch norm: each channel, over its S positions and the m examples, has mean beta and
// variance gamma^2 sigma^2 / (sigma^2 + epsilon).
TEST(Normalization, BatchNormChannelStatistics) {
  const int C = 2, S = 3, m = 5;
  Rng rng(21);
  NormLayer s(NormKind::batch, C * S, C, m);
  s.randomise_parameters(rng);
  const Mat Z = structured_batch(rng, C, S, m);
  const Mat Z_tilde = s.forward(Z, true);
  const Vec gamma = s.gamma(), beta = s.beta();
  for (int c = 0; c < C; ++c) {
    const Cells g = groups(NormKind::batch, C, S, m)[c];
    const double var = moments(Z, g).second;
    const auto [mean_out, var_out] = moments(Z_tilde, g);
    EXPECT_NEAR(mean_out, beta(c), 1e-12);
    EXPECT_NEAR(var_out, gamma(c) * gamma(c) * var / (var + kEpsilon), 1e-12);
  }
}

// Layer norm: each example, over its n features, has mean 0 and variance sigma^2/(sigma^2+eps)
// with gamma = 1, beta = 0; with any gamma, beta, (Z_tilde - beta) / gamma does.
TEST(Normalization, LayerNormExampleStatistics) {
  const int n = 6, m = 5;
  Rng rng(22);
  NormLayer s(NormKind::layer, n, n, m);
  const Mat Z = structured_batch(rng, 2, 3, m);
  const Mat Z_plain = s.forward(Z, true);
  s.randomise_parameters(rng);
  const Mat Z_tilde = s.forward(Z, true);
  const Mat Z_unscaled = (Z_tilde.colwise() - s.beta()).array().colwise() / s.gamma().array();
  for (const Cells& g : groups(NormKind::layer, 2, 3, m)) {
    const double var = moments(Z, g).second;
    EXPECT_NEAR(moments(Z_plain, g).first, 0.0, 1e-12);
    EXPECT_NEAR(moments(Z_plain, g).second, var / (var + kEpsilon), 1e-12);
    EXPECT_NEAR(moments(Z_unscaled, g).first, 0.0, 1e-12);
    EXPECT_NEAR(moments(Z_unscaled, g).second, var / (var + kEpsilon), 1e-12);
  }
  EXPECT_LT((s.forward(Z, false) - Z_tilde).cwiseAbs().maxCoeff(), 1e-15);  // same in inference
}

// Instance norm: each channel of each example has mean beta(c) and variance
// gamma(c)^2 sigma^2 / (sigma^2 + epsilon).
TEST(Normalization, InstanceNormStatistics) {
  const int C = 2, S = 3, m = 5;
  Rng rng(23);
  NormLayer s(NormKind::instance, C * S, C, m);
  s.randomise_parameters(rng);
  const Mat Z = structured_batch(rng, C, S, m);
  const Mat Z_tilde = s.forward(Z, true);
  const Vec gamma = s.gamma(), beta = s.beta();
  const std::vector<Cells> gs = groups(NormKind::instance, C, S, m);
  for (int k = 0; k < int(gs.size()); ++k) {
    const int c = k % C;  // groups are ordered (example, channel)
    const double var = moments(Z, gs[k]).second;
    EXPECT_NEAR(moments(Z_tilde, gs[k]).first, beta(c), 1e-12);
    EXPECT_NEAR(moments(Z_tilde, gs[k]).second, gamma(c) * gamma(c) * var / (var + kEpsilon), 1e-12);
  }
  EXPECT_LT((s.forward(Z, false) - Z_tilde).cwiseAbs().maxCoeff(), 1e-15);  // same in inference
}

// Batch norm keeps mu_run = momentum mu_run + (1 - momentum) mu per channel (sigma^2 likewise,
// starting from 0 and 1), and inference uses them: gamma (Z - mu_run) / sqrt(var_run + eps) + beta.
TEST(Normalization, BatchNormRunningAveragesAndInference) {
  const int C = 2, S = 3, n = C * S, m = 4;
  const double momentum = 0.9;
  Rng rng(24);
  NormLayer s(NormKind::batch, n, C, m, momentum);
  s.randomise_parameters(rng);
  const double batch_means[3][2] = {{1.0, -2.0}, {3.0, 0.5}, {-1.0, 4.0}};
  Vec mu_run = Vec::Zero(C), var_run = Vec::Ones(C);
  for (const auto& means : batch_means) {
    Mat Z = random_matrix(rng, n, m, 0.0, 1.5);
    for (int c = 0; c < C; ++c) {  // shift channel c to mean exactly means[c]
      auto Z_c = Z.middleRows(c * S, S);
      Z_c.array() += means[c] - Z_c.mean();
      const double var = (Z_c.array() - means[c]).square().mean();
      mu_run(c) = momentum * mu_run(c) + (1 - momentum) * means[c];
      var_run(c) = momentum * var_run(c) + (1 - momentum) * var;
    }
    s.forward(Z, true);
  }
  std::cout << "running mean " << s.norm->running_mean().transpose() << ", by hand " << mu_run.transpose()
            << "\n";
  EXPECT_LT((s.norm->running_mean() - mu_run).cwiseAbs().maxCoeff(), 1e-14);
  EXPECT_LT((s.norm->running_var() - var_run).cwiseAbs().maxCoeff(), 1e-14);

  const Mat Z = random_matrix(rng, n, m, 1.0, 2.0);
  Mat expected(n, m);
  const Vec gamma = s.gamma(), beta = s.beta();
  for (int i = 0; i < n; ++i) {
    const int c = i / S;
    expected.row(i) = gamma(c) * (Z.row(i).array() - mu_run(c)) / std::sqrt(var_run(c) + kEpsilon) + beta(c);
  }
  const Mat inference = s.forward(Z, false);
  EXPECT_LT((inference - expected).cwiseAbs().maxCoeff(), 1e-13);
  EXPECT_LT((s.norm->running_mean() - mu_run).cwiseAbs().maxCoeff(), 1e-14);  // inference leaves them
  EXPECT_GT((s.forward(Z, true) - inference).cwiseAbs().maxCoeff(), 0.1);     // training does not use them
}

// The three on one (C*S x m) batch, gamma = 1, beta = 0: each output has mean 0 over the axes
// its mode averages over, and not over the others.
TEST(Normalization, TheThreeAverageOverDifferentAxes) {
  const int C = 2, S = 3, n = C * S, m = 5;
  Rng rng(25);
  const Mat Z = structured_batch(rng, C, S, m);
  NormLayer batch(NormKind::batch, n, C, m), layer(NormKind::layer, n, n, m),
      instance(NormKind::instance, n, C, m);
  const Mat B = batch.forward(Z, true), L = layer.forward(Z, true), I = instance.forward(Z, true);

  // the largest |mean| over the groups of one kind of axis
  const auto max_mean = [&](const Mat& out, NormKind axes) {
    double worst = 0;
    for (const Cells& g : groups(axes, C, S, m)) worst = std::max(worst, std::abs(moments(out, g).first));
    return worst;
  };
  const auto per_channel = NormKind::batch, per_example = NormKind::layer, per_instance = NormKind::instance;
  std::cout << "max |mean| per channel / per example / per (example, channel):\n"
            << "  batch norm    " << max_mean(B, per_channel) << " " << max_mean(B, per_example) << " "
            << max_mean(B, per_instance) << "\n"
            << "  layer norm    " << max_mean(L, per_channel) << " " << max_mean(L, per_example) << " "
            << max_mean(L, per_instance) << "\n"
            << "  instance norm " << max_mean(I, per_channel) << " " << max_mean(I, per_example) << " "
            << max_mean(I, per_instance) << "\n";
  EXPECT_LT(max_mean(B, per_channel), 1e-12);
  EXPECT_GT(max_mean(B, per_example), 0.1);
  EXPECT_GT(max_mean(B, per_instance), 0.1);
  EXPECT_LT(max_mean(L, per_example), 1e-12);
  EXPECT_GT(max_mean(L, per_channel), 0.1);
  EXPECT_GT(max_mean(L, per_instance), 0.1);
  EXPECT_LT(max_mean(I, per_instance), 1e-12);  // and so per channel and per example as well
  EXPECT_LT(max_mean(I, per_channel), 1e-12);
  EXPECT_LT(max_mean(I, per_example), 1e-12);
  EXPECT_GT((I - L).cwiseAbs().maxCoeff(), 0.1);  // instance norm is not layer norm
}

// ---- the interface ----------------------------------------------------------------------------

TEST(Normalization, RegistersGammaAndBetaOfTheRightShape) {
  const struct { NormKind kind; int rows; } cases[] = {
      {NormKind::batch, 2}, {NormKind::layer, 6}, {NormKind::instance, 2}};
  for (const auto& c : cases) {
    Parameters<double> p;
    Normalization<double> norm(c.kind, 3, 6, 2, p);
    p.allocate();
    norm.init(p);
    ASSERT_EQ(p.blocks().size(), 2u);
    EXPECT_EQ(p.blocks()[0].name, "gamma3");
    EXPECT_EQ(p.blocks()[1].name, "beta3");
    EXPECT_EQ(p.blocks()[0].rows, c.rows);
    EXPECT_EQ(p.blocks()[1].rows, c.rows);
    EXPECT_TRUE((p.value(norm.gamma_id()).array() == 1.0).all());
    EXPECT_TRUE((p.value(norm.beta_id()).array() == 0.0).all());
  }
  Parameters<double> p;
  Normalization<double> none(NormKind::none, 1, 6, 6, p);
  EXPECT_EQ(p.blocks().size(), 0u);
  EXPECT_EQ(descent::kNormNames.parse("instance"), NormKind::instance);
  EXPECT_STREQ(descent::kNormNames.name(NormKind::layer), "layer");
}

TEST(Normalization, FailsLoudly) {
  Parameters<double> p;
  try {
    Normalization<double> norm(NormKind::instance, 2, 7, 2, p);
    FAIL() << "7 features in 2 channels were accepted";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("n = 7"), std::string::npos) << what;
    EXPECT_NE(what.find("channels = 2"), std::string::npos) << what;
  }
  EXPECT_THROW(Normalization<double>(NormKind::batch, 2, 6, 0, p), std::invalid_argument);

  Normalization<double> layer(NormKind::layer, 1, 6, 6, p);
  p.allocate();
  layer.reserve(4);
  Mat Z = Mat::Zero(6, 5), Z_tilde(6, 5), dZ(6, 5);
  EXPECT_THROW(layer.forward(p, Z, Z_tilde, true), std::invalid_argument);  // m = 5 > m_max = 4
  EXPECT_THROW(layer.backward(p, Z.leftCols(4), dZ.leftCols(4)), std::invalid_argument);  // no forward
  EXPECT_THROW(layer.running_mean(), std::invalid_argument);  // not batch norm
}

// ---- no allocation after reserve() ------------------------------------------------------------

TEST(Normalization, ForwardAndBackwardDoNotAllocate) {
  if (!descent_test::kCountsAllocations) GTEST_SKIP() << "no allocation counter in this build";
  const int n = 6, m_max = 8;
  for (const Case& c : kCases) {
    Rng rng(31);
    NormLayer s(c.kind, c.n, c.channels, m_max);
    s.randomise_parameters(rng);
    const Mat Z = random_matrix(rng, n, m_max, 1.0, 2.0), R = random_matrix(rng, n, m_max);
    Mat Z_tilde(n, m_max), dZ(n, m_max);
    for (int m : {m_max, 5}) {
      const long before = descent_test::allocations.load();
      s.norm->forward(s.params, Z.leftCols(m), Z_tilde.leftCols(m), true);
      s.norm->backward(s.params, R.leftCols(m), dZ.leftCols(m));
      s.norm->forward(s.params, Z.leftCols(m), Z_tilde.leftCols(m), false);
      s.norm->backward(s.params, R.leftCols(m), dZ.leftCols(m));
      const long allocations = descent_test::allocations.load() - before;
      EXPECT_EQ(allocations, 0) << c.name << ", m = " << m;
    }
  }
  // the counter works: a new matrix is one allocation
  const long before = descent_test::allocations.load();
  Mat M(n, m_max);
  M.setZero();
  EXPECT_GE(descent_test::allocations.load() - before, 1);
}

}  // namespace
