#pragma once
// A run that would not fit the engine's memory is refused before anything is allocated, with
// the size asked for and the limit: in WebAssembly a failed allocation leaves the memory grown
// to its 1 GB maximum for the worker's life, and a native host would swap. The estimate counts
// the large buffers a Session allocates; the limit is the same on every host, so a spec that
// loads in the native runner also loads in the browser.
#include <string>

#include "data/split.h"
#include "spec/spec.h"

namespace descent {

constexpr double kMemoryLimitBytes = 1024.0 * 1024 * 1024;   // -sMAXIMUM_MEMORY=1GB (bindings/)
constexpr double kMemoryReserveBytes = 96.0 * 1024 * 1024;   // the engine's code, stack and data sets

struct MemoryEstimate {
  double parameters = 0;   // theta and its companions: dtheta, v, s, theta0, theta_good, theta_best
  double activations = 0;  // per-layer caches for the largest pass (a whole set at evaluation)
  double data = 0;         // the splits, in double, and their float copies
  long long parameter_count = 0;
  int m_max = 0;           // examples in the largest pass
  double total() const { return parameters + activations + data; }
};

// spec.batch_size already resolved (0 = the whole training set replaced by its size).
MemoryEstimate estimate_memory(const Spec& spec, const Splits& s);

// Throws SpecError on "layers" when the estimate passes the limit less the reserve.
void check_memory(const Spec& spec, const Splits& s);

// 1536 MB, 12.5 MB, 640 kB: a size for people.
std::string show_bytes(double bytes);

}  // namespace descent
