#pragma once
// A fixed set of threads, made once and kept, that run the parts of one parallel loop: part 0
// on the calling thread, part t on worker t. A part always runs on the same thread, and the
// caller returns when every part is done. Nothing is allocated per loop (the task is passed
// by pointer, not wrapped in a std::function), so a training step stays allocation-free.
// Workers spin briefly for the next loop before they sleep: a training step runs a few dense
// products back to back, and a wake-up from sleep costs more than a short product.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace descent {

class ThreadPool {
 public:
  // threads >= 1: the caller and threads - 1 workers. Throws std::system_error when a thread
  // cannot be made (a build without threads), having joined those it made.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Runs part(t) for t in [0, parts), parts <= threads(); returns when all are done. Not
  // reentrant: one loop at a time, from one calling thread.
  template <class Part>
  void run(int parts, Part& part) {
    run(parts, [](void* p, int t) { (*static_cast<Part*>(p))(t); }, &part);
  }
  void run(int parts, void (*call)(void*, int), void* context);

 private:
  void work(int t);
  void stop();  // ends and joins the workers

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::atomic<unsigned> generation_{0};  // one more per loop: a worker's signal to start
  std::atomic<int> pending_{0};          // parts of the current loop not yet finished
  int parts_ = 0;
  void (*call_)(void*, int) = nullptr;
  void* context_ = nullptr;
  bool stop_ = false;
};

}  // namespace descent
