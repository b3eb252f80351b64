// sgemm: C := alpha op(A) op(B) + beta C (see gemm.h). Column-major throughout.
// Shapes: op(A) (M x K), op(B) (K x N), C (M x N); a tile of C is (kMR x kNR).
// Loops, outermost first (BLIS): jc over N by nc, pc over K by kc (op(B) block packed),
// ic over M by mc (op(A) block packed), jr over nc by kNR, ir over mc by kMR: micro-kernel.
#include "core/gemm.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <vector>

#include "core/f32x4.h"

namespace descent::kernels {
namespace {

// The tile, 8 x 4: 8 accumulators, 2 vectors of a and 1 of b take 11 of the 15 xmm registers
// V8 gives WASM code on x64; 12 x 4 and 8 x 6 spill there and ran 10-60% slower.
constexpr int kMV = 2;         // vectors down a column of the tile
constexpr int kMR = 4 * kMV;   // rows of a tile of C
constexpr int kNR = 4;         // columns of a tile of C
constexpr int kKC = 256;       // depth of a packed block (a B micro-panel, kKC x kNR, fits L1)
constexpr int kMC = 128;       // rows of the packed op(A) block (kMC x kKC, in L2)
constexpr int kNC = 1024;      // columns of the packed op(B) block (kKC x kNC)
static_assert(kMC % kMR == 0 && kNC % kNR == 0, "blocks are whole panels");
// Blocks are split evenly (K = 784: 4 x 196). On the MLP's shapes, kKC 128..512 and kMC 128 or
// 256 measured within 2% of each other; these keep the static buffers at 1.1 MB.

// What one thread packs into: op(A) as kMR-row panels, op(B) as kNR-column panels, each
// k-major, and an edge tile. The caller's is static; each worker thread has its own.
struct Workspace {
  alignas(16) float packed_A[kMC * kKC];
  alignas(16) float packed_B[kKC * kNC];
  alignas(16) float tile[kNR][kMR];
};
Workspace serial_workspace;

// A workspace per worker thread of core/threads.h (none on one thread).
std::vector<std::unique_ptr<Workspace>> worker_workspaces;

// A product is split across threads from this many multiply-adds (M N K) on: below it, waking
// the workers costs more than they save (the 2-8-8-2 net's products are 10^2..10^3).
constexpr double kParallelWork = 1 << 19;

using Index = std::ptrdiff_t;

// Splits n into equal blocks of at most max_block, rounded up to a multiple of unit.
int block_size(int n, int max_block, int unit) {
  const int blocks = (n + max_block - 1) / max_block;
  const int size = (n + blocks - 1) / blocks;
  return std::min(max_block, (size + unit - 1) / unit * unit);
}

// op(A)(i0 : i0+mc, p0 : p0+kc) -> out, panel r at out + r kc: out[(r kc + p) kMR + i].
// Rows past mc are zero.
void pack_A(bool trans, const float* A, int lda, int i0, int mc, int p0, int kc, float* out) {
  for (int r = 0; r < mc; r += kMR, out += kc * kMR) {
    const int rows = std::min(kMR, mc - r);
    if (!trans) {  // op(A)(i, p) = A[i + p lda]: a panel row is contiguous
      const float* src = A + (i0 + r) + Index(p0) * lda;
      float* dst = out;
      for (int p = 0; p < kc; ++p, src += lda, dst += kMR) {
        if (rows == kMR) {
          for (int v = 0; v < kMV; ++v) store(dst + 4 * v, load(src + 4 * v));
        } else {
          for (int i = 0; i < kMR; ++i) dst[i] = i < rows ? src[i] : 0.0f;
        }
      }
    } else {  // op(A)(i, p) = A[p + i lda]: a row of op(A) is contiguous
      for (int i = 0; i < kMR; ++i) {
        if (i < rows) {
          const float* src = A + p0 + Index(i0 + r + i) * lda;
          for (int p = 0; p < kc; ++p) out[p * kMR + i] = src[p];
        } else {
          for (int p = 0; p < kc; ++p) out[p * kMR + i] = 0.0f;
        }
      }
    }
  }
}

// op(B)(p0 : p0+kc, j0 : j0+nc) -> out, panel c at out + c kc: out[(c kc + p) kNR + j].
// Columns past nc are zero.
void pack_B(bool trans, const float* B, int ldb, int p0, int kc, int j0, int nc, float* out) {
  for (int c = 0; c < nc; c += kNR, out += kc * kNR) {
    const int cols = std::min(kNR, nc - c);
    if (!trans) {  // op(B)(p, j) = B[p + j ldb]: a column of op(B) is contiguous
      for (int j = 0; j < kNR; ++j) {
        if (j < cols) {
          const float* src = B + p0 + Index(j0 + c + j) * ldb;
          for (int p = 0; p < kc; ++p) out[p * kNR + j] = src[p];
        } else {
          for (int p = 0; p < kc; ++p) out[p * kNR + j] = 0.0f;
        }
      }
    } else {  // op(B)(p, j) = B[j + p ldb]: a row of op(B) is contiguous
      const float* src = B + (j0 + c) + Index(p0) * ldb;
      float* dst = out;
      for (int p = 0; p < kc; ++p, src += ldb, dst += kNR) {
        if (cols == kNR) {
          store(dst, load(src));
        } else {
          for (int j = 0; j < kNR; ++j) dst[j] = j < cols ? src[j] : 0.0f;
        }
      }
    }
  }
}

// The (m x n) corner of C := alpha a b + beta C, with a: (kMR x kc) and b: (kc x kNR) packed
// k-major; m <= kMR, n <= kNR. The tile's kMV * kNR accumulators stay in registers. Not
// inlined: inlined, GCC keeps the caller's values in xmm registers and spills b's vector.
__attribute__((noinline)) void micro_kernel(int kc, const float* a, const float* b, float alpha,
                                            float beta, float* C, int ldc, int m, int n,
                                            float (*tile)[kMR]) {
  f32x4 acc[kNR][kMV];
  for (int j = 0; j < kNR; ++j)
    for (int v = 0; v < kMV; ++v) acc[j][v] = f32x4{};
  for (int p = 0; p < kc; ++p, a += kMR, b += kNR) {
    f32x4 av[kMV];
    for (int v = 0; v < kMV; ++v) av[v] = load(a + 4 * v);
    for (int j = 0; j < kNR; ++j) {
      const f32x4 bj = splat(b + j);
      for (int v = 0; v < kMV; ++v) acc[j][v] = add(acc[j][v], mul(av[v], bj));
    }
  }
  const f32x4 alpha4 = splat(&alpha), beta4 = splat(&beta);
  if (m == kMR && n == kNR) {
    for (int j = 0; j < kNR; ++j) {
      float* c = C + Index(j) * ldc;
      for (int v = 0; v < kMV; ++v) {
        const f32x4 ab = mul(alpha4, acc[j][v]);
        store(c + 4 * v, beta == 0.0f ? ab : add(ab, mul(beta4, load(c + 4 * v))));
      }
    }
    return;
  }
  // An edge tile: the whole of it here, then its corner. In the workspace: faster in V8 than a stack array.
  for (int j = 0; j < kNR; ++j)
    for (int v = 0; v < kMV; ++v) store(&tile[j][4 * v], mul(alpha4, acc[j][v]));
  for (int j = 0; j < n; ++j) {
    float* c = C + Index(j) * ldc;
    for (int i = 0; i < m; ++i) c[i] = beta == 0.0f ? tile[j][i] : tile[j][i] + beta * c[i];
  }
}

// C := beta C, not reading C when beta == 0.
void scale(int M, int N, float beta, float* C, int ldc) {
  for (int j = 0; j < N; ++j) {
    float* c = C + Index(j) * ldc;
    for (int i = 0; i < M; ++i) c[i] = beta == 0.0f ? 0.0f : beta * c[i];
  }
}

// C := alpha op(A) op(B) + beta C as dot products, for M < 4, where a tile is mostly padding.
void small_gemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A,
                int lda, const float* B, int ldb, float beta, float* C, int ldc) {
  const Index a_row = trans_a ? lda : 1, a_col = trans_a ? 1 : lda;  // op(A)(i, p) strides
  const Index b_row = trans_b ? ldb : 1, b_col = trans_b ? 1 : ldb;  // op(B)(p, j) strides
  for (int j = 0; j < N; ++j) {
    float* c = C + Index(j) * ldc;
    for (int i = 0; i < M; ++i) {
      const float* a = A + Index(i) * a_row;
      const float* b = B + Index(j) * b_col;
      float s[4] = {0.0f, 0.0f, 0.0f, 0.0f};  // four partial sums: independent additions
      int p = 0;
      for (; p + 4 <= K; p += 4)
        for (int u = 0; u < 4; ++u) s[u] += a[(p + u) * a_col] * b[(p + u) * b_row];
      for (; p < K; ++p) s[0] += a[p * a_col] * b[p * b_row];
      const float ab = alpha * ((s[0] + s[1]) + (s[2] + s[3]));
      c[i] = beta == 0.0f ? ab : ab + beta * c[i];
    }
  }
}

// The packed product on one thread, with its workspace (M >= 4, K >= 1, alpha != 0).
// Every element of C is summed in the same order whatever N is (the blocks of K and M do
// not depend on N), so a block of C's columns comes out bitwise as in the whole product.
void packed_gemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
                 const float* B, int ldb, float beta, float* C, int ldc, Workspace& ws) {
  const int kc_max = block_size(K, kKC, 1);
  const int mc_max = block_size(M, kMC, kMR);
  const int nc_max = block_size(N, kNC, kNR);
  for (int jc = 0; jc < N; jc += nc_max) {
    const int nc = std::min(nc_max, N - jc);
    for (int pc = 0; pc < K; pc += kc_max) {
      const int kc = std::min(kc_max, K - pc);
      pack_B(trans_b, B, ldb, pc, kc, jc, nc, ws.packed_B);
      const float beta_pc = pc == 0 ? beta : 1.0f;  // later blocks add to C
      for (int ic = 0; ic < M; ic += mc_max) {
        const int mc = std::min(mc_max, M - ic);
        pack_A(trans_a, A, lda, ic, mc, pc, kc, ws.packed_A);
        for (int jr = 0; jr < nc; jr += kNR)
          for (int ir = 0; ir < mc; ir += kMR)
            micro_kernel(kc, ws.packed_A + Index(ir) * kc, ws.packed_B + Index(jr) * kc, alpha, beta_pc,
                         C + (ic + ir) + Index(jc + jr) * ldc, ldc, std::min(kMR, mc - ir),
                         std::min(kNR, nc - jr), ws.tile);
      }
    }
  }
}

}  // namespace

