#include "core/threads.h"

#include <algorithm>
#include <memory>
#include <system_error>

#include "core/gemm.h"
#include "core/thread_pool.h"

namespace descent::kernels {
namespace {

std::unique_ptr<ThreadPool> pool;  // none on one thread

}  // namespace

int set_threads(int threads) {
  threads = std::clamp(threads, 1, kMaxThreads);
  if (threads == kernels::threads()) return threads;
  pool.reset();  // joins the old workers before their workspaces go
  if (threads > 1) {
    try {
      pool = std::make_unique<ThreadPool>(threads);
    } catch (const std::system_error&) {  // a build or host without threads: one it is
      threads = 1;
    }
  }
  reserve_gemm_workspaces(threads);
  return threads;
}

int threads() { return pool ? pool->threads() : 1; }

void run_parts(int parts, void (*call)(void*, int), void* context) {
  if (pool) return pool->run(parts, call, context);
  for (int t = 0; t < parts; ++t) call(context, t);
}

}  // namespace descent::kernels
