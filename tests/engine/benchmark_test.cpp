// The benchmark's engine side (engine/bench): the repo's workloads run, their timed steps
// allocate nothing, and a bad request is answered with the field, the value and what is allowed.
#include <cmath>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "allocation_counter.h"
#include "bench/benchmark.h"

using nlohmann::json;

namespace {

json workloads() {
  std::ifstream in(DESCENT_BENCH_DIR "/workloads.json");
  return json::parse(in);
}

// A workload of bench/workloads.json, timed briefly.
json request(const std::string& id) {
  const json file = workloads();
  for (const json& w : file["workloads"])
    if (w["id"] == id) {
      json r = w;
      r.update({{"seed", 1}, {"warmup_steps", 5}, {"warmup_seconds", 0}, {"seconds", 0.05}, {"repeats", 2}});
      return r;
    }
  ADD_FAILURE() << "no workload " << id;
  return {};
}

json run(const json& r) {
  std::function<long long()> count;
  if (descent_test::kCountsAllocations) count = [] { return static_cast<long long>(descent_test::allocations.load()); };
  return json::parse(descent::benchmark(r.dump(), count));
}

}  // namespace

class BenchmarkWorkload : public ::testing::TestWithParam<std::string> {};

TEST_P(BenchmarkWorkload, TrainsAndItsTimedStepsAllocateNothing) {
  const json answer = run(request(GetParam()));
  ASSERT_TRUE(answer["ok"].get<bool>()) << answer.dump();
  EXPECT_EQ(answer["id"], GetParam());
  ASSERT_EQ(answer["repeats"].size(), 2u);
  for (const json& r : answer["repeats"]) {
    EXPECT_GE(r["steps"].get<long long>(), 1);
    EXPECT_GE(r["seconds"].get<double>(), 0.05);
  }
  EXPECT_GT(answer["ms_per_step"].get<double>(), 0.0);
  EXPECT_TRUE(std::isfinite(answer["loss_last"].get<double>()));
  EXPECT_GT(answer["loss_first"].get<double>(), 0.0);
  if (!descent_test::kCountsAllocations) GTEST_SKIP() << "no allocation counter in this build";
  EXPECT_EQ(answer["allocations_per_step"].get<double>(), 0.0);
}

INSTANTIATE_TEST_SUITE_P(Workloads, BenchmarkWorkload, ::testing::Values("a", "b", "c"));

TEST(Benchmark, CountsParametersOfTheNetwork) {
  const json answer = run(request("b"));  // 2-8-8-2: (2+1)8 + (8+1)8 + (8+1)2
  ASSERT_TRUE(answer["ok"].get<bool>()) << answer.dump();
  EXPECT_EQ(answer["parameters"], 24 + 72 + 18);
}

TEST(Benchmark, SameSeedSameLosses) {
  json r = request("c");
  r["warmup_steps"] = 10;
  const json x = run(r), y = run(r);
  EXPECT_EQ(x["loss_first"], y["loss_first"]);  // the data and the first step are the seed's
}

TEST(Benchmark, BadRequestsNameTheFieldAndWhatIsAllowed) {
  struct Case {
    json change;
    std::string field, allowed_part;
  };
  const std::vector<Case> cases = {
      {{{"layers", json::array({784})}}, "layers", "2 to 32"},
      {{{"layers", json::array({784, 0, 10})}}, "layers[1]", "1 to 4096"},
      {{{"batch", 0}}, "batch", "1"},
      {{{"examples", 10}, {"batch", 64}}, "examples", "at least one batch"},
      {{{"seconds", 0}}, "seconds", ""},
      {{{"repeats", 1000}}, "repeats", "100"},
      {{{"speed", 2}}, "speed", ""},
  };
  for (const Case& c : cases) {
    json r = request("a");
    r.update(c.change);
    const json answer = run(r);
    ASSERT_FALSE(answer["ok"].get<bool>()) << c.change.dump();
    EXPECT_EQ(answer["error"]["field"], c.field) << answer.dump();
    EXPECT_NE(answer["error"]["allowed"].get<std::string>().find(c.allowed_part), std::string::npos)
        << answer.dump();
  }
  const json not_json = json::parse(descent::benchmark("[1, 2"));
  EXPECT_FALSE(not_json["ok"].get<bool>());
  EXPECT_NE(not_json["error"]["allowed"].get<std::string>().find("JSON object"), std::string::npos);
}
