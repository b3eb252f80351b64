// descent_bench REQUEST_JSON: runs one benchmark workload natively and prints the engine's
// JSON answer, with the heap allocations per timed step counted by the interposed malloc.
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "allocation_counter.h"
#include "bench/benchmark.h"
#include "bench/simd_peak.h"

int main(int argc, char** argv) {
  CLI::App app{"Times one workload of bench/workloads.json natively (see bench/run.mjs)."};
  std::string request;
  bool peak = false;
  app.add_option("request", request, "the workload request, JSON (a workload merged with the defaults)")
      ->required();
  app.add_flag("--peak", peak, "measure one core's SIMD peak instead (the request: {seconds, repeats})");
  CLI11_PARSE(app, argc, argv);
  if (peak) {
    const std::string answer = descent::simd_peak(request);
    std::puts(answer.c_str());
    return nlohmann::json::parse(answer).value("ok", false) ? 0 : 1;
  }

  std::function<long long()> allocations;
  if (descent_test::kCountsAllocations) allocations = [] { return static_cast<long long>(descent_test::allocations.load()); };
  const std::string answer = descent::benchmark(request, allocations);
  std::puts(answer.c_str());
  return nlohmann::json::parse(answer).value("ok", false) ? 0 : 1;
}
