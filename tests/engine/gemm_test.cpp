// kernels::sgemm against an Eigen product in double, and Dense<float> through the kernel
// against Dense<float> through Eigen. The tolerance is relative to |alpha| |op(A)| |op(B)| +
// |beta C| entry by entry (the size of what was summed), times 1e-5 sqrt(K).
#include "core/gemm.h"

#include <cmath>
#include <limits>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "allocation_counter.h"
#include "layers/dense.h"

using descent::Dense;
using descent::Matrix;
using descent::Parameters;
using descent::Ref;
using descent::kernels::sgemm;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct Case {
  bool trans_a, trans_b;
  int M, N, K;
  float alpha = 1.0f, beta = 0.0f;
  int pad = 0;  // extra rows in every stored matrix: leading dimension = rows + pad
};

// A (rows x cols) matrix stored with leading dimension rows + pad; the padding holds NaN,
// which must never be read (nor written, for C).
struct Stored {
  int rows, cols, ld;
  std::vector<float> data;
  Stored(int rows_, int cols_, int pad, std::mt19937& gen)
      : rows(rows_), cols(cols_), ld(rows_ + pad), data(size_t(ld) * cols_, kNaN) {
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    for (int j = 0; j < cols; ++j)
      for (int i = 0; i < rows; ++i) data[size_t(j) * ld + i] = u(gen);
  }
  Eigen::MatrixXd dense() const {  // the matrix in double, without the padding
    Eigen::MatrixXd X(rows, cols);
    for (int j = 0; j < cols; ++j)
      for (int i = 0; i < rows; ++i) X(i, j) = data[size_t(j) * ld + i];
    return X;
  }
};

// Worst entry of |C - reference| / (1e-5 sqrt(K) scale): <= 1 passes. Also counts entries of
// C's padding that changed (must be 0) and non-finite entries of C (must be 0).
struct Result {
  double worst = 0;
  int padding_written = 0, non_finite = 0;
};

Result run(const Case& c, unsigned seed, float c_fill = 0.0f /* 0: random C */) {
  std::mt19937 gen(seed);
  const int a_rows = c.trans_a ? c.K : c.M, a_cols = c.trans_a ? c.M : c.K;
  const int b_rows = c.trans_b ? c.N : c.K, b_cols = c.trans_b ? c.K : c.N;
  Stored A(a_rows, a_cols, c.pad, gen), B(b_rows, b_cols, c.pad, gen), C(c.M, c.N, c.pad, gen);
  if (c_fill != 0.0f)
    for (int j = 0; j < c.N; ++j)
      for (int i = 0; i < c.M; ++i) C.data[size_t(j) * C.ld + i] = c_fill;
  const Eigen::MatrixXd Ad = A.dense(), Bd = B.dense();
  const Eigen::MatrixXd opA = c.trans_a ? Eigen::MatrixXd(Ad.transpose()) : Ad;
  const Eigen::MatrixXd opB = c.trans_b ? Eigen::MatrixXd(Bd.transpose()) : Bd;
  const Eigen::MatrixXd C0 = c.beta == 0.0f ? Eigen::MatrixXd::Zero(c.M, c.N) : C.dense();
  const Eigen::MatrixXd ref = double(c.alpha) * opA * opB + double(c.beta) * C0;
  const Eigen::MatrixXd scale = std::abs(double(c.alpha)) * opA.cwiseAbs() * opB.cwiseAbs() +
                                std::abs(double(c.beta)) * C0.cwiseAbs();

  sgemm(c.trans_a, c.trans_b, c.M, c.N, c.K, c.alpha, A.data.data(), A.ld, B.data.data(), B.ld,
        c.beta, C.data.data(), C.ld);

  Result r;
  const double tol = 1e-5 * std::sqrt(double(std::max(c.K, 1)));
  for (int j = 0; j < c.N; ++j) {
    for (int i = 0; i < C.ld; ++i) {
      const float x = C.data[size_t(j) * C.ld + i];
      if (i >= c.M) {
        r.padding_written += !std::isnan(x);
        continue;
      }
      if (!std::isfinite(x)) {
        ++r.non_finite;
        continue;
      }
      const double err = std::abs(double(x) - ref(i, j)) / (tol * scale(i, j) + 1e-30);
      r.worst = std::max(r.worst, err);
    }
  }
  return r;
}