void reserve_gemm_workspaces(int threads) {
  worker_workspaces.clear();
  for (int t = 1; t < threads; ++t) worker_workspaces.push_back(std::make_unique<Workspace>());
}

void sgemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
           const float* B, int ldb, float beta, float* C, int ldc) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0 || alpha == 0.0f) return scale(M, N, beta, C, ldc);
  // Fewer rows than a vector (a 1- or 2-unit output layer): dot products are faster there
  // (in V8, 1 x 30 x 8: 0.37 us against 0.86 us packed); from M = 4 on, packing wins.
  if (M < 4) return small_gemm(trans_a, trans_b, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
  const int T = threads();
  if (T == 1 || double(M) * N * K < kParallelWork || (N < 2 * kNR && M < 2 * kMR))
    return packed_gemm(trans_a, trans_b, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, serial_workspace);
  // One block of C per thread: of whole kMR-row panels when C is taller than wide (each thread
  // then packs only its rows of op(A), the larger operand, and all of op(B)), else of whole
  // kNR-column panels. Either way each element is computed by one thread, in the one-thread
  // order (packed_gemm's K blocks depend on K alone).
  const bool by_rows = M > N && M >= 2 * kMR;
  const int unit = by_rows ? kMR : kNR, extent = by_rows ? M : N;
  const int width = (extent + T - 1) / T;
  const int block = (width + unit - 1) / unit * unit;
  const int parts = (extent + block - 1) / block;
  auto part = [&](int t) {
    Workspace& ws = t == 0 ? serial_workspace : *worker_workspaces[size_t(t - 1)];
    const int first = t * block, size = std::min(block, extent - first);
    if (by_rows) {
      const float* A_i0 = trans_a ? A + Index(first) * lda : A + first;  // op(A)(first, :)
      packed_gemm(trans_a, trans_b, size, N, K, alpha, A_i0, lda, B, ldb, beta, C + first, ldc, ws);
    } else {
      const float* B_j0 = trans_b ? B + first : B + Index(first) * ldb;  // op(B)(:, first)
      packed_gemm(trans_a, trans_b, M, size, K, alpha, A, lda, B_j0, ldb, beta, C + Index(first) * ldc, ldc, ws);
    }
  };
  run_parts(parts, part);
}

}  // namespace descent::kernels
