// platform::cache across instances: two refreshing caches on one Redis (two instances) keep one cache current
// whichever of them sees the change, and fleet_generation moves every instance's page-cache generation on any
// instance's write.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "platform/cache/fleet_generation.hpp"
#include "platform/cache/refreshing_cache.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "platform/kv/redis_cache.hpp"
#include "platform/kv/redis_pubsub.hpp"
#include "tests/unit/kv_backend.hpp"
#include "tests/unit/run_coroutine.hpp"

namespace {

using namespace std::chrono_literals;
namespace asio = platform::asio;
using platform::cache::computed;
using platform::cache::fleet_generation;
using platform::cache::refreshing_cache;
using test_unit::run_coroutine;

// The shared database both instances read.
struct source {
  std::atomic<int> data{1};
};

asio::awaitable<computed> compute_from(source* s, std::string key) {
  co_return computed{key + "=" + std::to_string(s->data.load()), {key.substr(0, 1)}};
}

refreshing_cache::compute_fn computing(source& s) {
  return [&s](std::string key) { return compute_from(&s, std::move(key)); };
}

template <class Predicate>
bool eventually(Predicate done, std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

class RefreshingCacheFleet : public testing::Test {
 protected:
  void SetUp() override {
    if (!test_support::redis_server::available()) GTEST_SKIP() << test_unit::no_redis_server;
    redis_.emplace();
  }

  std::optional<test_unit::redis_fixture> redis_;
};

// Instance A has seen many changes (a per-process counter would be far ahead of B's) and stored the entry; a
// change seen only by B must still replace it, for readers on both.
TEST_F(RefreshingCacheFleet, AChangeOnOneInstanceRefreshesTheEntryEveryInstanceReads) {
  platform::kv::redis_cache store_a(redis_->executor(), redis_->endpoint());
  platform::kv::redis_cache store_b(redis_->executor(), redis_->endpoint());
  source s;
  refreshing_cache a(store_a, computing(s), 1h);
  refreshing_cache b(store_b, computing(s), 1h);
  for (int i = 0; i < 5; ++i) run_coroutine(a.change("other"));
  EXPECT_EQ(run_coroutine(a.get("k1")), "k1=1");
  s.data = 2;
  run_coroutine(b.change("k"));
  EXPECT_EQ(run_coroutine(a.get("k1")), "k1=2");
  EXPECT_EQ(run_coroutine(b.get("k1")), "k1=2");
}

// A miss on A that read before B's change and stores after B's refresh found nothing: A computes again.
TEST_F(RefreshingCacheFleet, AMissOnOneInstanceOvertakenByAChangeOnAnotherComputesAgain) {
  platform::kv::redis_cache store_a(redis_->executor(), redis_->endpoint());
  platform::kv::redis_cache store_b(redis_->executor(), redis_->endpoint());
  source s;
  refreshing_cache b(store_b, computing(s), 1h);
  int computes = 0;
  // A's first computation reads the old data, and B's change lands before A stores.
  refreshing_cache a(
      store_a,
      [&](std::string key) -> asio::awaitable<computed> {
        auto value = co_await compute_from(&s, key);
        if (++computes == 1) {
          s.data = 2;
          co_await b.change("k");
        }
        co_return value;
      },
      1h);
  EXPECT_EQ(run_coroutine(a.get("k1")), "k1=2");
  EXPECT_EQ(computes, 2);
  EXPECT_EQ(run_coroutine(b.get("k1")), "k1=2");
}

// Two instances on one pub/sub: each one's writes move the other's generation, not only its own.
void expect_writes_cross(platform::kv::pubsub& bus_a, platform::kv::pubsub& bus_b) {
  std::atomic<std::uint64_t> writes_a{0};
  std::atomic<std::uint64_t> writes_b{0};
  fleet_generation a(bus_a, "page-cache/test", [&] { return writes_a.load(); });
  fleet_generation b(bus_b, "page-cache/test", [&] { return writes_b.load(); });
  const auto a0 = a.value();
  const auto b0 = b.value();
  // Announce until B has it: over Redis, A's subscription is confirmed a round trip after it was made.
  EXPECT_TRUE(eventually([&] {
    ++writes_b;
    b.wrote();
    return a.value() != a0;
  }));
  std::this_thread::sleep_for(200ms);  // the announcements still on their way land
  const auto a1 = a.value();
  const auto b1 = b.value();
  EXPECT_GT(b1, b0) << "its own write moves its generation";
  ++writes_a;
  a.wrote();
  EXPECT_TRUE(eventually([&] { return b.value() != b1; }));
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(a.value(), a1 + 1) << "A's own announcement is not counted again";
  EXPECT_EQ(b.value(), b1 + 1);
}

TEST(FleetGeneration, AWriteOnEitherInstanceMovesBothOverOnePubsub) {
  platform::kv::in_process_pubsub bus;
  expect_writes_cross(bus, bus);
}

TEST(FleetGeneration, AWriteOnEitherInstanceMovesBothOverRedis) {
  if (!test_support::redis_server::available()) GTEST_SKIP() << test_unit::no_redis_server;
  test_unit::redis_fixture redis;
  platform::kv::redis_pubsub bus_a(redis.executor(), redis.endpoint());
  platform::kv::redis_pubsub bus_b(redis.executor(), redis.endpoint());
  expect_writes_cross(bus_a, bus_b);
}

}  // namespace
