// A training step allocates nothing on the heap after warm-up, whatever the network has:
// dropout, batch norm, layer norm, PReLU, softmax, L2, Adam and a decaying learning rate.
#include <gtest/gtest.h>

#include "allocation_counter.h"
#include "train/session.h"

using namespace descent;

TEST(Allocation, TrainingStepsAndEpochsAllocateNothingAfterWarmUp) {
  Spec s = default_spec();
  LayerConfig a, b, out;
  a.units = 16;
  a.activation = Activation::prelu;
  a.norm = NormKind::batch;
  a.keep_prob = 0.8;
  b.units = 8;
  b.activation = Activation::tanh;
  b.norm = NormKind::layer;
  out.units = 2;
  out.activation = Activation::softmax;
  s.layers = {a, b, out};
  s.regularization.l2 = 0.01;
  s.optimizer.config.kind = OptimizerKind::adam;
  s.schedule.kind = ScheduleKind::inverse_time;
  s.batch_size = 50;  // 280 training examples: the last batch of each epoch is smaller
  s.epochs = 50;
  Session session(s);
  session.step(2 * session.steps_per_epoch());  // warm-up
  if (!descent_test::kCountsAllocations) GTEST_SKIP() << "no allocation counter in this build";
  const long allocations = descent_test::allocations_during([&] { session.step(20 * session.steps_per_epoch()); });
  std::cout << "heap allocations in 20 epochs (" << 20 * session.steps_per_epoch() << " steps): " << allocations << "\n";
  EXPECT_EQ(allocations, 0);
  EXPECT_EQ(session.epoch(), 22);
}
