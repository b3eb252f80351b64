#include "schedules/schedule.h"

#include <stdexcept>

#include <gtest/gtest.h>

using descent::learning_rate;
using descent::ScheduleConfig;
using descent::ScheduleKind;

namespace {
constexpr double kTol = 1e-15;
}

TEST(Schedule, Constant) {
  const ScheduleConfig s;  // constant by default
  EXPECT_EQ(learning_rate(s, 0.1, 0), 0.1);
  EXPECT_EQ(learning_rate(s, 0.1, 7), 0.1);
  EXPECT_EQ(learning_rate(s, 0.1, 1000), 0.1);
}

TEST(Schedule, InverseTime) {
  ScheduleConfig s;
  s.kind = ScheduleKind::inverse_time;
  s.decay_rate = 1.0;
  EXPECT_NEAR(learning_rate(s, 0.1, 0), 0.1, kTol);    // 0.1 / (1 + 0)
  EXPECT_NEAR(learning_rate(s, 0.1, 1), 0.05, kTol);   // 0.1 / (1 + 1)
  EXPECT_NEAR(learning_rate(s, 0.1, 3), 0.025, kTol);  // 0.1 / (1 + 3)
  s.decay_rate = 0.5;
  EXPECT_NEAR(learning_rate(s, 0.2, 2), 0.1, kTol);    // 0.2 / (1 + 0.5 * 2)
  EXPECT_NEAR(learning_rate(s, 0.2, 6), 0.05, kTol);   // 0.2 / (1 + 0.5 * 6)
}

TEST(Schedule, Exponential) {
  ScheduleConfig s;
  s.kind = ScheduleKind::exponential;
  s.k = 0.95;
  EXPECT_NEAR(learning_rate(s, 0.2, 0), 0.2, kTol);                // 0.2 * 1
  EXPECT_NEAR(learning_rate(s, 0.2, 1), 0.19, kTol);               // 0.2 * 0.95
  EXPECT_NEAR(learning_rate(s, 0.2, 2), 0.1805, kTol);             // 0.2 * 0.9025
  // 0.95^2 = 0.9025, ^4 = 0.81450625, ^8 = 0.6634204312890625, ^10 = ^8 * ^2 = 0.5987369392383789
  EXPECT_NEAR(learning_rate(s, 0.2, 10), 0.2 * 0.5987369392383789, 1e-14);
}

TEST(Schedule, StaircaseIsFlatWithinAnInterval) {
  ScheduleConfig s;
  s.kind = ScheduleKind::staircase;
  s.decay_rate = 1.0;
  s.time_interval = 10;
  for (int epoch = 0; epoch < 10; ++epoch)  // floor(epoch / 10) = 0
    EXPECT_NEAR(learning_rate(s, 0.1, epoch), 0.1, kTol) << "epoch " << epoch;
  for (int epoch = 10; epoch < 20; ++epoch)  // floor = 1: 0.1 / 2
    EXPECT_NEAR(learning_rate(s, 0.1, epoch), 0.05, kTol) << "epoch " << epoch;
  EXPECT_NEAR(learning_rate(s, 0.1, 20), 0.1 / 3.0, kTol);  // floor = 2: 0.1 / 3
  EXPECT_NEAR(learning_rate(s, 0.1, 35), 0.025, kTol);      // floor = 3: 0.1 / 4
  s.decay_rate = 0.5;
  s.time_interval = 1;  // the same as inverse_time
  EXPECT_NEAR(learning_rate(s, 0.2, 6), 0.05, kTol);  // 0.2 / (1 + 0.5 * 6)
}

TEST(Schedule, StepDropsInAnyOrder) {
  ScheduleConfig s;
  s.kind = ScheduleKind::step_drops;
  EXPECT_EQ(learning_rate(s, 0.1, 50), 0.1);  // no drops: constant
  s.drops = {{30, 0.1}, {10, 0.5}};           // out of order on purpose
  EXPECT_NEAR(learning_rate(s, 0.1, 0), 0.1, kTol);
  EXPECT_NEAR(learning_rate(s, 0.1, 9), 0.1, kTol);
  EXPECT_NEAR(learning_rate(s, 0.1, 10), 0.05, kTol);   // 0.1 * 0.5
  EXPECT_NEAR(learning_rate(s, 0.1, 29), 0.05, kTol);
  EXPECT_NEAR(learning_rate(s, 0.1, 30), 0.005, kTol);  // 0.1 * 0.5 * 0.1
  EXPECT_NEAR(learning_rate(s, 0.1, 500), 0.005, kTol);
}

TEST(Schedule, NamesRoundTrip) {
  for (const char* name : descent::kScheduleNames.names()) {
    const auto kind = descent::kScheduleNames.parse(name);
    ASSERT_TRUE(kind.has_value()) << name;
    EXPECT_STREQ(descent::kScheduleNames.name(*kind), name);
  }
  EXPECT_EQ(descent::kScheduleNames.parse("staircase"), ScheduleKind::staircase);
  EXPECT_FALSE(descent::kScheduleNames.parse("cosine").has_value());
}

TEST(Schedule, FailsLoudlyOnANegativeEpochOrAZeroInterval) {
  ScheduleConfig s;
  EXPECT_THROW(learning_rate(s, 0.1, -1), std::invalid_argument);
  s.kind = ScheduleKind::staircase;
  s.time_interval = 0;
  EXPECT_THROW(learning_rate(s, 0.1, 5), std::invalid_argument);
}
