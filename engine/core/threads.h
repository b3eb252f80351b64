#pragma once
// The engine's threads: one pool (core/thread_pool.h), made by set_threads and kept, shared by
// the dense products (core/gemm.h) and the elementwise passes of a step (the optimizer's
// update, the copy and check of the weights). Every split gives each output element to one
// thread, computed in the one-thread order, so results are bitwise the same for any count.
// Not reentrant: one parallel loop at a time, from the thread that trains.
#include <cstddef>

namespace descent::kernels {

inline constexpr int kMaxThreads = 16;

// Uses `threads` threads (clamped to 1..kMaxThreads) from now on: the pool is made here,
// once, and kept; 1 ends it. Returns the threads in use: 1 where no thread can be made (the
// single-threaded WASM build). Call between steps, not during one.
int set_threads(int threads);
int threads();

// Runs part(t) for t in [0, parts), parts <= threads(), part 0 on the calling thread and
// part t always on the same worker; returns when every part is done.
void run_parts(int parts, void (*call)(void*, int), void* context);
template <class Part>
void run_parts(int parts, Part& part) {
  run_parts(parts, [](void* p, int t) { (*static_cast<Part*>(p))(t); }, &part);
}

// An elementwise pass over [0, n): range(begin, end) once per thread on contiguous blocks of
// whole multiples of 16 elements (a vectorised pass splits where its vectors do), or once on
// [0, n) below `grain` elements or on one thread.
template <class Range>
void parallel_ranges(std::ptrdiff_t n, std::ptrdiff_t grain, Range&& range) {
  const int T = threads();
  if (T == 1 || n < grain) return range(std::ptrdiff_t(0), n);
  const std::ptrdiff_t block = ((n + T - 1) / T + 15) / 16 * 16;
  auto part = [&](int t) {
    const std::ptrdiff_t begin = t * block;
    range(begin, begin + block < n ? begin + block : n);
  };
  run_parts(int((n + block - 1) / block), part);
}

// From this many elements an elementwise pass is split across the threads; below it (the
// small networks' few hundred parameters) the pass stays on the calling thread, where it
// costs less than handing it over.
inline constexpr std::ptrdiff_t kParallelElements = 1 << 15;

}  // namespace descent::kernels
