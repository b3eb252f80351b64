#include "bench/benchmark.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/gemm.h"
#include "init/init.h"
#include "optim/optimizer_config.h"
#include "spec/answer.h"
#include "spec/fields.h"
#include "spec/spec.h"
#include "train/train_step.h"

namespace descent {
namespace {

using Clock = std::chrono::steady_clock;
using T = float;
constexpr double kChunkSeconds = 1e-3;  // steps between clock reads grow until a chunk takes this

struct Workload {
  std::string id;
  std::vector<int> layers;  // n_x, n_1, .., n_L
  int batch = 1, examples = 1;
  OptimizerSpec optimizer;
  uint64_t seed = 1;
  int warmup_steps = 20, repeats = 5;
  double warmup_seconds = 0.5, seconds = 2;
  int threads = 1;  // the product kernel's (core/gemm.h): 1 where the build has none
};

// Floating-point operations of a step's products (a multiply and an add per multiply-add):
// per layer W A_prev, dW = dZ A_prev^T and, past the first layer, dA_prev = W^T dZ, each
// n_l n_{l-1} m multiply-adds (layers/dense.h). The rest of a step is O(parameters).
double flops_per_step(const Workload& w) {
  double flops = 0;
  for (size_t l = 1; l < w.layers.size(); ++l)
    flops += 2.0 * w.layers[l] * w.layers[l - 1] * w.batch * (l == 1 ? 2 : 3);
  return flops;
}

// Sets the kernel's threads for one benchmark and puts back what was there after it.
class ThreadsFor {
 public:
  explicit ThreadsFor(int threads) : before_(kernels::threads()), used_(kernels::set_threads(threads)) {}
  ~ThreadsFor() { kernels::set_threads(before_); }
  ThreadsFor(const ThreadsFor&) = delete;
  ThreadsFor& operator=(const ThreadsFor&) = delete;
  int used() const { return used_; }

