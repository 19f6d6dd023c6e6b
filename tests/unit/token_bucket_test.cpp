// The token bucket that bounds what one client may send.
#include "platform/messaging/token_bucket.hpp"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;
using platform::messaging::token_bucket;

const token_bucket::clock::time_point t0{};

TEST(TokenBucket, AllowsABurstThenTheRate) {
  token_bucket bucket(5, 10, t0);
  int taken = 0;
  for (int i = 0; i < 500; ++i) taken += bucket.try_take(t0) ? 1 : 0;
  EXPECT_EQ(taken, 10);  // a burst of 500 at once: only the burst goes through
  EXPECT_FALSE(bucket.try_take(t0 + 100ms));
  EXPECT_TRUE(bucket.try_take(t0 + 200ms));  // one token per 200 ms at 5 per second
  EXPECT_FALSE(bucket.try_take(t0 + 200ms));
}

TEST(TokenBucket, RefillsNoFurtherThanTheBurst) {
  token_bucket bucket(5, 3, t0);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(bucket.try_take(t0));
  int taken = 0;
  for (int i = 0; i < 10; ++i) taken += bucket.try_take(t0 + 1h) ? 1 : 0;
  EXPECT_EQ(taken, 3);
}

TEST(TokenBucket, IgnoresTimeGoingBackwards) {
  token_bucket bucket(1, 1, t0 + 10s);
  ASSERT_TRUE(bucket.try_take(t0 + 10s));
  EXPECT_FALSE(bucket.try_take(t0));
  EXPECT_FALSE(bucket.try_take(t0 + 10s));
  EXPECT_TRUE(bucket.try_take(t0 + 11s));
}

}  // namespace
