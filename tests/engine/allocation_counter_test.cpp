// Interposes glibc's allocator for the test binary (see allocation_counter.h).
#include "allocation_counter.h"

#include <cstddef>
#include <vector>

#include <Eigen/Core>
#include <gtest/gtest.h>

std::atomic<long> descent_test::allocations{0};

#ifndef DESCENT_NO_ALLOCATION_COUNTER
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);

void* malloc(std::size_t size) noexcept {
  descent_test::allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
void* calloc(std::size_t n, std::size_t size) noexcept {
  descent_test::allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t size) noexcept {
  descent_test::allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, size);
}
}
#endif

TEST(AllocationCounter, CountsNewAndEigenAllocations) {
  if (!descent_test::kCountsAllocations) GTEST_SKIP() << "no allocation counter in this build";
  EXPECT_EQ(descent_test::allocations_during([] { std::vector<int> v(100); v[0] = 1; }), 1);
  EXPECT_EQ(descent_test::allocations_during([] { Eigen::MatrixXf M(30, 30); M.setZero(); }), 1);
  Eigen::MatrixXf A = Eigen::MatrixXf::Random(30, 30), B = A, C(30, 30);
  EXPECT_EQ(descent_test::allocations_during([&] { C.noalias() = A.transpose() * B; }), 0);
}
