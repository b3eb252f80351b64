#pragma once
// A single-precision matrix product for the WASM build, where Eigen 3.4 does not vectorise:
//   C := alpha op(A) op(B) + beta C,   op(X) = X or X^T
//   op(A): (M x K)   op(B): (K x N)   C: (M x N)
// BLAS sgemm semantics: column-major, lda/ldb/ldc are the leading dimensions (outer strides)
// of the stored A, B and C; beta == 0 means C is not read (whatever it holds, NaN included);
// alpha == 0 or K == 0 means A and B are not read.
// A Goto/BLIS design (Goto & van de Geijn, "Anatomy of High-Performance Matrix
// Multiplication", ACM TOMS 2008; Van Zee & van de Geijn, "BLIS", ACM TOMS 2015): op(A) and
// op(B) are packed into panels, which absorbs the transposes, and one register-blocked
// micro-kernel with 128-bit SIMD does the arithmetic (WASM SIMD, or SSE through GCC/Clang
// vector extensions natively, so the same code is tested natively).
// Threads (core/threads.h): a product large enough to pay is split into blocks of C's rows
// (C taller than wide) or columns, one per thread, each element computed by one thread in the
// same order as on one thread, so C is bitwise the same for any thread count. Never
// allocates per call: the packing buffers are made once (static, and one per worker
// thread), so calls must not run concurrently.
#include "core/threads.h"

namespace descent::kernels {

void sgemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
           const float* B, int ldb, float beta, float* C, int ldc);

// For set_threads: a packing workspace for each of threads - 1 workers, made here, not per call.
void reserve_gemm_workspaces(int threads);

}  // namespace descent::kernels
