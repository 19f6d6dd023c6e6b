// platform::kv::in_process_cache: expiry, versions, tags and the entry bound.
#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "platform/kv/in_process_cache.hpp"
#include "tests/unit/run_coroutine.hpp"

namespace {

using namespace std::chrono_literals;
using platform::kv::in_process_cache;
using test_unit::run_coroutine;

TEST(InProcessCache, StoresUntilTheTtlPasses) {
  in_process_cache cache;
  EXPECT_FALSE(run_coroutine(cache.get("k")).has_value());
  EXPECT_TRUE(run_coroutine(cache.put("k", "v", 30ms, {}, 1)));
  EXPECT_EQ(run_coroutine(cache.get("k")), "v");
  std::this_thread::sleep_for(60ms);
  EXPECT_FALSE(run_coroutine(cache.get("k")).has_value());
}

TEST(InProcessCache, AnOlderVersionNeverReplacesANewerOne) {
  in_process_cache cache;
  EXPECT_TRUE(run_coroutine(cache.put("k", "new", 1h, {}, 5)));
  EXPECT_FALSE(run_coroutine(cache.put("k", "old", 1h, {}, 4)));
  EXPECT_EQ(run_coroutine(cache.get("k")), "new");
  EXPECT_TRUE(run_coroutine(cache.put("k", "same", 1h, {}, 5)));
  EXPECT_EQ(run_coroutine(cache.get("k")), "same");
}

TEST(InProcessCache, TagsFindTheLiveEntriesTheyWerePutWith) {
  in_process_cache cache;
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
