// platform::cache::refreshing_cache: computed once, recomputed on a change, and never left holding a value
// computed before a change, however computations and changes interleave (also on four threads, under TSan).
#include "platform/cache/refreshing_cache.hpp"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <gtest/gtest.h>

#include "platform/kv/in_process_cache.hpp"
#include "tests/unit/run_coroutine.hpp"

namespace {

using namespace std::chrono_literals;
namespace asio = platform::asio;
using platform::cache::computed;
using platform::cache::refreshing_cache;
using platform::kv::in_process_cache;
using test_unit::run_coroutine;

// The "database": what a computation reads when it starts. A computation with a gate set waits on it after
// reading, as a slow query would.
struct source {
  std::atomic<int> data{1};
  std::atomic<int> computes{0};
  std::atomic<bool> fail{false};
  std::atomic<asio::steady_timer*> gate{nullptr};
};

// Tags are the key's first letter: "a1" and "a2" change together, "b1" apart.
asio::awaitable<computed> compute_from(source* s, std::string key) {
  ++s->computes;
  if (s->fail) throw std::runtime_error("database down");
  const int read = s->data.load();
  if (auto* gate = s->gate.exchange(nullptr)) {
    boost::system::error_code ignored;
    co_await gate->async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
  co_return computed{key + "=" + std::to_string(read), {key.substr(0, 1)}};
}

refreshing_cache::compute_fn computing(source& s) {
  return [&s](std::string key) { return compute_from(&s, std::move(key)); };
}

TEST(RefreshingCache, ComputesAMissOnceAndAnswersFromTheStoreAfter) {
  in_process_cache store;
  source s;
  refreshing_cache cache(store, computing(s), 1h);
  EXPECT_EQ(run_coroutine(cache.get("a1")), "a1=1");
  EXPECT_EQ(run_coroutine(cache.get("a1")), "a1=1");
  EXPECT_EQ(s.computes, 1);
}

TEST(RefreshingCache, AChangeRecomputesEveryEntryOfItsTagAndNoOther) {
  in_process_cache store;
  source s;
  refreshing_cache cache(store, computing(s), 1h);
  run_coroutine(cache.get("a1"));
  run_coroutine(cache.get("a2"));
  run_coroutine(cache.warm("b1"));
  s.data = 2;
  run_coroutine(cache.change("a"));
  EXPECT_EQ(s.computes, 5);
  const int before = s.computes;
  EXPECT_EQ(run_coroutine(cache.get("a1")), "a1=2");
  EXPECT_EQ(run_coroutine(cache.get("a2")), "a2=2");
  EXPECT_EQ(run_coroutine(cache.get("b1")), "b1=1");
  EXPECT_EQ(s.computes, before) << "recomputed, not merely dropped: the next get is a hit";
}

// A cache whose first computation waits, after reading, until the test cancels the gate.
class RefreshingCacheGated : public ::testing::Test {
 protected:
  RefreshingCacheGated() { s.gate = &gate; }

  asio::io_context ctx;
  in_process_cache store;
  source s;
  refreshing_cache cache{store, computing(s), 1h};
  asio::steady_timer gate{ctx, asio::steady_timer::time_point::max()};
};

TEST_F(RefreshingCacheGated, ConcurrentMissesOfOneKeyComputeOnce) {
  std::vector<std::string> answers;
  for (int i = 0; i < 64; ++i) {
    asio::co_spawn(ctx, cache.get("a1"),
                   [&](const std::exception_ptr&, const std::string& value) { answers.push_back(value); });
  }
  ctx.poll();  // the first miss reads and waits; the others find it running
  gate.cancel();
  ctx.run();
  EXPECT_EQ(s.computes, 1) << "64 requests at a cold entry, one database read";
  EXPECT_EQ(answers, std::vector<std::string>(64, "a1=1"));
}

TEST_F(RefreshingCacheGated, AMissThatReadBeforeAChangeComputesAgain) {
  std::string first;
  asio::co_spawn(ctx, cache.get("a1"), [&](std::exception_ptr, std::string value) { first = std::move(value); });
  ctx.poll();  // the miss has read 1 and waits
  s.data = 2;
  asio::co_spawn(ctx, cache.change("a"), asio::detached);
  ctx.poll();  // the change finds nothing stored under "a" yet
  gate.cancel();
  ctx.run();
  EXPECT_EQ(first, "a1=2");
  EXPECT_EQ(run_coroutine(cache.get("a1")), "a1=2");
}

TEST(RefreshingCache, ASlowRecomputationCannotOverwriteANewerOne) {
  asio::io_context ctx;
  in_process_cache store;
  source s;
  refreshing_cache cache(store, computing(s), 1h);
  run_coroutine(cache.get("a1"));
  asio::steady_timer gate(ctx, asio::steady_timer::time_point::max());
  s.data = 2;
  s.gate = &gate;
  asio::co_spawn(ctx, cache.warm("a1"), asio::detached);
  ctx.poll();  // a warm-up read 2 and waits
  s.data = 3;
  asio::co_spawn(ctx, cache.change("a"), asio::detached);
  ctx.poll();  // the change's recomputation stored 3
  EXPECT_EQ(run_coroutine(store.get("a1")), "a1=3");
  // The slow one resumes, tries to store 2, and (overtaken) computes again, waiting at a second gate.
  asio::steady_timer second(ctx, asio::steady_timer::time_point::max());
  s.gate = &second;
  gate.cancel();
  ctx.poll();
  EXPECT_EQ(run_coroutine(store.get("a1")), "a1=3") << "the older version was refused";
  second.cancel();
  ctx.run();
  EXPECT_EQ(run_coroutine(cache.get("a1")), "a1=3");
}

// A burst of changes to one tag: one recomputation runs, the rest wait for the one after it, and every change
// returns only once a recomputation that began after it has stored.
TEST(RefreshingCache, ChangesOfOneTagDuringARecomputationShareTheNextOne) {
  asio::io_context ctx;
  in_process_cache store;
  source s;
  refreshing_cache cache(store, computing(s), 1h);
  run_coroutine(cache.get("a1"));
  asio::steady_timer gate(ctx, asio::steady_timer::time_point::max());
  s.gate = &gate;
  s.data = 2;
  asio::co_spawn(ctx, cache.change("a"), asio::detached);
  ctx.poll();  // its recomputation read 2 and waits
  int returned = 0;
  for (int i = 0; i < 40; ++i) {
    asio::co_spawn(
        ctx,
        [&]() -> asio::awaitable<void> {
          co_await cache.change("a");
          ++returned;
        },
        asio::detached);
  }
  s.data = 3;
  ctx.poll();
  EXPECT_EQ(returned, 0);
  gate.cancel();
  ctx.run();
  EXPECT_EQ(returned, 40);
  // The miss; the running recomputation twice (the changes overtook what it read); one shared run after it.
  EXPECT_EQ(s.computes.load(), 4) << "each change recomputed on its own";
  EXPECT_EQ(run_coroutine(store.get("a1")), "a1=3");
}

TEST(RefreshingCache, AFailedRecomputationDropsTheEntry) {
  in_process_cache store;
  source s;
  refreshing_cache cache(store, computing(s), 1h);
  run_coroutine(cache.get("a1"));
  s.fail = true;
  s.data = 2;
  EXPECT_NO_THROW(run_coroutine(cache.change("a")));
  EXPECT_FALSE(run_coroutine(store.get("a1")).has_value());
  EXPECT_THROW(run_coroutine(cache.get("a1")), std::runtime_error);
  s.fail = false;
  EXPECT_EQ(run_coroutine(cache.get("a1")), "a1=2");
}

// Readers and writers on four threads: once every write and its change are done, every key answers the last
// write (and TSan sees no race).
asio::awaitable<void> read_key(refreshing_cache* cache, std::string key) { co_await cache->get(std::move(key)); }

asio::awaitable<void> write(source* s, refreshing_cache* cache) {
  ++s->data;
  co_await cache->change("k");
}

TEST(RefreshingCacheConcurrency, EveryKeyEndsAtTheLastWrite) {
  in_process_cache store;
  source s;
  refreshing_cache cache(store, computing(s), 1h);
  asio::thread_pool threads(4);
  for (int i = 0; i < 400; ++i) {
    asio::co_spawn(threads, read_key(&cache, "k" + std::to_string(i % 8)), asio::detached);
    if (i % 4 == 0) asio::co_spawn(threads, write(&s, &cache), asio::detached);
  }
  threads.join();
  const int last = s.data.load();
  for (int k = 0; k < 8; ++k) {
    const std::string key = "k" + std::to_string(k);
    EXPECT_EQ(run_coroutine(cache.get(key)), key + "=" + std::to_string(last));
  }
}

}  // namespace
