// platform::kv leaderboards, in-process and on Redis: scores, order (ties included), rebuilds, and adds from many
// threads.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "platform/kv/in_process_leaderboard.hpp"
#include "platform/kv/redis_leaderboard.hpp"
#include "tests/unit/kv_backend.hpp"
#include "tests/unit/run_coroutine.hpp"

namespace {

using platform::kv::leaderboard_entry;
using entries = std::vector<leaderboard_entry>;
using test_unit::kv_kind;

template <class T>
T run(platform::asio::awaitable<T> work) {
  return test_unit::run_coroutine(std::move(work));
}

// Each case on a fresh board store: a new in-process one, or a new redis-server.
class Leaderboard : public testing::TestWithParam<kv_kind> {
 protected:
  void SetUp() override {
    if (GetParam() == kv_kind::in_process) {
      board_ = std::make_unique<platform::kv::in_process_leaderboard>();
      return;
    }
    if (!test_support::redis_server::available()) GTEST_SKIP() << test_unit::no_redis_server;
    redis_.emplace();
    board_ = std::make_unique<platform::kv::redis_leaderboard>(redis_->executor(), redis_->endpoint());
  }
  void TearDown() override { board_.reset(); }

  std::optional<test_unit::redis_fixture> redis_;
  std::unique_ptr<platform::kv::leaderboard> board_;
};

INSTANTIATE_TEST_SUITE_P(Backends, Leaderboard, testing::Values(kv_kind::in_process, kv_kind::redis),
                         test_unit::kv_kind_name);

TEST_P(Leaderboard, AddsToScoresAndReturnsTheNewOne) {
  auto& board = *board_;
  EXPECT_EQ(run(board.add("g1", "7", 5)), 5);
  EXPECT_EQ(run(board.add("g1", "7", 3)), 8);
  EXPECT_EQ(run(board.add("g2", "7", 1)), 1);
  EXPECT_EQ(run(board.top("g1")), (entries{{"7", 8}}));
}

TEST_P(Leaderboard, SortsByScoreDescendingAndTiesByMember) {
  auto& board = *board_;
  run(board.set("g", "b", 10));
  run(board.set("g", "c", 30));
  run(board.set("g", "a", 10));
  run(board.set("g", "d", 0));
  EXPECT_EQ(run(board.top("g")), (entries{{"c", 30}, {"a", 10}, {"b", 10}, {"d", 0}}));
}

TEST_P(Leaderboard, RemovesMembersAndToleratesMissingOnes) {
  auto& board = *board_;
  run(board.set("g", "a", 1));
  run(board.set("g", "b", 2));
  run(board.remove("g", "a"));
  run(board.remove("g", "nobody"));
  run(board.remove("no board", "a"));
  EXPECT_EQ(run(board.top("g")), (entries{{"b", 2}}));
  EXPECT_TRUE(run(board.top("no board")).empty());
}

TEST_P(Leaderboard, ReplaceHoldsExactlyTheGivenEntries) {
  auto& board = *board_;
  run(board.set("g", "old", 99));
  run(board.replace("g", entries{{"x", 1}, {"y", 2}, {"x", 3}}));
  EXPECT_EQ(run(board.top("g")), (entries{{"x", 3}, {"y", 2}}));
  run(board.replace("g", entries{}));
  EXPECT_TRUE(run(board.top("g")).empty());
}

// Under TSan too (scripts/lib/tsan.sh): adds, reads and rebuilds of one board from several threads lose no add
// (on Redis: calls from many threads pipelined on one connection).
TEST_P(Leaderboard, LosesNoAddUnderConcurrentCallers) {
  auto& board = *board_;
  constexpr int threads = 4;
  constexpr int adds = 500;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&board, t] {
      for (int i = 0; i < adds; ++i) {
        run(board.add("g", "shared", 1));
        run(board.add("g", "own" + std::to_string(t), 2));
        if (i % 50 == 0) {
          run(board.top("g"));
          run(board.replace("other", entries{{"m", i}}));
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  const auto top = run(board.top("g"));
  ASSERT_EQ(top.size(), static_cast<std::size_t>(threads + 1));
  EXPECT_EQ(top[0], (leaderboard_entry{"shared", threads * adds}));
  for (int t = 0; t < threads; ++t)
    EXPECT_EQ(top[static_cast<std::size_t>(1 + t)], (leaderboard_entry{"own" + std::to_string(t), 2 * adds}));
}

}  // namespace