void expect_matches(const Case& c, unsigned seed = 1) {
  const Result r = run(c, seed);
  SCOPED_TRACE(::testing::Message() << (c.trans_a ? "T" : "N") << (c.trans_b ? "T" : "N")
                                    << " M=" << c.M << " N=" << c.N << " K=" << c.K
                                    << " alpha=" << c.alpha << " beta=" << c.beta
                                    << " pad=" << c.pad);
  EXPECT_LE(r.worst, 1.0);
  EXPECT_EQ(r.non_finite, 0);
  EXPECT_EQ(r.padding_written, 0);
}

// Every combination of transposes for one shape.
void expect_all_transposes(int M, int N, int K, float alpha = 1.0f, float beta = 0.0f,
                           int pad = 0) {
  for (bool ta : {false, true})
    for (bool tb : {false, true}) expect_matches({ta, tb, M, N, K, alpha, beta, pad});
}

TEST(Gemm, TinyAndPrimeSizesMatchEigenInDouble) {
  for (int M : {1, 2, 3, 4, 7, 13, 31})
    for (int N : {1, 2, 5, 7, 13, 31})
      for (int K : {1, 2, 7, 13, 31}) expect_all_transposes(M, N, K);
}

TEST(Gemm, SizesStraddlingTilesAndBlocksMatchEigenInDouble) {
  // Tile 8 x 4; blocks kc = 256, mc = 128, nc = 1024 (gemm.cpp).
  for (int M : {7, 8, 9, 16, 17})
    for (int N : {3, 4, 5, 8, 9}) expect_all_transposes(M, N, 5);
  for (int K : {255, 256, 257, 511, 513}) expect_all_transposes(9, 5, K);
  for (int M : {127, 128, 129, 255, 257}) expect_all_transposes(M, 6, 33);
  for (int N : {1023, 1024, 1025, 2049}) expect_all_transposes(12, N, 9);
  expect_all_transposes(129, 1025, 257);  // every loop has a remainder
}

TEST(Gemm, WorkloadShapesMatchEigenInDouble) {
  // MLP 784-256-128-10, m = 64: forward NN, backward NT (dW, alpha = 1/m) and TN (dA_prev).
  const float inv_m = 1.0f / 64;
  using Layer = std::pair<int, int>;  // (n_l, n_{l-1})
  for (auto [n, k] : std::initializer_list<Layer>{{256, 784}, {128, 256}, {10, 128}}) {
    expect_matches({false, false, n, 64, k});
    expect_matches({false, true, n, k, 64, inv_m});
    expect_matches({true, false, k, 64, n});
  }
  // 2-8-8-2 batch 10 and 2-8-8-8-8-8-8-1 batch 30.
  for (auto [n, k, m] : std::initializer_list<std::tuple<int, int, int>>{
           {8, 2, 10}, {8, 8, 10}, {2, 8, 10}, {8, 8, 30}, {1, 8, 30}}) {
    expect_matches({false, false, n, m, k});
    expect_matches({false, true, n, k, m, 1.0f / m});
    expect_matches({true, false, k, m, n});
  }
}

TEST(Gemm, LeadingDimensionsLargerThanRowsAreRespected) {
  for (int pad : {1, 3, 8}) {
    expect_all_transposes(13, 7, 31, 1.0f, 0.0f, pad);
    expect_all_transposes(2, 9, 5, 1.0f, 0.5f, pad);  // the small-M path
    expect_all_transposes(129, 37, 300, -0.5f, 1.0f, pad);
  }
}

TEST(Gemm, AlphaAndBetaFollowBlas) {
  for (float alpha : {1.0f, 0.25f, -2.0f})
    for (float beta : {0.0f, 1.0f, -0.5f}) {
      expect_all_transposes(9, 5, 300, alpha, beta);  // two K blocks: beta applied once
      expect_all_transposes(3, 5, 7, alpha, beta);
    }
}

TEST(Gemm, BetaZeroDoesNotReadC) {
  for (int M : {3, 13, 130}) {
    for (bool ta : {false, true}) {
      const Result r = run({ta, !ta, M, 11, 300, 0.5f, 0.0f}, 7, kNaN);  // C full of NaN
      EXPECT_EQ(r.non_finite, 0) << "M=" << M;
      EXPECT_LE(r.worst, 1.0) << "M=" << M;
    }
  }
}

