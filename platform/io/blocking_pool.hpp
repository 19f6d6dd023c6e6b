// A bounded pool of threads for blocking work (SQLite, password hashing, files, blocking HTTP clients),
// awaited from coroutines so that nothing blocks an I/O thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
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

  // Runs fn(args...) on a pool thread and resumes the caller on its own executor with the result;
  // exceptions thrown by fn propagate to the caller.
  //
  // Pass a named function and its arguments rather than a capturing lambda written inside the
  // co_await expression. GCC 12 bit-copies closures and aggregates that cross into a coroutine by
  // value and then frees their members twice; so the job is assembled here, outside any coroutine,
  // and only a pointer to it travels through Asio's (coroutine-based) initiation.
  template <class F, class... Args>
  asio::awaitable<std::invoke_result_t<F&, Args&...>> run(F fn, Args... args) {
    using result_type = std::invoke_result_t<F&, Args&...>;
    static_assert(std::is_void_v<result_type> || std::is_default_constructible_v<result_type>,
                  "blocking_pool::run needs a default-constructible result to carry an exception");
    // Admitted here, where pool_saturated reaches the caller's co_await: thrown inside Asio's initiation, it
    // would escape the caller's io_context::run() instead.
    auto ticket = std::make_unique<admission>(*this);
    auto job = [fn = std::move(fn), ... args = std::move(args)]() mutable -> result_type { return fn(args...); };
    using job_type = decltype(job);
    auto* pending = new job_type(std::move(job));  // owned by the initiation below from its first line
    auto initiate = [this](auto handler, job_type* raw, admission* raw_ticket) {
      std::unique_ptr<job_type> owned(raw);
      std::unique_ptr<admission> held(raw_ticket);
      this->post_job(std::move(handler), std::move(owned), std::move(*held));
    };
    if constexpr (std::is_void_v<result_type>) {
      return asio::async_initiate<decltype(asio::use_awaitable), void(std::exception_ptr)>(
          initiate, asio::use_awaitable, pending, ticket.release());
    } else {
      return asio::async_initiate<decltype(asio::use_awaitable), void(std::exception_ptr, result_type)>(
          initiate, asio::use_awaitable, pending, ticket.release());
    }
  }

  void stop();
  // Waits until every job queued or running has finished. A server calls it after its I/O threads stop and
  // before what the jobs use (the database) is destroyed: a job outlives the request that queued it.
  void join();

 private:
  // Runs the job on the pool, then completes handler on the handler's own executor (the caller's
  // strand), keeping that executor's work count up meanwhile. The ticket is held until the job has run.
  template <class Handler, class Job, class Ticket>
  void post_job(Handler handler, std::unique_ptr<Job> job, Ticket ticket) {
    auto work = asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
    asio::post(pool_, [handler = std::move(handler), job = std::move(job), work = std::move(work),
                       ticket = std::move(ticket)]() mutable {
      using result_type = std::invoke_result_t<Job&>;
      std::exception_ptr failure;
      if constexpr (std::is_void_v<result_type>) {
        try {
          (*job)();
        } catch (...) {
          failure = std::current_exception();
        }
        job.reset();
        { [[maybe_unused]] auto done = std::move(ticket); }
        asio::dispatch(work, [handler = std::move(handler), failure]() mutable { std::move(handler)(failure); });
      } else {
        result_type value{};
        try {
          value = (*job)();
        } catch (...) {
          failure = std::current_exception();
        }
        job.reset();
        { [[maybe_unused]] auto done = std::move(ticket); }
        asio::dispatch(work, [handler = std::move(handler), failure, value = std::move(value)]() mutable {
          std::move(handler)(failure, std::move(value));
        });
      }
    });
  }

  // Counts a job from admission to completion; refuses it when max_pending are already counted.
  class admission {
   public:
    explicit admission(blocking_pool& pool);
    admission(admission&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)) {}
    admission(const admission&) = delete;
    admission& operator=(const admission&) = delete;
    admission& operator=(admission&&) = delete;
    ~admission();

   private:
    blocking_pool* pool_;
  };

  asio::thread_pool pool_;
  const std::size_t max_pending_;
  std::atomic<std::size_t> pending_{0};
};

}  // namespace platform::io
