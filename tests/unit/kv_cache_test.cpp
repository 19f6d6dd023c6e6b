// platform::kv caches, in-process and on Redis: expiry, versions, tags and their last changes; the in-process
// entry bound.
#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "platform/kv/in_process_cache.hpp"
#include "platform/kv/redis_cache.hpp"
#include "tests/unit/kv_backend.hpp"
#include "tests/unit/run_coroutine.hpp"

namespace {

using namespace std::chrono_literals;
using platform::kv::in_process_cache;
using test_unit::kv_kind;
using test_unit::run_coroutine;

// Each case on a fresh store: a new in-process one, or a new redis-server.
class KvCache : public testing::TestWithParam<kv_kind> {
 protected:
  void SetUp() override {
    if (GetParam() == kv_kind::in_process) {
      cache_ = std::make_unique<in_process_cache>();
      return;
    }
    if (!test_support::redis_server::available()) GTEST_SKIP() << test_unit::no_redis_server;
    redis_.emplace();
    cache_ = std::make_unique<platform::kv::redis_cache>(redis_->executor(), redis_->endpoint());
  }
  void TearDown() override { cache_.reset(); }

  std::optional<test_unit::redis_fixture> redis_;
  std::unique_ptr<platform::kv::cache> cache_;
};

INSTANTIATE_TEST_SUITE_P(Backends, KvCache, testing::Values(kv_kind::in_process, kv_kind::redis),
                         test_unit::kv_kind_name);

TEST_P(KvCache, StoresUntilTheTtlPasses) {
  auto& cache = *cache_;
  EXPECT_FALSE(run_coroutine(cache.get("k")).has_value());
  EXPECT_TRUE(run_coroutine(cache.put("k", "v", 30ms, {}, 1)));
  EXPECT_EQ(run_coroutine(cache.get("k")), "v");
  std::this_thread::sleep_for(60ms);
  EXPECT_FALSE(run_coroutine(cache.get("k")).has_value());
}

TEST_P(KvCache, AnOlderVersionNeverReplacesANewerOne) {
  auto& cache = *cache_;
  EXPECT_TRUE(run_coroutine(cache.put("k", "new", 1h, {}, 5)));
  EXPECT_FALSE(run_coroutine(cache.put("k", "old", 1h, {}, 4)));
  EXPECT_EQ(run_coroutine(cache.get("k")), "new");
  EXPECT_TRUE(run_coroutine(cache.put("k", "same", 1h, {}, 5)));
  EXPECT_EQ(run_coroutine(cache.get("k")), "same");
  // Versions are 64-bit: no rounding through a double (Lua numbers) lets 2^63 pass for 2^63 + 1.
  EXPECT_TRUE(run_coroutine(cache.put("big", "newer", 1h, {}, 9'223'372'036'854'775'809ULL)));
  EXPECT_FALSE(run_coroutine(cache.put("big", "older", 1h, {}, 9'223'372'036'854'775'808ULL)));
  EXPECT_EQ(run_coroutine(cache.get("big")), "newer");
}

TEST_P(KvCache, HandsOutIncreasingVersionsAndRemembersEachTagsLastChange) {
  auto& cache = *cache_;
  const auto start = run_coroutine(cache.current_version());
  EXPECT_EQ(run_coroutine(cache.current_version()), start) << "reading the version does not move it";
  EXPECT_EQ(run_coroutine(cache.last_changed({"a", "b"})), 0u) << "no tag changed yet";
  const auto a = run_coroutine(cache.mark_changed("a"));
  EXPECT_GT(a, start);
  EXPECT_EQ(run_coroutine(cache.current_version()), a);
  const auto b = run_coroutine(cache.mark_changed("b"));
  EXPECT_GT(b, a);
  EXPECT_EQ(run_coroutine(cache.last_changed({"a"})), a);
  EXPECT_EQ(run_coroutine(cache.last_changed({"a", "b", "c"})), b);
  EXPECT_EQ(run_coroutine(cache.last_changed({})), 0u);
}

TEST_P(KvCache, TagsFindTheLiveEntriesTheyWerePutWith) {
  auto& cache = *cache_;
  run_coroutine(cache.put("a", "1", 1h, {"group:1"}, 0));
  run_coroutine(cache.put("b", "2", 1h, {"group:1", "member:7"}, 0));
  run_coroutine(cache.put("c", "3", 1h, {"group:2"}, 0));
  auto keys = run_coroutine(cache.tagged("group:1"));
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b"}));
  run_coroutine(cache.erase("b"));
  EXPECT_EQ(run_coroutine(cache.tagged("group:1")), std::vector<std::string>{"a"});
  EXPECT_TRUE(run_coroutine(cache.tagged("member:7")).empty());
  // Re-putting with other tags moves the entry.
  run_coroutine(cache.put("a", "1", 1h, {"group:2"}, 0));
  EXPECT_TRUE(run_coroutine(cache.tagged("group:1")).empty());
}

TEST_P(KvCache, TaggedLeavesOutExpiredEntries) {
  auto& cache = *cache_;
  run_coroutine(cache.put("brief", "1", 30ms, {"group:1"}, 0));
  run_coroutine(cache.put("lasting", "2", 1h, {"group:1"}, 0));
  std::this_thread::sleep_for(60ms);
  EXPECT_EQ(run_coroutine(cache.tagged("group:1")), std::vector<std::string>{"lasting"});
}

TEST(InProcessCache, AFullCacheDropsTheEntryClosestToExpiry) {
  in_process_cache cache(2);
  run_coroutine(cache.put("short", "1", 1min, {"t"}, 0));
  run_coroutine(cache.put("long", "2", 1h, {"t"}, 0));
  run_coroutine(cache.put("third", "3", 1h, {"t"}, 0));
  EXPECT_EQ(cache.size(), 2U);
  EXPECT_FALSE(run_coroutine(cache.get("short")).has_value());
  EXPECT_EQ(run_coroutine(cache.get("third")), "3");
  EXPECT_EQ(run_coroutine(cache.tagged("t")).size(), 2U);
}

}  // namespace