TEST(Gemm, AlphaZeroOrEmptyKScalesC) {
  // C: 3 x 2 with ldc 4; its padding (99) stays. A and B are NaN: not read.
  std::vector<float> C = {1.0f, 2.0f, 3.0f, 99.0f, 5.0f, 6.0f, 7.0f, 99.0f};
  const std::vector<float> A(8, kNaN), B(8, kNaN);
  sgemm(false, false, 3, 2, 2, 0.0f, A.data(), 4, B.data(), 2, 2.0f, C.data(), 4);
  EXPECT_EQ(C, (std::vector<float>{2.0f, 4.0f, 6.0f, 99.0f, 10.0f, 12.0f, 14.0f, 99.0f}));
  sgemm(true, true, 3, 2, 0, 1.0f, A.data(), 1, B.data(), 2, 0.0f, C.data(), 4);  // K = 0
  EXPECT_EQ(C, (std::vector<float>{0.0f, 0.0f, 0.0f, 99.0f, 0.0f, 0.0f, 0.0f, 99.0f}));
}

TEST(Gemm, AllocatesNothing) {
  if (!descent_test::kCountsAllocations) GTEST_SKIP() << "no allocation counter in this build";
  std::vector<float> A(300 * 200, 0.5f), B(200 * 1100, 0.25f), C(300 * 1100);
  const long allocations = descent_test::allocations_during([&] {
    sgemm(false, false, 300, 1100, 200, 1.0f, A.data(), 300, B.data(), 200, 0.0f, C.data(), 300);
    sgemm(true, true, 2, 3, 5, 1.0f, A.data(), 5, B.data(), 3, 0.0f, C.data(), 2);
  });
  EXPECT_EQ(allocations, 0);
  EXPECT_FLOAT_EQ(C[0], 0.5f * 0.25f * 5);
}

// Dense<float> with the products through sgemm against Dense<float> through Eigen, on the
// first m columns of caches sized for m_max (outer stride != rows), with and without bias.
struct DensePass {
  Matrix<float> Z, dA_prev, dW, db;
};

template <bool Kernel>
DensePass dense_pass(int n_prev, int n, int m, int m_max, bool bias) {
  Parameters<float> params;
  Dense<float, Kernel> dense(1, n_prev, n, bias, params);
  params.allocate();
  std::mt19937 gen(3);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  for (Eigen::Index i = 0; i < params.size(); ++i) params.theta(i) = u(gen);
  Matrix<float> A_prev(n_prev, m_max), dZ(n, m_max), Z(n, m_max), dA(n_prev, m_max);
  for (Matrix<float>* X : {&A_prev, &dZ})
    for (Eigen::Index i = 0; i < X->size(); ++i) X->data()[i] = u(gen);
  Z.setConstant(kNaN);
  dA.setConstant(kNaN);
  params.dtheta.setConstant(kNaN);
  Ref<float> dA_m = dA.leftCols(m);
  const long allocations = descent_test::allocations_during([&] {
    dense.forward(params, A_prev.leftCols(m), Z.leftCols(m));
    dense.backward(params, A_prev.leftCols(m), dZ.leftCols(m), &dA_m);
  });
  if (Kernel) EXPECT_EQ(allocations, 0) << "the kernel's path allocates";
  DensePass r{Z.leftCols(m), dA.leftCols(m), params.grad(dense.W_id()), Matrix<float>()};
  if (bias) r.db = params.grad(dense.b_id());
  EXPECT_TRUE(Z.rightCols(m_max - m).array().isNaN().all()) << "columns past m written";
  return r;
}

double rel_diff(const Matrix<float>& X, const Matrix<float>& Y) {
  return (X - Y).cwiseAbs().maxCoeff() / std::max(1e-30f, Y.cwiseAbs().maxCoeff());
}

TEST(Gemm, DenseForwardAndBackwardThroughKernelMatchEigen) {
  struct Shape {
    int n_prev, n, m, m_max;
    bool bias;
  };
  for (Shape s : {Shape{784, 256, 64, 64, true}, Shape{128, 10, 50, 64, true},
                  Shape{8, 8, 30, 32, false}, Shape{8, 2, 7, 10, true},
                  Shape{2, 8, 10, 10, true}}) {
    SCOPED_TRACE(::testing::Message() << s.n << " x " << s.n_prev << ", m=" << s.m << " of "
                                      << s.m_max);
    const auto kernel = dense_pass<true>(s.n_prev, s.n, s.m, s.m_max, s.bias);
    const auto eigen = dense_pass<false>(s.n_prev, s.n, s.m, s.m_max, s.bias);
    const double tol = 1e-5 * std::sqrt(double(std::max(s.n_prev, s.m)));
    EXPECT_LE(rel_diff(kernel.Z, eigen.Z), tol);
    EXPECT_LE(rel_diff(kernel.dW, eigen.dW), tol);
    EXPECT_LE(rel_diff(kernel.dA_prev, eigen.dA_prev), tol);
    if (s.bias) EXPECT_LE(rel_diff(kernel.db, eigen.db), tol);
  }
}

}  // namespace
