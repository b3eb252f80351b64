#pragma once
// The engine's side of the performance benchmark (bench/): trains one workload of
// bench/workloads.json on fixed random data and times its mini-batch steps. The same code
// runs natively, in WASM under Node and in a browser's worker, so every side times one
// thing: forward_batch + update_batch, as the session runs them.
#include <functional>
#include <string>

namespace descent {

// Request: {id, name, layers: [n_x, n_1, .., n_L], batch, examples, optimizer: {name,
// learning_rate, beta1, beta2, epsilon}, seed, warmup_steps, warmup_seconds, seconds, repeats,
// threads (the product kernel's, 1 to 16; default 1)}.
// Answer: {ok, id, parameters, ms_per_step (median over repeats), repeats: [{steps, seconds,
// ms_per_step}], loss_first, loss_last, threads (those used: 1 in a build without threads),
// flops_per_step (the products'), gflops (at the median)[, allocations_per_step]} or
// {ok: false, error}.
// allocations, when given, counts the host's heap allocations so far: the answer then says
// how many the timed steps made per step.
std::string benchmark(const std::string& request_json,
                      const std::function<long long()>& allocations = {});

}  // namespace descent
