// The test-only starting point of the wall clock.
#include "platform/time/clock.hpp"

#include <thread>

#include <gtest/gtest.h>

#include "platform/time/seoul.hpp"

namespace {

using platform::time::micros_per_second;

TEST(Clock, StartsAtTheGivenInstantAndRunsOn) {
  const auto midnight_eve = *platform::time::parse_seoul_local_datetime("2026-12-07T23:59:58");
  platform::time::start_clock_at(midnight_eve);
  const auto first = platform::time::now_micros();
  EXPECT_GE(first, midnight_eve);
  EXPECT_LT(first, midnight_eve + micros_per_second);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_GT(platform::time::now_micros(), first);
  EXPECT_EQ(platform::time::seoul_local_date(first), "2026-12-07");
}

}  // namespace
