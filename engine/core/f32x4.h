#pragma once
// Four floats in one 128-bit register, and the five operations the product kernel
// (core/gemm.cpp) and the benchmark's peak kernel (bench/simd_peak.cpp) use: WASM SIMD128
// intrinsics in the WASM build, GCC/Clang vector extensions natively (SSE), so the same code
// is tested natively. WASM SIMD128 has no fused multiply-add: a multiply-add is mul then add.
#include <cstring>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace descent::kernels {

#ifdef __wasm_simd128__
using f32x4 = v128_t;
inline f32x4 load(const float* p) { return wasm_v128_load(p); }
inline void store(float* p, f32x4 v) { wasm_v128_store(p, v); }
inline f32x4 splat(const float* p) { return wasm_v128_load32_splat(p); }
inline f32x4 add(f32x4 a, f32x4 b) { return wasm_f32x4_add(a, b); }
inline f32x4 mul(f32x4 a, f32x4 b) { return wasm_f32x4_mul(a, b); }
#else
typedef float f32x4 __attribute__((vector_size(16)));  // GCC/Clang vector extension
inline f32x4 load(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, f32x4 v) { std::memcpy(p, &v, sizeof v); }
inline f32x4 splat(const float* p) { return f32x4{*p, *p, *p, *p}; }
inline f32x4 add(f32x4 a, f32x4 b) { return a + b; }
inline f32x4 mul(f32x4 a, f32x4 b) { return a * b; }
#endif

}  // namespace descent::kernels
