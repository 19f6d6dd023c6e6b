// platform::kv::near_cache: a hot entry is read from the instance's copy; a copy goes when it is older than
// max_age, when any instance stores or erases the entry (announced over pub/sub, also across Redis), and a read
// that was in flight when a change was announced keeps nothing.
#include "platform/kv/near_cache.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include "platform/kv/in_process_cache.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "platform/kv/redis_cache.hpp"
#include "platform/kv/redis_pubsub.hpp"
#include "tests/unit/kv_backend.hpp"
#include "tests/unit/run_coroutine.hpp"

namespace {

using namespace std::chrono_literals;
namespace asio = platform::asio;
using platform::kv::cache;
using platform::kv::in_process_cache;
using platform::kv::in_process_pubsub;
using platform::kv::near_cache;
using test_unit::run_coroutine;

// One instance's connection to the store every instance shares: it forwards to it, and with a gate set, a get
// waits on the gate after it has read (a slow network reply).
class shared_view final : public cache {
 public:
  explicit shared_view(cache& store) : store_(store) {}

  asio::awaitable<std::optional<std::string>> get(std::string key) override {
    auto value = co_await store_.get(std::move(key));
    if (gate_ != nullptr) {
      boost::system::error_code ignored;
      co_await gate_->async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    }
    co_return value;
  }
  asio::awaitable<bool> put(std::string key, std::string value, std::chrono::milliseconds ttl,
                            std::vector<std::string> tags, std::uint64_t version) override {
    co_return co_await store_.put(std::move(key), std::move(value), ttl, std::move(tags), version);
  }
  asio::awaitable<void> erase(std::string key) override { co_await store_.erase(std::move(key)); }
  asio::awaitable<std::vector<std::string>> tagged(std::string tag) override {
    co_return co_await store_.tagged(std::move(tag));
  }
  asio::awaitable<std::uint64_t> current_version() override { co_return co_await store_.current_version(); }
  asio::awaitable<std::uint64_t> mark_changed(std::string tag) override {
    co_return co_await store_.mark_changed(std::move(tag));
  }
  asio::awaitable<std::uint64_t> last_changed(std::vector<std::string> tags) override {
    co_return co_await store_.last_changed(std::move(tags));
  }

  void gate_reads(asio::steady_timer* gate) { gate_ = gate; }

