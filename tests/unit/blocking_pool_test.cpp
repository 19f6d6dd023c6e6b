// platform::io::blocking_pool under contention: coroutines on several I/O threads hand work to the pool and
// get it back, and the admission cap holds while they race. Run under ThreadSanitizer by scripts/test.
#include "platform/io/blocking_pool.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <future>
#include <memory>
#include <numeric>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace asio = platform::asio;
namespace io = platform::io;
using namespace std::chrono_literals;

// Single-threaded io_contexts, each on its own thread, as platform::io::context_pool runs them.
class io_threads {
 public:
  explicit io_threads(std::size_t count) : contexts_(count) {}

  asio::io_context& at(std::size_t i) { return contexts_[i % contexts_.size()]; }

  // Runs every context on its own thread until its work is done; rethrows the first coroutine failure.
  void run() {
    std::vector<std::thread> threads;
    for (auto& context : contexts_) threads.emplace_back([&context] { context.run(); });
    for (auto& thread : threads) thread.join();
    if (failure_) std::rethrow_exception(failure_);
  }

  auto on_done() {
    return [this](const std::exception_ptr& e) {
      if (e && !failed_.exchange(true)) failure_ = e;
    };
  }

 private:
  std::vector<asio::io_context> contexts_;
  std::atomic<bool> failed_{false};
  std::exception_ptr failure_;
};

// Plain, unsynchronised data that travels from a coroutine to a pool thread and back: the pool's hand-offs
// are all that orders these accesses, which is what ThreadSanitizer checks.
struct job_data {
  std::vector<long> values;
  long sum = 0;
  std::thread::id ran_on;
};

long double_and_sum(job_data* data) {
  for (auto& v : data->values) v *= 2;
  data->ran_on = std::this_thread::get_id();
  return std::accumulate(data->values.begin(), data->values.end(), 0L);
}

asio::awaitable<void> hand_off(io::blocking_pool& pool, job_data& data, long seed) {
  data.values = {seed, seed + 1, seed + 2};
  const auto caller = std::this_thread::get_id();
  data.sum = co_await pool.run(double_and_sum, &data);
  EXPECT_EQ(std::this_thread::get_id(), caller) << "resumed on the caller's I/O thread";
  EXPECT_NE(data.ran_on, caller);
  EXPECT_EQ(data.values, (std::vector<long>{2 * seed, 2 * seed + 2, 2 * seed + 4}));
}

TEST(BlockingPool, HandsDataToThePoolAndBackWhenManyIoThreadsCompete) {
  io::blocking_pool pool(4, 1024);
  io_threads threads(4);
  std::vector<job_data> jobs(400);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    asio::co_spawn(threads.at(i), hand_off(pool, jobs[i], static_cast<long>(i)), threads.on_done());
  }
  threads.run();
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    EXPECT_EQ(jobs[i].sum, 6 * static_cast<long>(i) + 6) << i;
  }
}

// Holds a pool thread until the test opens it.
void wait_at(std::shared_future<void>* gate) { gate->wait(); }

asio::awaitable<void> submit_held(io::blocking_pool& pool, std::shared_future<void>& gate, std::atomic<int>& admitted,
                                  std::atomic<int>& refused) {
  try {
    co_await pool.run(wait_at, &gate);
    ++admitted;
  } catch (const io::pool_saturated&) {
    ++refused;
  }
}

// Spins until done() or the timeout; returns done().
template <class Done>
bool eventually(Done done) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!done() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  return done();
}

TEST(BlockingPool, AdmitsExactlyMaxPendingAndThenAsManyAgainWhenSubmittersRace) {
  constexpr int max_pending = 8;
  constexpr int submitters = 64;
  io::blocking_pool pool(2, max_pending);
  for (int round = 0; round < 2; ++round) {
    std::promise<void> open;
    std::shared_future<void> gate = open.get_future().share();
    std::atomic<int> admitted{0};
    std::atomic<int> refused{0};
    io_threads threads(4);
    for (int i = 0; i < submitters; ++i) {
      asio::co_spawn(threads.at(static_cast<std::size_t>(i)), submit_held(pool, gate, admitted, refused),
                     threads.on_done());
    }
    std::thread runner([&threads] { threads.run(); });
    // Nothing completes while the gate is shut, so the count of refusals is exact.
    const bool all_refused = eventually([&] { return refused.load() == submitters - max_pending; });
    open.set_value();
    runner.join();
    EXPECT_TRUE(all_refused) << "round " << round << ": " << refused.load() << " refused";
    EXPECT_EQ(admitted.load(), max_pending) << "round " << round << ": every finished job gives its place back";
    EXPECT_EQ(refused.load(), submitters - max_pending) << "round " << round;
  }
}

}  // namespace
