// A run too large for the engine's memory is refused before allocation, naming the size asked
// for and the limit; runs of the playground's sizes are far below it.
#include <gtest/gtest.h>

#include "allocation_counter.h"
#include "spec/spec_error.h"
#include "train/memory_budget.h"
#include "train/session.h"

using namespace descent;

namespace {

Spec digits_with(std::vector<int> hidden) {
  Spec s = default_spec();
  s.data.source = DataSource::digits;  // 1797 examples of 64 pixels, 10 classes
  s.layers.clear();
  for (int n : hidden) {
    LayerConfig layer;
    layer.units = n;
    s.layers.push_back(layer);
  }
  LayerConfig out;
  out.units = 10;
  out.activation = Activation::softmax;
  s.layers.push_back(out);
  return s;
}

}  // namespace

TEST(MemoryBudget, ThreeLayersOf4096OnDigitsAreRefusedBeforeAllocation) {
  const Spec spec = digits_with({4096, 4096, 4096});
  try {
    const long allocations = descent_test::allocations_during([&] { Session session(spec); });
    FAIL() << "loaded; " << allocations << " allocations";
  } catch (const SpecError& e) {
    EXPECT_EQ(e.field(), "layers");
    const std::string message = e.what();
    EXPECT_NE(message.find("about 1.3 GB for 3 hidden layers of up to 4096 units (33882132 parameters) over 1258 examples"), std::string::npos)
        << message;
    EXPECT_NE(message.find("allowed: at most 928 MB for a run (the engine's memory is 1.0 GB)"), std::string::npos)
        << message;
  }
}

TEST(MemoryBudget, TheEstimateCountsParametersCachesAndData) {
  Spec spec = default_spec();  // circles, 400 examples, 70/30, 2-8-8-1, batch 32
  Session session(spec);        // builds the splits the estimate reads
  const Splits& s = session.splits();
  const MemoryEstimate e = estimate_memory(session.spec(), s);
  EXPECT_EQ(e.parameter_count, (2 * 8 + 16) + (8 * 8 + 16) + (8 * 1 + 2));
  EXPECT_EQ(e.m_max, 280);                                      // the training set
  EXPECT_DOUBLE_EQ(e.parameters, 7.0 * 4 * e.parameter_count);
  EXPECT_DOUBLE_EQ(e.activations, 8.0 * 4 * (8 + 8 + 1) * 280);
  EXPECT_DOUBLE_EQ(e.data, 20.0 * 400 * (2 + 1));
  EXPECT_LT(e.total(), 1e6);
}

TEST(MemoryBudget, ALargeButFittingNetworkLoads) {
  Session session(digits_with({1024, 1024}));  // about 150 MB
  EXPECT_EQ(session.epoch(), 0);
}

TEST(MemoryBudget, SizesReadForPeople) {
  EXPECT_EQ(show_bytes(640 * 1024.0), "640 kB");
  EXPECT_EQ(show_bytes(12.4 * 1024 * 1024), "12 MB");
  EXPECT_EQ(show_bytes(1.5 * 1024 * 1024 * 1024), "1.5 GB");
  EXPECT_EQ(show_bytes(kMemoryLimitBytes), "1.0 GB");
}
