// The bounded send queue every real-time transport drains: order, both limits, batches.
#include "platform/messaging/send_queue.hpp"

#include <gtest/gtest.h>

namespace {

using platform::messaging::make_payload;
using platform::messaging::payload;
using platform::messaging::send_queue;

TEST(SendQueue, KeepsOrderAndCountsBytes) {
  send_queue queue({.max_messages = 10, .max_bytes = 100});
  ASSERT_TRUE(queue.push(make_payload("one")));
  ASSERT_TRUE(queue.push(make_payload("three")));
  EXPECT_EQ(queue.size(), 2U);
  EXPECT_EQ(queue.bytes(), 8U);
  EXPECT_EQ(*queue.pop(), "one");
  EXPECT_EQ(queue.bytes(), 5U);
  EXPECT_EQ(*queue.pop(), "three");
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.bytes(), 0U);
}

TEST(SendQueue, RefusesWhatWouldPassEitherLimit) {
  send_queue by_count({.max_messages = 2, .max_bytes = 100});
  EXPECT_TRUE(by_count.push(make_payload("a")));
  EXPECT_TRUE(by_count.push(make_payload("b")));
  EXPECT_FALSE(by_count.push(make_payload("c")));
  EXPECT_EQ(by_count.size(), 2U);

  send_queue by_bytes({.max_messages = 10, .max_bytes = 5});
  EXPECT_TRUE(by_bytes.push(make_payload("abc")));
  EXPECT_FALSE(by_bytes.push(make_payload("def")));
  EXPECT_TRUE(by_bytes.push(make_payload("de")));
  EXPECT_EQ(by_bytes.bytes(), 5U);
}

TEST(SendQueue, TakesBatchesWithinBothBoundsButAlwaysOne) {
  send_queue queue({.max_messages = 10, .max_bytes = 1000});
  for (const char* text : {"aaaa", "bb", "cc", "dddddddd", "e"}) ASSERT_TRUE(queue.push(make_payload(text)));
  std::vector<payload> batch;
  queue.take(batch, 10, 8);
  ASSERT_EQ(batch.size(), 3U);  // 4 + 2 + 2
  queue.take(batch, 10, 4);
  ASSERT_EQ(batch.size(), 1U);  // one message bigger than the bound still goes
  EXPECT_EQ(*batch[0], "dddddddd");
  queue.take(batch, 1, 1000);
  ASSERT_EQ(batch.size(), 1U);
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.bytes(), 0U);
}

TEST(SendQueue, TakesAllAndClears) {
  send_queue queue({.max_messages = 10, .max_bytes = 1000});
  ASSERT_TRUE(queue.push(make_payload("x")));
  ASSERT_TRUE(queue.push(make_payload("y")));
  const auto all = queue.take_all();
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(*all[1], "y");
  EXPECT_TRUE(queue.empty());
  ASSERT_TRUE(queue.push(make_payload("z")));
  queue.clear();
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.bytes(), 0U);
}

}  // namespace
