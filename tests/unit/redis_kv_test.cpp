// The Redis kv backends beyond what they share with the in-process ones: several instances on one Redis, and a
// Redis that dies and comes back mid-run (calls degrade as documented, the clients reconnect and resubscribe).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "platform/kv/redis_cache.hpp"
#include "platform/kv/redis_connection.hpp"
#include "platform/kv/redis_leaderboard.hpp"
#include "platform/kv/redis_pubsub.hpp"
#include "platform/kv/redis_url.hpp"
#include "platform/kv/unavailable.hpp"
#include "tests/unit/kv_backend.hpp"
#include "tests/unit/run_coroutine.hpp"

namespace {

namespace kv = platform::kv;
using namespace std::chrono_literals;
using test_unit::run_coroutine;

std::shared_ptr<const std::string> message(std::string text) {
  return std::make_shared<const std::string>(std::move(text));
}

// Thread-safe record of the payloads one subscriber received.
class inbox {
 public:
  kv::pubsub::handler handler() {
    return [this](std::string_view, const std::shared_ptr<const std::string>& payload) {
      const std::lock_guard lock(mutex_);
      received_.push_back(*payload);
    };
  }
  std::vector<std::string> texts() {
    const std::lock_guard lock(mutex_);
    return received_;
  }
  bool holds(const std::string& text) {
    const std::lock_guard lock(mutex_);
    return std::find(received_.begin(), received_.end(), text) != received_.end();
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> received_;
};

template <class Predicate>
bool eventually(Predicate done, std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

// Publishes `text` from `from` until `to` has it: a new subscription reaches other instances once Redis has
// confirmed it, a round trip after subscribe() returned.
bool delivered(kv::pubsub& from, const std::string& channel, const std::string& text, inbox& to) {
  return eventually([&] {
    from.publish(channel, message(text));
    return to.holds(text);
  });
}

class RedisKv : public testing::Test {
 protected:
  void SetUp() override {
    if (!test_support::redis_server::available()) GTEST_SKIP() << test_unit::no_redis_server;
    redis_.emplace();
  }

  std::optional<test_unit::redis_fixture> redis_;
};

TEST(RedisUrl, ReadsHostPortAndDatabase) {
  const auto full = kv::parse_redis_url("redis://cache.internal:6380/2");
  EXPECT_EQ(full.host, "cache.internal");
  EXPECT_EQ(full.port, 6380);
  EXPECT_EQ(full.database, 2);
  const auto plain = kv::parse_redis_url("redis://127.0.0.1");
  EXPECT_EQ(plain.port, 6379);
  EXPECT_EQ(plain.database, 0);
  for (const auto* bad :
       {"http://x:1", "redis://", "redis://x:0", "redis://x:70000", "redis://x:1/db", "redis://user:secret@x:1"})
    EXPECT_THROW(kv::parse_redis_url(bad), std::invalid_argument) << bad;
}

TEST_F(RedisKv, PubsubDeliversAcrossInstancesAndOnceLocally) {
  kv::redis_pubsub a(redis_->executor(), redis_->endpoint());
  kv::redis_pubsub b(redis_->executor(), redis_->endpoint());
  inbox on_a;
  inbox on_b;
  const auto sub_a = a.subscribe("room.1", on_a.handler());
  const auto sub_b = b.subscribe("room.1", on_b.handler());
  ASSERT_TRUE(delivered(b, "room.1", "from b", on_a));
  ASSERT_TRUE(delivered(a, "room.1", "from a", on_b));
  // b's own subscriber got each of b's publishes once, at once, not a second time through Redis.
  const auto b_sent = on_b.texts();
  const auto from_b = std::count(b_sent.begin(), b_sent.end(), "from b");
  std::this_thread::sleep_for(100ms);
  const auto later = on_b.texts();
  EXPECT_EQ(std::count(later.begin(), later.end(), "from b"), from_b);
}

TEST_F(RedisKv, PubsubStopsDeliveringAfterTheLastLocalSubscriptionEnds) {
  kv::redis_pubsub a(redis_->executor(), redis_->endpoint());
  kv::redis_pubsub b(redis_->executor(), redis_->endpoint());
  inbox on_a;
  auto sub_a = a.subscribe("room.2", on_a.handler());
  ASSERT_TRUE(delivered(b, "room.2", "first", on_a));
  sub_a.reset();
  b.publish("room.2", message("after"));
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(on_a.holds("after"));
}

// The outage test: Redis is killed mid-run and restarted empty on the same port.
TEST_F(RedisKv, DegradesDuringAnOutageAndRecoversAfterIt) {
  kv::redis_pubsub a(redis_->executor(), redis_->endpoint());
  kv::redis_pubsub b(redis_->executor(), redis_->endpoint());
  kv::redis_cache cache(redis_->executor(), redis_->endpoint());
  kv::redis_leaderboard boards(redis_->executor(), redis_->endpoint());
  inbox on_a;
  const auto sub_a = a.subscribe("room.3", on_a.handler());
  ASSERT_TRUE(delivered(b, "room.3", "before", on_a));
  ASSERT_TRUE(run_coroutine(cache.put("k", "v", 1h, {"t"}, 1)));
  run_coroutine(boards.set("g", "m", 5));

  redis_->server().kill();
  ASSERT_TRUE(eventually([&] { return !a.connected() && !b.connected(); }));
  // The cache is an empty one, the leaderboard throws its documented error, publishes reach local subscribers
  // only; nothing else throws.
  EXPECT_FALSE(run_coroutine(cache.get("k")).has_value());
  EXPECT_FALSE(run_coroutine(cache.put("k", "w", 1h, {"t"}, 2)));
  EXPECT_TRUE(run_coroutine(cache.tagged("t")).empty());
  EXPECT_NO_THROW(run_coroutine(cache.erase("k")));
  EXPECT_THROW(run_coroutine(boards.top("g")), kv::unavailable);
  EXPECT_THROW(run_coroutine(boards.add("g", "m", 1)), kv::unavailable);
  EXPECT_NO_THROW(run_coroutine(boards.set("g", "m", 6)));
  EXPECT_NO_THROW(run_coroutine(boards.replace("g", {{"m", 6}})));
  EXPECT_NO_THROW(run_coroutine(boards.remove("g", "m")));
  EXPECT_NO_THROW(b.publish("room.3", message("lost")));
  a.publish("room.3", message("local"));
  EXPECT_TRUE(on_a.holds("local"));

  redis_->server().restart();
  // Reconnected and resubscribed without anyone asking: b's messages reach a's old subscription again.
  ASSERT_TRUE(delivered(b, "room.3", "after", on_a));
  EXPECT_FALSE(on_a.holds("lost"));
  ASSERT_TRUE(eventually([&] { return run_coroutine(cache.put("k", "again", 1h, {"t"}, 3)); }));
  EXPECT_EQ(run_coroutine(cache.get("k")), "again");
  EXPECT_EQ(run_coroutine(cache.tagged("t")), std::vector<std::string>{"k"});
  ASSERT_TRUE(eventually([&] {
    try {
      return run_coroutine(boards.add("g", "m", 7)) == 7;  // the restarted Redis is empty
    } catch (const kv::unavailable&) {
      return false;
    }
  }));
  EXPECT_EQ(run_coroutine(boards.top("g")), (std::vector<kv::leaderboard_entry>{{"m", 7}}));
}

// A server that accepts connections but never answers: calls give up after the reply timeout instead of
// hanging a request, and the connection recovers once the server answers again.
TEST_F(RedisKv, GivesUpOnAServerThatStopsAnswering) {
  kv::redis_cache cache(redis_->executor(), redis_->endpoint());
  ASSERT_TRUE(run_coroutine(cache.put("k", "v", 1h, {}, 1)));
  redis_->server().pause();
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(run_coroutine(cache.get("k")).has_value());
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, kv::redis_connection::reply_timeout);
  EXPECT_LT(waited, kv::redis_connection::reply_timeout + 2s);
  redis_->server().resume();
  EXPECT_TRUE(eventually([&] { return run_coroutine(cache.get("k")) == std::optional<std::string>("v"); }));
}

TEST_F(RedisKv, CacheVersionsHoldAcrossInstances) {
  kv::redis_cache a(redis_->executor(), redis_->endpoint());
  kv::redis_cache b(redis_->executor(), redis_->endpoint());
  EXPECT_TRUE(run_coroutine(a.put("k", "new", 1h, {"t"}, 5)));
  EXPECT_FALSE(run_coroutine(b.put("k", "old", 1h, {"u"}, 4)));
  EXPECT_EQ(run_coroutine(b.get("k")), "new");
  EXPECT_EQ(run_coroutine(b.tagged("t")), std::vector<std::string>{"k"});
  EXPECT_TRUE(run_coroutine(b.tagged("u")).empty());
  run_coroutine(b.erase("k"));
  EXPECT_FALSE(run_coroutine(a.get("k")).has_value());
  EXPECT_TRUE(run_coroutine(a.tagged("t")).empty());
}

TEST_F(RedisKv, VersionsAreSharedByInstancesAndSurviveARestartThatLostThem) {
  kv::redis_cache a(redis_->executor(), redis_->endpoint());
  kv::redis_cache b(redis_->executor(), redis_->endpoint());
  const auto on_a = run_coroutine(a.mark_changed("t"));
  EXPECT_EQ(run_coroutine(b.current_version()), on_a) << "one counter for every instance";
  EXPECT_EQ(run_coroutine(b.last_changed({"t"})), on_a);
  const auto on_b = run_coroutine(b.mark_changed("t"));
  EXPECT_GT(on_b, on_a);
  EXPECT_EQ(run_coroutine(a.last_changed({"t"})), on_b);
  // An empty Redis after a restart starts the counter at its clock: above every version handed out before.
  redis_->server().kill();
  redis_->server().restart();
  std::uint64_t after = 0;
  EXPECT_TRUE(eventually([&] { return (after = run_coroutine(a.current_version())) != 0; }));
  EXPECT_GT(after, on_b);
}

// A Redis that was never there: the backends start anyway and degrade from the first call.
TEST(RedisKvWithoutServer, StartsAndDegradesWhenRedisIsUnreachable) {
  platform::kv::client_thread thread;
  kv::redis_endpoint nowhere;
  nowhere.host = "127.0.0.1";
  nowhere.port = 1;  // nothing listens on port 1 here
  kv::redis_cache cache(thread.executor(), nowhere);
  kv::redis_leaderboard boards(thread.executor(), nowhere);
  kv::redis_pubsub bus(thread.executor(), nowhere);
  inbox local;
  const auto sub = bus.subscribe("c", local.handler());
  bus.publish("c", message("here"));
  EXPECT_EQ(local.texts(), std::vector<std::string>{"here"});
  EXPECT_FALSE(run_coroutine(cache.get("k")).has_value());
  EXPECT_EQ(run_coroutine(cache.current_version()), 0u);
  EXPECT_EQ(run_coroutine(cache.mark_changed("t")), 0u);
  EXPECT_EQ(run_coroutine(cache.last_changed({"t"})), 0u);
  EXPECT_THROW(run_coroutine(boards.top("g")), kv::unavailable);
}

}  // namespace
