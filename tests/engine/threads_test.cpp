// The engine's threads (core/threads.h) beyond the products: parallel_ranges covers [0, n)
// once, in blocks of 16; Adam's update and the copy and check of theta around a step give
// bitwise the same result on 1 to 4 threads as the three-pass Eigen formulas of the paper;
// all_finite against std::isfinite; no allocation per pass once the pool is made.
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "allocation_counter.h"
#include "core/threads.h"
#include "optim/adam.h"
#include "train/train_step.h"

namespace {

namespace kernels = descent::kernels;
template <class T>
using Vector = descent::Vector<T>;

// Puts one thread back whatever the test does.
struct Threads {
  explicit Threads(int n) { EXPECT_EQ(kernels::set_threads(n), n); }
  ~Threads() { kernels::set_threads(1); }
};

TEST(ParallelRanges, CoversEveryElementOnceInBlocksOfSixteen) {
  for (int threads : {1, 2, 3, 4}) {
    Threads pool(threads);
    for (std::ptrdiff_t n : {0, 1, 15, 16, 17, 1000, 40000, 100003}) {
      std::vector<int> seen(size_t(n), 0);
      std::vector<std::pair<std::ptrdiff_t, std::ptrdiff_t>> ranges(size_t(threads), {-1, -1});
      int calls = 0;
      kernels::parallel_ranges(n, 1000, [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
        for (std::ptrdiff_t i = begin; i < end; ++i) ++seen[size_t(i)];
        if (end < n) EXPECT_EQ((end - begin) % 16, 0) << "an inner block is whole vectors";
        ++calls;  // parts run one per thread: no two share a counter's slot below
      });
      for (std::ptrdiff_t i = 0; i < n; ++i) ASSERT_EQ(seen[size_t(i)], 1) << "n " << n << " element " << i;
      if (n < 1000 || threads == 1) EXPECT_EQ(calls, 1) << "below the grain: one call on the caller";
      else EXPECT_GE(calls, 2);
    }
  }
}

// The update as it was written before it was fused and split: three Eigen passes, with an
// exact square root (Eigen's vectorised float sqrt is an approximation under its default
// EIGEN_FAST_MATH; the fused loop's std::sqrt is exact, as in the WASM build, where Eigen
// does not vectorise).
template <class T>
void adam_reference(Vector<T>& theta, const Vector<T>& dtheta, Vector<T>& v, Vector<T>& S, int t, T alpha) {
  const double beta1 = 0.9, beta2 = 0.999;
  v.array() = T(beta1) * v.array() + T(1.0 - beta1) * dtheta.array();
  S.array() = T(beta2) * S.array() + T(1.0 - beta2) * dtheta.array().square();
  const T c1 = T(1.0 - std::pow(beta1, double(t))), c2 = T(1.0 - std::pow(beta2, double(t)));
  theta.array() -= alpha * (v.array() / c1) / ((S.array() / c2).unaryExpr([](T x) { return std::sqrt(x); }) + T(1e-8));
}

template <class T>
class ThreadedAdam : public ::testing::Test {};
using Scalars = ::testing::Types<float, double>;
TYPED_TEST_SUITE(ThreadedAdam, Scalars);

TYPED_TEST(ThreadedAdam, BitwiseTheFormulasOnOneToFourThreads) {
  using T = TypeParam;
  const Eigen::Index P = 100003;  // above kParallelElements, not a multiple of 16
  std::mt19937 gen(11);
  std::normal_distribution<double> normal(0.0, 1.0);
  Vector<T> theta0(P);
  std::vector<Vector<T>> grads(5, Vector<T>(P));
  for (Eigen::Index i = 0; i < P; ++i) theta0[i] = T(normal(gen));
  for (auto& g : grads)
    for (Eigen::Index i = 0; i < P; ++i) g[i] = T(normal(gen) * 1e-2);

  Vector<T> expected = theta0, v = Vector<T>::Zero(P), S = Vector<T>::Zero(P);
  for (int t = 1; t <= 5; ++t) adam_reference<T>(expected, grads[size_t(t - 1)], v, S, t, T(0.01));

  for (int threads : {1, 2, 3, 4}) {
    Threads pool(threads);
    descent::Adam<T> adam(P, 0.9, 0.999, 1e-8);
    Vector<T> theta = theta0;
    for (const auto& g : grads) adam.update(theta, g, T(0.01));
    EXPECT_EQ(std::memcmp(theta.data(), expected.data(), sizeof(T) * size_t(P)), 0) << threads << " threads";
  }
}

TEST(AllFinite, AgreesWithIsFinite) {
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  const float finite[] = {0.0f, -0.0f, 1.0f, -3.5f, std::numeric_limits<float>::max(),
                          std::numeric_limits<float>::lowest(), std::numeric_limits<float>::denorm_min()};
  for (float x : finite) EXPECT_TRUE(descent::all_finite(&x, 1)) << x;
  for (float x : {inf, -inf, nan, -nan}) EXPECT_FALSE(descent::all_finite(&x, 1)) << x;
  const double d[] = {1.0, std::numeric_limits<double>::max(), -std::numeric_limits<double>::infinity()};
  EXPECT_TRUE(descent::all_finite(d, 2));
  EXPECT_FALSE(descent::all_finite(d, 3));
  EXPECT_TRUE(descent::all_finite(d, 0));
}

TEST(ThetaPasses, CopyAndCheckOnFourThreadsFindAnyNonFiniteElement) {
  Threads pool(4);
  const Eigen::Index P = 70001;
  Vector<float> theta = Vector<float>::LinSpaced(P, -1.0f, 1.0f), good(P);
  descent::copy_theta(theta, good);
  EXPECT_EQ(std::memcmp(theta.data(), good.data(), sizeof(float) * size_t(P)), 0);
  EXPECT_TRUE(descent::theta_finite(theta));
  for (Eigen::Index at : {Eigen::Index(0), Eigen::Index(17500), P / 2, P - 1}) {
    Vector<float> bad = theta;
    bad[at] = std::numeric_limits<float>::quiet_NaN();
    EXPECT_FALSE(descent::theta_finite(bad)) << "NaN at " << at;
    bad[at] = -std::numeric_limits<float>::infinity();
    EXPECT_FALSE(descent::theta_finite(bad)) << "-inf at " << at;
  }
}

TEST(ThetaPasses, NoAllocationPerPassOnceThePoolIsMade) {
  if (!descent_test::kCountsAllocations) GTEST_SKIP() << "no allocation counter in this build";
  Threads pool(2);
  const Eigen::Index P = 100000;
  Vector<float> theta = Vector<float>::Ones(P), dtheta = Vector<float>::Constant(P, 0.5f), good(P);
  descent::Adam<float> adam(P, 0.9, 0.999, 1e-8);
  adam.update(theta, dtheta, 0.01f);
  EXPECT_EQ(descent_test::allocations_during([&] {
              for (int i = 0; i < 10; ++i) {
                descent::copy_theta(theta, good);
                adam.update(theta, dtheta, 0.01f);
                EXPECT_TRUE(descent::theta_finite(theta));
              }
            }),
            0);
}

}  // namespace