 private:
  cache& store_;
  asio::steady_timer* gate_ = nullptr;
};

// Stores behind every near cache's back: what a copy would hide.
void store(cache& target, const std::string& key, const std::string& value, std::uint64_t version) {
  run_coroutine(target.put(key, value, 1h, {}, version));
}

std::optional<std::string> read(cache& from, const std::string& key) { return run_coroutine(from.get(key)); }

TEST(NearCache, AHotEntryIsReadFromTheCopy) {
  in_process_cache shared;
  in_process_pubsub bus;
  near_cache near(std::make_unique<shared_view>(shared), bus, "kv-cache/test", 1h);
  store(shared, "rooms:7", "v1", 1);
  EXPECT_EQ(read(near, "rooms:7"), "v1");
  store(shared, "rooms:7", "v2", 2);
  EXPECT_EQ(read(near, "rooms:7"), "v1") << "answered from the copy, not the shared cache";
}

TEST(NearCache, ACopyOlderThanMaxAgeIsReadAgain) {
  in_process_cache shared;
  in_process_pubsub bus;
  near_cache near(std::make_unique<shared_view>(shared), bus, "kv-cache/test", 30ms);
  store(shared, "rooms:7", "v1", 1);
  EXPECT_EQ(read(near, "rooms:7"), "v1");
  store(shared, "rooms:7", "v2", 2);  // a change whose announcement never came
  std::this_thread::sleep_for(40ms);
  EXPECT_EQ(read(near, "rooms:7"), "v2");
}

TEST(NearCache, AStoreOrEraseOnAnyInstanceDropsEveryCopy) {
  in_process_cache shared;
  in_process_pubsub bus;
  near_cache a(std::make_unique<shared_view>(shared), bus, "kv-cache/test", 1h);
  near_cache b(std::make_unique<shared_view>(shared), bus, "kv-cache/test", 1h);
  store(b, "rooms:7", "v1", 1);
  EXPECT_EQ(read(a, "rooms:7"), "v1");
  EXPECT_EQ(read(b, "rooms:7"), "v1");
  store(b, "rooms:7", "v2", 2);
  EXPECT_EQ(read(a, "rooms:7"), "v2") << "B's store was announced";
  EXPECT_EQ(read(b, "rooms:7"), "v2") << "and B dropped its own copy";
  run_coroutine(a.erase("rooms:7"));
  EXPECT_EQ(read(b, "rooms:7"), std::nullopt);
}

TEST(NearCache, AReadInFlightWhenAChangeIsAnnouncedKeepsNothing) {
  asio::io_context ctx;
  in_process_cache shared;
  in_process_pubsub bus;
  auto view = std::make_unique<shared_view>(shared);
  auto* slow = view.get();
  near_cache a(std::move(view), bus, "kv-cache/test", 1h);
  near_cache b(std::make_unique<shared_view>(shared), bus, "kv-cache/test", 1h);
  store(shared, "rooms:7", "v1", 1);
  asio::steady_timer gate(ctx, asio::steady_timer::time_point::max());
  slow->gate_reads(&gate);
  std::optional<std::string> first;
  asio::co_spawn(ctx, a.get("rooms:7"),
                 [&](const std::exception_ptr&, const std::optional<std::string>& value) { first = value; });
  ctx.poll();  // A has read v1; its reply is on its way
  store(b, "rooms:7", "v2", 2);
  gate.cancel();
  ctx.run();
  slow->gate_reads(nullptr);
  EXPECT_EQ(first, "v1") << "what it read is still its answer";
  EXPECT_EQ(read(a, "rooms:7"), "v2") << "but not kept: it was read before the change";
}

TEST(NearCache, CopiesStayWithinMaxBytes) {
  in_process_cache shared;
  in_process_pubsub bus;
  near_cache near(std::make_unique<shared_view>(shared), bus, "kv-cache/test", 1h, 100);
  const std::string big(60, 'x');
  store(shared, "a", big, 1);
  store(shared, "b", big, 1);
  EXPECT_EQ(read(near, "a"), big);
  EXPECT_EQ(read(near, "b"), big);  // no room left for a copy of it
  store(shared, "a", "a2", 2);
  store(shared, "b", "b2", 2);
  EXPECT_EQ(read(near, "a"), big) << "the first one was kept";
  EXPECT_EQ(read(near, "b"), "b2") << "the second one was not";
}

TEST(NearCache, AStoreThroughOneInstanceReachesTheOthersCopyOverRedis) {
  if (!test_support::redis_server::available()) GTEST_SKIP() << test_unit::no_redis_server;
  test_unit::redis_fixture redis;
  platform::kv::redis_pubsub bus_a(redis.executor(), redis.endpoint());
  platform::kv::redis_pubsub bus_b(redis.executor(), redis.endpoint());
  near_cache a(std::make_unique<platform::kv::redis_cache>(redis.executor(), redis.endpoint()), bus_a, "kv-cache/0",
               1h);
  near_cache b(std::make_unique<platform::kv::redis_cache>(redis.executor(), redis.endpoint()), bus_b, "kv-cache/0",
               1h);
  platform::kv::redis_cache direct(redis.executor(), redis.endpoint());  // writes behind both instances' backs
  std::uint64_t version = 0;
  auto store_next = [&version](cache& through) {  // a newer value each time: "v1", "v2", …
    ++version;
    const std::string value = "v" + std::to_string(version);
    store(through, "rooms:7", value, version);
    return value;
  };
  // A's subscription is confirmed a round trip after it was made, so try until A has heard B once.
  bool heard = false;
  for (const auto deadline = std::chrono::steady_clock::now() + 10s;
       !heard && std::chrono::steady_clock::now() < deadline;) {
    store_next(direct);
    const auto copied = read(a, "rooms:7");
    store_next(direct);
    if (read(a, "rooms:7") != copied) continue;  // an announcement crossed the read: no copy was kept
    const std::string latest = store_next(b);
    std::this_thread::sleep_for(50ms);
    heard = read(a, "rooms:7") == latest;  // with max_age 1 h only B's announcement can have dropped A's copy
  }
  EXPECT_TRUE(heard);
}

}  // namespace