 private:
  int before_, used_;
};

Workload parse(const nlohmann::json& request) {
  Fields f(request, "");
  Workload w;
  w.id = f.text("id", "", 64);
  f.text("name", "", 200);  // for people; not used
  const nlohmann::json* layers = f.array("layers");
  if (!layers || layers->size() < 2 || layers->size() > 32)
    throw SpecError("layers", layers ? Fields::show(*layers) : "missing",
                    "allowed: an array of 2 to 32 layer sizes, inputs first");
  for (size_t l = 0; l < layers->size(); ++l) {
    const auto& n = (*layers)[l];
    if (!n.is_number_integer() || n.get<long long>() < 1 || n.get<long long>() > 4096)
      throw SpecError(Fields::element("layers", l), Fields::show(n), "allowed: a whole number from 1 to 4096");
    w.layers.push_back(n.get<int>());
  }
  w.batch = f.integer("batch", 32, 1, 4096);
  w.examples = f.integer("examples", 1024, 1, 1000000);
  if (w.examples < w.batch)
    throw SpecError("examples", std::to_string(w.examples), "allowed: at least one batch (" +
                                                                std::to_string(w.batch) + ") of examples");
  if (1LL * w.examples * w.layers.front() > 50'000'000LL)
    throw SpecError("examples", std::to_string(w.examples),
                    "allowed: examples x inputs up to 50 million values");
  Fields o = f.object("optimizer");
  w.optimizer = read_optimizer(o, OptimizerSpec{});
  o.finish();
  w.seed = static_cast<uint64_t>(f.whole("seed", 1, 0, 9007199254740991.0));
  w.warmup_steps = f.integer("warmup_steps", 20, 0, 1000000);
  w.warmup_seconds = f.number("warmup_seconds", 0.5, 0.0, 600.0);
  w.seconds = f.number("seconds", 2.0, 0.0, 600.0, /*lo_open=*/true);
  w.repeats = f.integer("repeats", 5, 1, 100);
  w.threads = f.integer("threads", 1, 1, kernels::kMaxThreads);
  f.finish();
  return w;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class Run {
 public:
  explicit Run(const Workload& w) : w_(w), net_(w.layers.front(), configs(w.layers)) {
    Rng rng(w.seed);
    const int n_x = w.layers.front(), n_L = w.layers.back();
    X_ = Matrix<T>(n_x, w.examples);  // (n_x x examples), N(0, 1)
    for (Eigen::Index i = 0; i < X_.size(); ++i) X_.data()[i] = static_cast<T>(rng.normal());
    Y_ = Matrix<T>::Zero(n_L, w.examples);  // (n_L x examples): one-hot, or 0/1 for one unit
    const int classes = n_L == 1 ? 2 : n_L;
    for (int i = 0; i < w.examples; ++i) {
      const int label = std::min(classes - 1, static_cast<int>(rng.uniform() * classes));
      if (n_L == 1)
        Y_(0, i) = static_cast<T>(label);
      else
        Y_(label, i) = T(1);
    }
    initialize(net_.layers, net_.params, InitScheme::he, 1.0, rng);
    net_.reserve(w.batch);
    optimizer_ = make_optimizer<T>(w.optimizer.config, net_.params.size());
    X_batch_.resize(n_x, w.batch);
    Y_batch_.resize(n_L, w.batch);
    theta_good_ = net_.params.theta;
    batches_ = w.examples / w.batch;
  }

  // One step on the next batch, in order, cycling; the batch is gathered as the session does.
  double step() {
    const int first = (step_++ % batches_) * w_.batch;
    X_batch_ = X_.middleCols(first, w_.batch);
    Y_batch_ = Y_.middleCols(first, w_.batch);
    const double loss = forward_batch<T>(net_, X_batch_, Y_batch_, nullptr);
    if (!update_batch<T>(net_, *optimizer_, X_batch_, Y_batch_, loss, static_cast<T>(w_.optimizer.learning_rate),
                         theta_good_))
      throw SpecError("optimizer.learning_rate", std::to_string(w_.optimizer.learning_rate),
                      "the workload diverged at step " + std::to_string(step_) +
                          "; allowed: a rate at which it trains");
    return loss;
  }

  Eigen::Index parameters() const { return net_.params.size(); }

 private:
  static std::vector<LayerConfig> configs(const std::vector<int>& layers) {
    std::vector<LayerConfig> c;
    for (size_t l = 1; l < layers.size(); ++l) {
      LayerConfig layer;
      layer.units = layers[l];
      const bool output = l + 1 == layers.size();
      layer.activation = !output ? Activation::relu : layers[l] == 1 ? Activation::sigmoid : Activation::softmax;
      c.push_back(layer);
    }
    return c;
  }

  const Workload& w_;
  Network<T> net_;
  std::unique_ptr<Optimizer<T>> optimizer_;
  Matrix<T> X_, Y_;              // the data: (n_x x examples), (n_L x examples)
  Matrix<T> X_batch_, Y_batch_;  // (n_x x batch), (n_L x batch)
  Vector<T> theta_good_;         // (P)
  long long step_ = 0;
  int batches_ = 1;
};

}  // namespace

std::string benchmark(const std::string& request_json, const std::function<long long()>& allocations) {
  return guarded([&] {
    const nlohmann::json request = nlohmann::json::parse(request_json, nullptr, /*allow_exceptions=*/false);
    if (!request.is_object())
      return failure("", request_json.substr(0, 80), "allowed: a JSON object", "the request is not a JSON object");
    const Workload w = parse(request);
    const ThreadsFor threads(w.threads);  // made before the run, so its pool is not counted per step
    Run run(w);

    const double loss_first = run.step();
    const Clock::time_point warm = Clock::now();
    for (int s = 1; s < w.warmup_steps || seconds_since(warm) < w.warmup_seconds; ++s) run.step();

    nlohmann::json repeats = nlohmann::json::array();
    std::vector<double> ms;
    long long steps_total = 0, allocated = 0;
    double loss_last = 0;
    for (int r = 0; r < w.repeats; ++r) {
      long long steps = 0, chunk = 1;
      const long long allocations_before = allocations ? allocations() : 0;  // the steps' own
      const Clock::time_point start = Clock::now();
      double elapsed = 0;
      do {  // the clock is read once per chunk: in a browser a read costs ~1 us, a step of (b) 3
        for (long long i = 0; i < chunk; ++i) loss_last = run.step();
        steps += chunk;
        const double before = elapsed;
        elapsed = seconds_since(start);
        if (elapsed - before < kChunkSeconds && chunk < (1 << 20)) chunk *= 2;
      } while (elapsed < w.seconds);
      if (allocations) allocated += allocations() - allocations_before;
      steps_total += steps;
      ms.push_back(1e3 * elapsed / static_cast<double>(steps));
      repeats.push_back({{"steps", steps}, {"seconds", elapsed}, {"ms_per_step", ms.back()}});
    }

    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    const double median = n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    const double flops = flops_per_step(w);
    nlohmann::json answer = {{"ok", true},         {"id", w.id},
                             {"parameters", run.parameters()},
                             {"ms_per_step", median}, {"repeats", repeats},
                             {"loss_first", loss_first}, {"loss_last", loss_last},
                             {"threads", threads.used()}, {"flops_per_step", flops},
                             {"gflops", flops / (median * 1e-3) * 1e-9}};
    if (allocations)
      answer["allocations_per_step"] =
          static_cast<double>(allocated) / static_cast<double>(steps_total);
    return answer.dump();
  });
}

}  // namespace descent
