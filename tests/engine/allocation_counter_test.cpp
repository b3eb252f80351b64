// The allocation counter counts what it should (the counter: allocation_counter.cpp).
#include "allocation_counter.h"

#include <vector>

#include <Eigen/Core>
#include <gtest/gtest.h>

TEST(AllocationCounter, CountsNewAndEigenAllocations) {
  if (!descent_test::kCountsAllocations) GTEST_SKIP() << "no allocation counter in this build";
  EXPECT_EQ(descent_test::allocations_during([] { std::vector<int> v(100); v[0] = 1; }), 1);
  EXPECT_EQ(descent_test::allocations_during([] { Eigen::MatrixXf M(30, 30); M.setZero(); }), 1);
  Eigen::MatrixXf A = Eigen::MatrixXf::Random(30, 30), B = A, C(30, 30);
  EXPECT_EQ(descent_test::allocations_during([&] { C.noalias() = A.transpose() * B; }), 0);
}
