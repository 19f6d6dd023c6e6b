// platform::kv::in_process_leaderboard: scores, order (ties included), rebuilds, and adds from many threads.
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "platform/kv/in_process_leaderboard.hpp"

namespace {

namespace asio = platform::asio;
using platform::kv::in_process_leaderboard;
using platform::kv::leaderboard_entry;
using entries = std::vector<leaderboard_entry>;

template <class T>
T run(asio::awaitable<T> work) {
  asio::io_context ctx;
  std::optional<T> value;
  std::exception_ptr failure;
  asio::co_spawn(ctx, std::move(work), [&](std::exception_ptr e, T result) {
    failure = e;
    if (!e) value.emplace(std::move(result));
  });
  ctx.run();
  if (failure) std::rethrow_exception(failure);
  return std::move(*value);
}

void run(asio::awaitable<void> work) {
  asio::io_context ctx;
  std::exception_ptr failure;
  asio::co_spawn(ctx, std::move(work), [&](std::exception_ptr e) { failure = e; });
  ctx.run();
  if (failure) std::rethrow_exception(failure);
}

TEST(InProcessLeaderboard, AddsToScoresAndReturnsTheNewOne) {
  in_process_leaderboard board;
  EXPECT_EQ(run(board.add("g1", "7", 5)), 5);
  EXPECT_EQ(run(board.add("g1", "7", 3)), 8);
  EXPECT_EQ(run(board.add("g2", "7", 1)), 1);
  EXPECT_EQ(run(board.top("g1")), (entries{{"7", 8}}));
}

TEST(InProcessLeaderboard, SortsByScoreDescendingAndTiesByMember) {
  in_process_leaderboard board;
  run(board.set("g", "b", 10));
  run(board.set("g", "c", 30));
  run(board.set("g", "a", 10));
  run(board.set("g", "d", 0));
  EXPECT_EQ(run(board.top("g")), (entries{{"c", 30}, {"a", 10}, {"b", 10}, {"d", 0}}));
}

TEST(InProcessLeaderboard, RemovesMembersAndToleratesMissingOnes) {
  in_process_leaderboard board;
  run(board.set("g", "a", 1));
  run(board.set("g", "b", 2));
  run(board.remove("g", "a"));
  run(board.remove("g", "nobody"));
  run(board.remove("no board", "a"));
  EXPECT_EQ(run(board.top("g")), (entries{{"b", 2}}));
  EXPECT_TRUE(run(board.top("no board")).empty());
}

TEST(InProcessLeaderboard, ReplaceHoldsExactlyTheGivenEntries) {
  in_process_leaderboard board;
  run(board.set("g", "old", 99));
  run(board.replace("g", entries{{"x", 1}, {"y", 2}, {"x", 3}}));
  EXPECT_EQ(run(board.top("g")), (entries{{"x", 3}, {"y", 2}}));
  run(board.replace("g", entries{}));
  EXPECT_TRUE(run(board.top("g")).empty());
}

// Under TSan too (scripts/lib/tsan.sh): adds, reads and rebuilds of one board from several threads lose no add.
TEST(InProcessLeaderboard, LosesNoAddUnderConcurrentCallers) {
  in_process_leaderboard board;
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
