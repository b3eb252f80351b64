#include "core/thread_pool.h"

namespace descent {
namespace {

// How long a waiting thread polls before it sleeps: about 1 ms, longer than the gaps between
// the products of a step (the optimizer's update among them). In WASM a sleeping thread is
// woken through Atomics.notify, which costs more than a short product: with 2^14 polls (about
// 20 us) the MNIST-shaped MLP's step took 1.69 ms on 2 threads against 1.33 ms with these.
constexpr int kSpins = 1 << 20;

template <class Ready>
bool spin(Ready ready) {
  for (int i = 0; i < kSpins; ++i)
    if (ready()) return true;
  return false;
}

}  // namespace

ThreadPool::ThreadPool(int threads) {
  try {
    for (int t = 1; t < threads; ++t) workers_.emplace_back(&ThreadPool::work, this, t);
  } catch (...) {  // no thread to be had (a build without threads): those made are joined
    stop();
    throw;
  }
}

ThreadPool::~ThreadPool() { stop(); }

void ThreadPool::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    generation_.fetch_add(1);
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

void ThreadPool::run(int parts, void (*call)(void*, int), void* context) {
  if (parts <= 1 || workers_.empty()) {
    for (int t = 0; t < parts; ++t) call(context, t);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    parts_ = parts;
    call_ = call;
    context_ = context;
    pending_.store(parts - 1);
    generation_.fetch_add(1);  // publishes the loop to the workers
  }
  wake_.notify_all();
  call(context, 0);
  if (spin([&] { return pending_.load() == 0; })) return;
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return pending_.load() == 0; });
}

void ThreadPool::work(int t) {
  unsigned seen = 0;
  for (;;) {
    if (!spin([&] { return generation_.load() != seen; })) {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return generation_.load() != seen; });
    }
    int parts;
    void (*call)(void*, int);
    void* context;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stop_) return;
      seen = generation_.load();
      parts = parts_;
      call = call_;
      context = context_;
    }
    if (t >= parts) continue;  // a loop of fewer parts than threads: nothing for this one
    call(context, t);
    if (pending_.fetch_sub(1) == 1) {
      std::lock_guard<std::mutex> lock(mutex_);
      done_.notify_one();
    }
  }
}

}  // namespace descent
