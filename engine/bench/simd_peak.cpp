// The peak kernel: the product kernel's own inner loop (core/gemm.cpp: an 8 x 4 tile of C in
// 8 registers, c += a * splat(b), 2 loads of a and 4 splats of b per step of depth) on
// packed panels small enough to stay in L1, so no memory traffic limits it: what the kernel
// could reach if every operand were at hand. (Chains of acc = acc * x + y, tried first,
// measured 7 GFLOP/s in V8 against 52 for this: a chain's latency, not the ports, bound it.)
#include "bench/simd_peak.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/f32x4.h"
#include "spec/answer.h"
#include "spec/fields.h"

namespace descent {
namespace {

using Clock = std::chrono::steady_clock;
using kernels::add;
using kernels::f32x4;
using kernels::load;
using kernels::mul;
using kernels::splat;

constexpr int kDepth = 64;                        // steps of depth per pass: 3 KiB of panels
constexpr double kFlopsPerPass = kDepth * 8 * 4 * 2;  // 8 x 4 multiply-adds a step

struct Panels {
  alignas(16) float a[kDepth * 8];  // (8 x kDepth), k-major, as pack_A lays it out
  alignas(16) float b[kDepth * 4];  // (kDepth x 4), k-major, as pack_B lays it out
};

// Not inlined: a JIT (V8's) swaps in its optimised code between calls, never during one, so
// the measurement must be many calls.
__attribute__((noinline)) float run(const Panels& p, long long passes) {
  f32x4 c[8];
  for (int i = 0; i < 8; ++i) c[i] = load(p.a + 4 * (i % 2));
  for (long long r = 0; r < passes; ++r) {
    const float* a = p.a;
    const float* b = p.b;
    for (int k = 0; k < kDepth; ++k, a += 8, b += 4) {
      const f32x4 a0 = load(a), a1 = load(a + 4);
      f32x4 bj = splat(b);
      c[0] = add(c[0], mul(a0, bj));
      c[1] = add(c[1], mul(a1, bj));
      bj = splat(b + 1);
      c[2] = add(c[2], mul(a0, bj));
      c[3] = add(c[3], mul(a1, bj));
      bj = splat(b + 2);
      c[4] = add(c[4], mul(a0, bj));
      c[5] = add(c[5], mul(a1, bj));
      bj = splat(b + 3);
      c[6] = add(c[6], mul(a0, bj));
      c[7] = add(c[7], mul(a1, bj));
    }
  }
  f32x4 sum = c[0];
  for (int i = 1; i < 8; ++i) sum = add(sum, c[i]);
  float lanes[4];
  kernels::store(lanes, sum);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}

}  // namespace

std::string simd_peak(const std::string& request_json) {
  return guarded([&] {
    const nlohmann::json request = nlohmann::json::parse(request_json, nullptr, /*allow_exceptions=*/false);
    if (!request.is_object())
      return failure("", request_json.substr(0, 80), "allowed: a JSON object", "the request is not a JSON object");
    Fields f(request, "");
    const double seconds = f.number("seconds", 0.5, 0.05, 60.0);
    const int repeats = f.integer("repeats", 3, 1, 20);
    f.finish();

    Panels panels;  // small values: the sums stay finite and normal for any run
    for (int i = 0; i < kDepth * 8; ++i) panels.a[i] = 1e-3f * static_cast<float>(i % 7);
    for (int i = 0; i < kDepth * 4; ++i) panels.b[i] = 1e-3f * static_cast<float>(i % 5);
    volatile float sink = 0;
    for (int i = 0; i < 20; ++i) sink = sink + run(panels, 2000);  // warm-up: a JIT's tier-up
    nlohmann::json runs = nlohmann::json::array();
    double best = 0;
    for (int r = 0; r < repeats; ++r) {
      long long passes = 0, chunk = 256;
      const Clock::time_point start = Clock::now();
      double elapsed = 0;
      while (elapsed < seconds) {
        sink = sink + run(panels, chunk);
        passes += chunk;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        if (elapsed < 0.01 * seconds) chunk *= 2;
      }
      const double gflops = kFlopsPerPass * static_cast<double>(passes) / elapsed * 1e-9;
      best = std::max(best, gflops);
      runs.push_back({{"gflops", gflops}, {"seconds", elapsed}});
    }
    return nlohmann::json{{"ok", true}, {"gflops", best}, {"repeats", runs}, {"depth", kDepth},
                          {"flops_per_pass", kFlopsPerPass}}
        .dump();
  });
}

}  // namespace descent
