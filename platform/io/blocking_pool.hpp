// A bounded pool of threads for blocking work (SQLite, password hashing, files, blocking HTTP clients),
// awaited from coroutines so that nothing blocks an I/O thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include <boost/asio/thread_pool.hpp>

#include "platform/io/asio.hpp"

namespace platform::io {

// Thrown by run() when more jobs wait than the pool admits; the HTTP layer answers 503.
struct pool_saturated : std::runtime_error {
  pool_saturated() : std::runtime_error("blocking pool saturated") {}
};

class blocking_pool {
 public:
  blocking_pool(std::size_t threads, std::size_t max_pending);
  blocking_pool(const blocking_pool&) = delete;
  blocking_pool& operator=(const blocking_pool&) = delete;
  ~blocking_pool();

  // Runs fn() on a pool thread and resumes the caller on its own executor with the result.
  // Exceptions thrown by fn() propagate to the caller.
  template <class F>
  asio::awaitable<std::invoke_result_t<F&>> run(F fn) {
    admission ticket(*this);
    co_return co_await asio::co_spawn(
        pool_,
        [fn = std::move(fn)]() mutable -> asio::awaitable<std::invoke_result_t<F&>> { co_return fn(); },
        asio::use_awaitable);
  }

  void stop();

 private:
  // Counts a job from admission to completion; refuses it when max_pending are already counted.
  class admission {
   public:
    explicit admission(blocking_pool& pool);
    admission(const admission&) = delete;
    admission& operator=(const admission&) = delete;
    ~admission();

   private:
    blocking_pool& pool_;
  };

  asio::thread_pool pool_;
  const std::size_t max_pending_;
  std::atomic<std::size_t> pending_{0};
};

}  // namespace platform::io
