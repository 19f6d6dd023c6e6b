// platform::cache::single_flight: callers of one key during its computation share it (value or exception), a
// key computes anew once its computation has ended, keys compute side by side. Run under ThreadSanitizer by
// scripts/test.
#include "platform/cache/single_flight.hpp"

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <gtest/gtest.h>

namespace {

namespace asio = platform::asio;
using platform::cache::single_flight;

// Computations that wait until the test opens the gate, numbering their values ("k#1", "k#2", …).
class gated_compute {
 public:
  explicit gated_compute(asio::io_context& io) : gate_(io) { gate_.expires_at(asio::steady_timer::time_point::max()); }

  single_flight::compute_fn operator()(const std::string& key, bool fail = false) {
    return [this, key, fail]() -> asio::awaitable<std::string> {
      const int number = ++computations;
      ++running;
      while (!open_) {
        boost::system::error_code ignored;
        co_await gate_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
      }
      --running;
      if (fail) throw std::runtime_error("the database is down");
      co_return key + "#" + std::to_string(number);
    };
  }
  void open() {
    open_ = true;
    gate_.cancel();
  }

  int computations = 0;
  int running = 0;

 private:
  asio::steady_timer gate_;
  bool open_ = false;
};

void settle(asio::io_context& io) {
  io.restart();
  io.poll();
}

// Spawns a caller of run() that records its value or its exception's message.
void call(asio::io_context& io, single_flight& flights, std::string key, single_flight::compute_fn compute,
          std::vector<std::string>& results) {
  asio::co_spawn(
      io,
      [&flights, &results, key = std::move(key), compute = std::move(compute)]() -> asio::awaitable<void> {
        try {
          results.push_back(co_await flights.run(key, compute));
        } catch (const std::exception& e) {
          results.push_back(std::string("threw: ") + e.what());
        }
      },
      asio::detached);
}

TEST(SingleFlight, CallersDuringAComputationShareItsValue) {
  asio::io_context io;
  gated_compute compute(io);
  single_flight flights("test computation");
  std::vector<std::string> results;

  for (int i = 0; i < 20; ++i) call(io, flights, "rooms:7", compute("rooms:7"), results);
  settle(io);
  EXPECT_EQ(compute.computations, 1) << "twenty callers, one computation";
  EXPECT_TRUE(results.empty());

  compute.open();
  settle(io);
  EXPECT_EQ(results, std::vector<std::string>(20, "rooms:7#1"));
}

TEST(SingleFlight, AKeyComputesAnewOnceItsComputationHasEnded) {
  asio::io_context io;
  gated_compute compute(io);
  compute.open();
  single_flight flights("test computation");
  std::vector<std::string> results;

  call(io, flights, "rooms:7", compute("rooms:7"), results);
  settle(io);
  call(io, flights, "rooms:7", compute("rooms:7"), results);
  settle(io);
  EXPECT_EQ(results, (std::vector<std::string>{"rooms:7#1", "rooms:7#2"})) << "nothing is kept between flights";
}

TEST(SingleFlight, DifferentKeysComputeSideBySide) {
  asio::io_context io;
  gated_compute compute(io);
  single_flight flights("test computation");
  std::vector<std::string> results;

  call(io, flights, "rooms:7", compute("rooms:7"), results);
  call(io, flights, "rooms:8", compute("rooms:8"), results);
  settle(io);
  EXPECT_EQ(compute.running, 2);
  compute.open();
  settle(io);
  EXPECT_EQ(results.size(), 2U);
}

TEST(SingleFlight, AFailureReachesEveryCallerAndFreesTheKey) {
  asio::io_context io;
  gated_compute compute(io);
  single_flight flights("test computation");
  std::vector<std::string> results;

  for (int i = 0; i < 3; ++i) call(io, flights, "rooms:7", compute("rooms:7", /*fail=*/true), results);
  settle(io);
  compute.open();
  settle(io);
  EXPECT_EQ(results, std::vector<std::string>(3, "threw: the database is down"));

  results.clear();
  call(io, flights, "rooms:7", compute("rooms:7"), results);
  settle(io);
  EXPECT_EQ(results, std::vector<std::string>{"rooms:7#2"});
}

TEST(SingleFlight, CallersOnManyThreadsEachGetAValue) {
  constexpr int threads = 4;
  constexpr int per_thread = 500;
  asio::thread_pool pool(threads);
  single_flight flights("test computation");
  std::atomic<int> computations{0};
  std::atomic<int> answered{0};
  const single_flight::compute_fn compute = [&computations]() -> asio::awaitable<std::string> {
    co_return "v" + std::to_string(++computations);
  };
  for (int i = 0; i < threads * per_thread; ++i) {
    asio::co_spawn(
        pool,
        [&]() -> asio::awaitable<void> {
          const std::string value = co_await flights.run("k", compute);
          if (!value.empty()) ++answered;
        },
        asio::detached);
  }
  pool.join();
  EXPECT_EQ(answered, threads * per_thread);
  EXPECT_LE(computations, threads * per_thread);
}

}  // namespace
