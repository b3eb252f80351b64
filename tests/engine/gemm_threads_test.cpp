// kernels::sgemm on 1, 2, 3 and 4 threads: C bitwise the same for every thread count (each
// column of C is computed by one thread, in the one-thread order), on the MNIST-shaped MLP's
// three products per layer and on shapes whose columns do not split evenly; padding never
// written; and no allocation per call once the pool is made.
#include <cstring>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "allocation_counter.h"
#include "core/gemm.h"

namespace {

namespace kernels = descent::kernels;

struct Shape {
  bool trans_a, trans_b;
  int M, N, K;
  float beta;
};

// The products of a 784-256-128-10 net at batch 64: Z = W A_prev, dW = dZ A_prev^T,
// dA_prev = W^T dZ; then edge cases: N not a multiple of 4 or of the thread count, beta != 0.
const std::vector<Shape> kShapes = {
    {false, false, 256, 64, 784, 0.0f}, {false, true, 256, 784, 64, 0.0f}, {true, false, 784, 64, 256, 0.0f},
    {false, false, 128, 64, 256, 0.0f}, {false, true, 128, 256, 64, 0.0f}, {true, false, 256, 64, 128, 0.0f},
    {false, false, 10, 64, 128, 0.0f},  {false, true, 10, 128, 64, 0.0f},  {true, false, 128, 64, 10, 0.0f},
    {false, false, 67, 131, 300, 0.5f}, {true, true, 45, 1023, 77, 1.0f},  {false, false, 9, 9, 20000, 0.0f},
};

// C = alpha op(A) op(B) + beta C on `threads` threads, stored with a padding row of NaN.
std::vector<float> product(const Shape& s, int threads) {
  std::mt19937 gen(7);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  const int lda = (s.trans_a ? s.K : s.M) + 1, ldb = (s.trans_b ? s.N : s.K) + 1, ldc = s.M + 1;
  std::vector<float> A(size_t(lda) * (s.trans_a ? s.M : s.K)), B(size_t(ldb) * (s.trans_b ? s.K : s.N)),
      C(size_t(ldc) * s.N, 0.0f);
  for (auto* v : {&A, &B, &C})
    for (auto& x : *v) x = u(gen);
  for (int j = 0; j < s.N; ++j) C[size_t(j) * ldc + s.M] = -7.0f;  // the padding row: never written
  EXPECT_EQ(kernels::set_threads(threads), threads);
  kernels::sgemm(s.trans_a, s.trans_b, s.M, s.N, s.K, 0.75f, A.data(), lda, B.data(), ldb, s.beta, C.data(), ldc);
  for (int j = 0; j < s.N; ++j) EXPECT_EQ(C[size_t(j) * ldc + s.M], -7.0f) << "padding of column " << j;
  return C;
}

}  // namespace

TEST(GemmThreads, CIsBitwiseTheSameOnOneTwoThreeAndFourThreads) {
  for (const Shape& s : kShapes) {
    const std::vector<float> one = product(s, 1);
    for (int threads : {2, 3, 4}) {
      const std::vector<float> many = product(s, threads);
      EXPECT_EQ(kernels::threads(), threads);
      EXPECT_EQ(std::memcmp(one.data(), many.data(), one.size() * sizeof(float)), 0)
          << s.M << " x " << s.N << " x " << s.K << " on " << threads << " threads";
    }
  }
  kernels::set_threads(1);
  EXPECT_EQ(kernels::threads(), 1);
}

TEST(GemmThreads, NoAllocationPerProductOnceThePoolIsMade) {
  if (!descent_test::kCountsAllocations) GTEST_SKIP() << "no allocation counter in this build";
  kernels::set_threads(2);
  std::vector<float> A(256 * 784, 0.5f), B(784 * 64, 0.25f), C(256 * 64);
  kernels::sgemm(false, false, 256, 64, 784, 1.0f, A.data(), 256, B.data(), 784, 0.0f, C.data(), 256);
  EXPECT_EQ(descent_test::allocations_during([&] {
              for (int i = 0; i < 20; ++i)
                kernels::sgemm(false, false, 256, 64, 784, 1.0f, A.data(), 256, B.data(), 784, 0.0f, C.data(), 256);
            }),
            0);
  EXPECT_FLOAT_EQ(C[0], 784 * 0.125f);
  kernels::set_threads(1);
}
