#pragma once
// Counts heap allocations in the engine's test binary. allocation_counter_test.cpp
// interposes glibc's malloc, calloc and realloc (Eigen allocates with std::malloc, and
// libstdc++'s operator new ends in malloc too), so every heap allocation bumps the counter.
// Not under sanitizers (they bring their own malloc) nor off glibc: tests then skip.
#include <atomic>
#include <cstdlib>  // defines __GLIBC__

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define DESCENT_NO_ALLOCATION_COUNTER
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || !defined(__GLIBC__)
#define DESCENT_NO_ALLOCATION_COUNTER
#endif

namespace descent_test {

extern std::atomic<long> allocations;

#ifdef DESCENT_NO_ALLOCATION_COUNTER
constexpr bool kCountsAllocations = false;
#else
constexpr bool kCountsAllocations = true;
#endif

// Allocations made while fn runs.
template <class Fn>
long allocations_during(Fn&& fn) {
  const long before = allocations.load();
  fn();
  return allocations.load() - before;
}

}  // namespace descent_test
