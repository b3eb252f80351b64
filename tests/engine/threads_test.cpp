// The engine's threads (core/threads.h) beyond the products: parallel_ranges covers [0, n)
// once, in blocks of 16; the four optimizers' updates give bitwise the same result on 1 to 4
// threads as their formulas written as Eigen passes; the copy and check of theta around a
// step; all_finite against std::isfinite; no allocation per pass once the pool is made.
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "allocation_counter.h"
#include "core/threads.h"
#include "optim/adam.h"
#include "optim/gradient_descent.h"
#include "optim/momentum.h"
#include "optim/rmsprop.h"
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

// Starting weights ~ N(0, 1) and `steps` gradients ~ N(0, 0.01^2), P each.
template <class T>
std::pair<Vector<T>, std::vector<Vector<T>>> random_steps(Eigen::Index P, int steps, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  Vector<T> theta0(P);
  std::vector<Vector<T>> grads(static_cast<std::size_t>(steps), Vector<T>::Zero(P));
  for (Eigen::Index i = 0; i < P; ++i) theta0[i] = T(normal(gen));
  for (auto& g : grads)
    for (Eigen::Index i = 0; i < P; ++i) g[i] = T(normal(gen) * 1e-2);
  return {theta0, grads};
}

template <class T>
class ThreadedOptimizers : public ::testing::Test {};
using Scalars = ::testing::Types<float, double>;
TYPED_TEST_SUITE(ThreadedOptimizers, Scalars);

TYPED_TEST(ThreadedOptimizers, AdamBitwiseTheFormulasOnOneToFourThreads) {
  using T = TypeParam;
  const Eigen::Index P = 100003;  // above kParallelElements, not a multiple of 16
  const auto [theta0, grads] = random_steps<T>(P, 5, 11);

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

// Gradient descent, momentum and RMSProp: the same, against their formulas as Eigen passes.
TYPED_TEST(ThreadedOptimizers, TheOtherOptimizersTooBitwiseOnOneToFourThreads) {
  using T = TypeParam;
  const Eigen::Index P = 70001;
  const auto [theta0, grads] = random_steps<T>(P, 4, 5);
  const T alpha = T(0.05), beta = T(0.9), one_beta = T(1.0 - 0.9), beta2 = T(0.999), one_beta2 = T(1.0 - 0.999);
  const auto exact_sqrt = [](T x) { return std::sqrt(x); };

  Vector<T> gd = theta0, momentum = theta0, rmsprop = theta0;
  Vector<T> v = Vector<T>::Zero(P), S = Vector<T>::Zero(P);
  for (const auto& g : grads) {
    gd -= alpha * g;
    v = beta * v + one_beta * g;
    momentum -= alpha * v;
    S.array() = beta2 * S.array() + one_beta2 * g.array().square();
    rmsprop.array() -= alpha * g.array() / (S.array().unaryExpr(exact_sqrt) + T(1e-8));
  }
  for (int threads : {1, 2, 3, 4}) {
    Threads pool(threads);
    descent::GradientDescent<T> gd_run;
    descent::Momentum<T> momentum_run(P, 0.9);
    descent::RMSProp<T> rmsprop_run(P, 0.999, 1e-8);
    Vector<T> a = theta0, b = theta0, c = theta0;
    for (const auto& g : grads) {
      gd_run.update(a, g, alpha);
      momentum_run.update(b, g, alpha);
      rmsprop_run.update(c, g, alpha);
    }
    EXPECT_EQ(std::memcmp(a.data(), gd.data(), sizeof(T) * size_t(P)), 0) << "gd, " << threads << " threads";
    EXPECT_EQ(std::memcmp(b.data(), momentum.data(), sizeof(T) * size_t(P)), 0) << "momentum, " << threads << " threads";
    EXPECT_EQ(std::memcmp(c.data(), rmsprop.data(), sizeof(T) * size_t(P)), 0) << "rmsprop, " << threads << " threads";
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
