// Batch, layer and instance norm: gradient checks that return the relative difference, and a
// deliberately wrong backward pass caught against the naive reference.
#include "normalization_support.h"

namespace {

TEST(Normalization, GradientCheckEachMode) {
  const int m = 5;
  for (const Case& c : kCases) {
    Rng rng(11);
    NormLayer s(c.kind, c.n, c.channels, m);
    s.randomise_parameters(rng);
    const Mat Z = random_matrix(rng, c.n, m, 1.0, 2.0), R = random_matrix(rng, c.n, m);
    const double diff = gradient_check(s, Z, R);
    std::cout << c.name << " gradient check: " << diff << "\n";
    EXPECT_LT(diff, 1e-7) << c.name;
  }
}

// After an inference forward batch norm's statistics are constants: dZ = gamma dZ~ / sigma_run.
TEST(Normalization, BatchNormGradientCheckInInference) {
  const int n = 6, m = 5;
  Rng rng(12);
  NormLayer s(NormKind::batch, n, 2, m, /*momentum=*/0.5);
  s.randomise_parameters(rng);
  for (int k = 0; k < 3; ++k) s.forward(random_matrix(rng, n, m, 1.0, 2.0), true);  // running averages
  const Mat Z = random_matrix(rng, n, m, 1.0, 2.0), R = random_matrix(rng, n, m);
  const double diff = gradient_check(s, Z, R, /*training=*/false);
  std::cout << "batch norm (inference) gradient check: " << diff << "\n";
  EXPECT_LT(diff, 1e-7);
}

// The naive reference agrees with the layers, and without the mean(dZ_hat * Z_hat) term the
// gradient check fails by far.
TEST(Normalization, MatchesReferenceAndCatchesAWrongBackward) {
  const int m = 5;
  for (const Case& c : kCases) {
    Rng rng(13);
    NormLayer s(c.kind, c.n, c.channels, m);
    s.randomise_parameters(rng);
    const Mat Z = random_matrix(rng, c.n, m, 1.0, 2.0), R = random_matrix(rng, c.n, m);
    Mat dZ;
    const Vec analytic = analytic_gradient(s, Z, R, true, &dZ);
    const Vec dtheta = s.params.dtheta;
    EXPECT_LT((s.forward(Z, true) - reference_forward(s, Z)).cwiseAbs().maxCoeff(), 1e-12) << c.name;
    EXPECT_LT((dZ - reference_dZ(s, Z, R, false)).cwiseAbs().maxCoeff(), 1e-12) << c.name;

    const Vec numerical = numerical_gradient(s, Z, R, true);
    const double wrong = relative_difference(numerical, stack(reference_dZ(s, Z, R, true), dtheta));
    std::cout << c.name << " with a wrong backward (no mean(dZ_hat * Z_hat) term): " << wrong << "\n";
    EXPECT_GT(wrong, 1e-3) << c.name;
  }
}

}  // namespace
