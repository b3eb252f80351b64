// Interposes glibc's allocator for the binary it is linked into (see allocation_counter.h):
// the engine's tests and the native benchmark.
#include "allocation_counter.h"

#include <cstddef>

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
