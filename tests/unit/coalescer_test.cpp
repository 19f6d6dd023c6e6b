// platform::jobs::coalescer: requests for a key during its run fold into one more run, keys run side by side,
// a failing run neither stops later ones nor leaves its key stuck. Run under ThreadSanitizer by scripts/test.
#include "platform/jobs/coalescer.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

namespace {

namespace asio = platform::asio;
using platform::jobs::coalescer;
using namespace std::chrono_literals;

// Runs that each wait until the test opens the gate (for good), recording which keys ran and how many were running at
// once.
class gated_refresh {
 public:
  explicit gated_refresh(asio::io_context& io) : gate_(io) { gate_.expires_at(asio::steady_timer::time_point::max()); }

  asio::awaitable<void> operator()(std::string key) {
    runs_.push_back(key);
    ++running_;
    most_running_ = std::max(most_running_, running_);
    if (!open_) {
      boost::system::error_code ignored;
      co_await gate_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    }
    --running_;
    if (key == "broken") throw std::runtime_error("the database is down");
  }
  void open() {
    open_ = true;
    gate_.cancel();
  }

  std::vector<std::string> runs_;
  int running_ = 0;
  int most_running_ = 0;

 private:
  asio::steady_timer gate_;
  bool open_ = false;
};

// Runs the context until nothing is left to do (the gate, once open, lets every waiting run finish).
void settle(asio::io_context& io) {
  io.restart();
  io.poll();
}

TEST(Coalescer, RequestsDuringARunFoldIntoOneMoreRun) {
  asio::io_context io;
  gated_refresh refresh(io);
  coalescer refreshes(io.get_executor(), std::ref(refresh), "test refresh");

  refreshes.request("group:1");
  settle(io);
  ASSERT_EQ(refresh.runs_.size(), 1U);
  for (int i = 0; i < 50; ++i) refreshes.request("group:1");
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
  coalescer refreshes(io.get_executor(), std::ref(refresh), "test refresh");

  refreshes.request("group:1");
  settle(io);
  refreshes.request("group:1");
  settle(io);
  EXPECT_EQ(refresh.runs_.size(), 2U);
}

TEST(Coalescer, DifferentKeysRunSideBySide) {
  asio::io_context io;
  gated_refresh refresh(io);
  coalescer refreshes(io.get_executor(), std::ref(refresh), "test refresh");

  refreshes.request("group:1");
  refreshes.request("group:2");
  settle(io);
  EXPECT_EQ(refresh.most_running_, 2);
  refresh.open();
  settle(io);
  EXPECT_EQ(refresh.runs_.size(), 2U);
}

TEST(Coalescer, AFailedRunIsLoggedAndTheKeyRunsAgainWhenAsked) {
  asio::io_context io;
  gated_refresh refresh(io);
  coalescer refreshes(io.get_executor(), std::ref(refresh), "test refresh");

  refreshes.request("broken");
  refreshes.request("broken");
  settle(io);
  refresh.open();
  settle(io);
  EXPECT_EQ(refresh.runs_.size(), 2U) << "the request made during the failing run still gets its run";

  refreshes.request("broken");
  settle(io);
  EXPECT_EQ(refresh.runs_.size(), 3U);
}

TEST(Coalescer, RequestsFromManyThreadsAreEachFollowedByARun) {
  constexpr int threads = 4;
  constexpr int per_thread = 1000;
  asio::io_context io;
  std::atomic<int> requested{0};
  std::atomic<int> runs{0};
  int requested_when_last_run_began = 0;  // only runs write it, and runs of one key never overlap
  coalescer refreshes(
      io.get_executor(),
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
        refreshes.request("group:1");
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
