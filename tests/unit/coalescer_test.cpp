// platform::cache::coalescer: requests for a key during its run fold into one more run, keys run side by side,
// a failing run neither stops later ones nor leaves its key stuck. Run under ThreadSanitizer by scripts/test.
#include "platform/cache/coalescer.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

namespace {

namespace asio = platform::asio;
using platform::cache::coalescer;
using namespace std::chrono_literals;

// Runs that each wait until the test lets them finish (one at a time, or all from now on), recording which keys
// ran and how many were running at once.
class gated_refresh {
 public:
  explicit gated_refresh(asio::io_context& io) : gate_(io) { gate_.expires_at(asio::steady_timer::time_point::max()); }

  asio::awaitable<void> operator()(std::string key) {
    runs_.push_back(key);
    ++running_;
    most_running_ = std::max(most_running_, running_);
    while (permits_ == 0) {
      boost::system::error_code ignored;
      co_await gate_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    }
    --permits_;
    --running_;
    if (key == "broken") throw std::runtime_error("the database is down");
  }
  void let_one_finish() { release(1); }
  void open() { release(1'000'000); }

  std::vector<std::string> runs_;
  int running_ = 0;
  int most_running_ = 0;

 private:
  void release(int runs) {
    permits_ += runs;
    gate_.cancel();
  }

  asio::steady_timer gate_;
  int permits_ = 0;
};

// Runs the context until nothing is left to do (the gate, once open, lets every waiting run finish).
void settle(asio::io_context& io) {
  io.restart();
  io.poll();
}

TEST(Coalescer, RequestsDuringARunFoldIntoOneMoreRun) {
  asio::io_context io;
  gated_refresh refresh(io);
  coalescer refreshes(std::ref(refresh), "test refresh");

  refreshes.request("group:1", io.get_executor());
  settle(io);
  ASSERT_EQ(refresh.runs_.size(), 1U);
  for (int i = 0; i < 50; ++i) refreshes.request("group:1", io.get_executor());
  settle(io);
  EXPECT_EQ(refresh.runs_.size(), 1U) << "no second run may start while the first runs";

  refresh.open();
  settle(io);
  EXPECT_EQ(refresh.runs_, (std::vector<std::string>{"group:1", "group:1"}));
  EXPECT_EQ(refresh.most_running_, 1);
}

TEST(Coalescer, ARequestAfterTheRunsSettledStartsANewRun) {
  asio::io_context io;
  gated_refresh refresh(io);
  refresh.open();
  coalescer refreshes(std::ref(refresh), "test refresh");

  refreshes.request("group:1", io.get_executor());
  settle(io);
  refreshes.request("group:1", io.get_executor());
  settle(io);
  EXPECT_EQ(refresh.runs_.size(), 2U);
}

TEST(Coalescer, DifferentKeysRunSideBySide) {
  asio::io_context io;
  gated_refresh refresh(io);
  coalescer refreshes(std::ref(refresh), "test refresh");

  refreshes.request("group:1", io.get_executor());
  refreshes.request("group:2", io.get_executor());
  settle(io);
  EXPECT_EQ(refresh.most_running_, 2);
  refresh.open();
  settle(io);
  EXPECT_EQ(refresh.runs_.size(), 2U);
}

TEST(Coalescer, AFailedRunIsLoggedAndTheKeyRunsAgainWhenAsked) {
  asio::io_context io;
  gated_refresh refresh(io);
  coalescer refreshes(std::ref(refresh), "test refresh");

  refreshes.request("broken", io.get_executor());
  refreshes.request("broken", io.get_executor());
  settle(io);
  refresh.open();
  settle(io);
  EXPECT_EQ(refresh.runs_.size(), 2U) << "the request made during the failing run still gets its run";

  refreshes.request("broken", io.get_executor());
  settle(io);
  EXPECT_EQ(refresh.runs_.size(), 3U);
}

TEST(Coalescer, AfterReturnsOnceARunThatBeganAfterItHasEnded) {
  asio::io_context io;
  gated_refresh refresh(io);
  coalescer refreshes(std::ref(refresh), "test refresh");
  int returned = 0;
  auto wait_for_run = [&]() -> asio::awaitable<void> {
    co_await refreshes.after("group:1");
    ++returned;
  };

  refreshes.request("group:1", io.get_executor());
  settle(io);
  for (int i = 0; i < 20; ++i) asio::co_spawn(io, wait_for_run(), asio::detached);
  settle(io);
  refresh.let_one_finish();
  settle(io);
  ASSERT_EQ(refresh.runs_.size(), 2U) << "the twenty callers share one run after the first";
  EXPECT_EQ(returned, 0) << "the run that was going on when they asked may have read too early";

  refresh.let_one_finish();
  settle(io);
  EXPECT_EQ(returned, 20);
  EXPECT_EQ(refresh.runs_.size(), 2U);
}

TEST(Coalescer, AfterOnAnIdleKeyStartsARunAndWaitsForIt) {
  asio::io_context io;
  gated_refresh refresh(io);
  coalescer refreshes(std::ref(refresh), "test refresh");
  bool returned = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        co_await refreshes.after("broken");
        returned = true;
      },
      asio::detached);
  settle(io);
  EXPECT_EQ(refresh.runs_.size(), 1U);
  EXPECT_FALSE(returned);
  refresh.open();
  settle(io);
  EXPECT_TRUE(returned) << "a failed run still ends the wait";
}

TEST(Coalescer, RequestsFromManyThreadsAreEachFollowedByARun) {
  constexpr int threads = 4;
  constexpr int per_thread = 1000;
  asio::io_context io;
  std::atomic<int> requested{0};
  std::atomic<int> runs{0};
  int requested_when_last_run_began = 0;  // only runs write it, and runs of one key never overlap
  coalescer refreshes(
      [&](std::string) -> asio::awaitable<void> {
        runs.fetch_add(1);
        requested_when_last_run_began = requested.load();
        co_return;
      },
      "test refresh");
  auto busy = asio::make_work_guard(io);
  std::thread runner([&io] { io.run(); });
  std::vector<std::thread> requesters;
  for (int t = 0; t < threads; ++t) {
    requesters.emplace_back([&] {
      for (int i = 0; i < per_thread; ++i) {
        requested.fetch_add(1);
        refreshes.request("group:1", io.get_executor());
      }
    });
  }
  for (auto& t : requesters) t.join();
  busy.reset();
  runner.join();
  EXPECT_EQ(requested_when_last_run_began, threads * per_thread) << "the last request had no run after it";
  EXPECT_GE(runs.load(), 1);
}

}  // namespace
