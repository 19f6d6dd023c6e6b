// A key is in flights_ while its computation runs; the callers that find it there wait on the flight.
#include "platform/cache/single_flight.hpp"

#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include "platform/io/spawn.hpp"

namespace platform::cache {

struct single_flight::flight {
  std::vector<std::function<void()>> waiters;  // each posts its caller's resumption; guarded by the mutex
  // Written once by the computation before it resumes the waiters, read by them afterwards.
  std::optional<std::string> value;
  std::exception_ptr failure;
};

single_flight::single_flight(std::string what) : what_(std::move(what)) {}

single_flight::~single_flight() = default;

asio::awaitable<std::string> single_flight::run(std::string key, compute_fn compute) {
  const auto where = co_await asio::this_coro::executor;
  std::shared_ptr<flight> joined;
  auto wait = [this, &key, &compute, &where, &joined](auto handler) {
    // Shared, so that a copyable std::function can hold the move-only handler.
    auto resumable = std::make_shared<decltype(handler)>(std::move(handler));
    auto waiter = [resumable, executor = asio::get_associated_executor(*resumable, where)] {
      asio::post(executor, [resumable] { (*resumable)(); });
    };
    bool first = false;
    {
      const std::lock_guard lock(mutex_);
      auto& running = flights_[key];
      if (!running) {
        running = std::make_shared<flight>();
        first = true;
      }
      joined = running;
      joined->waiters.push_back(std::move(waiter));
    }
    if (first) asio::co_spawn(where, fly(std::move(key), joined, std::move(compute)), io::log_failure(what_));
  };
  co_await asio::async_initiate<decltype(asio::use_awaitable), void()>(std::move(wait), asio::use_awaitable);
  if (joined->failure) std::rethrow_exception(joined->failure);
  co_return *joined->value;  // a copy: every waiter shares the flight
}

asio::awaitable<void> single_flight::fly(std::string key, std::shared_ptr<flight> shared, compute_fn compute) {
  try {
    shared->value = co_await compute();
  } catch (...) {  // the waiters rethrow it
    shared->failure = std::current_exception();
  }
  std::vector<std::function<void()>> waiters;
  {
    const std::lock_guard lock(mutex_);
    flights_.erase(key);
    waiters = std::move(shared->waiters);
  }
  for (const auto& resume : waiters) resume();
}

}  // namespace platform::cache
