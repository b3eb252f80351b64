#pragma once
// The benchmark's yardstick: what one core of this machine computes at most with the
// product kernel's instructions (128-bit SIMD multiply and add, core/f32x4.h), measured by
// a kernel in the same build, so Descent's GFLOP/s can be read as a fraction of the limit.
#include <string>

namespace descent {

// Request: {seconds (how long to measure, 0.05 to 60; default 0.5), repeats (1 to 20; 3)}.
// Answer: {ok, gflops (the best of the repeats), repeats: [{gflops, seconds}], depth,
// flops_per_pass} or {ok: false, error}. One thread: the peak per core.
std::string simd_peak(const std::string& request_json);

}  // namespace descent
