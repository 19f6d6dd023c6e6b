// Background work off the I/O threads with back-pressure: a fixed number of worker threads and a bounded queue
// whose submitters wait (asynchronously) while it is full, instead of a pool that grows or rejects.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>

#include "platform/io/asio.hpp"

namespace platform::jobs {

// submit() after stop(), or a submitter still waiting for room when stop() came: the job was not taken.
struct executor_stopped : std::runtime_error {
  executor_stopped() : std::runtime_error("bounded executor stopped") {}
};

// Each worker is a thread of its own with its own io_context and runs one job at a time, start to end: a job
// may block its worker (that is what the threads are for) or await (a database transaction, the blocking
// pool), and it resumes on its worker either way. No job runs on the caller's thread.
//
// What is submitted but not started is lost on stop() and on a crash: work that must happen is recorded
// durably first and the executor only runs it (see apps/bbodok/withdrawal).
class bounded_executor {
 public:
  using job = std::function<asio::awaitable<void>()>;

  // name: for the log lines of failed jobs. workers ≥ 1; capacity: jobs that may wait for a worker (≥ 1).
  bounded_executor(std::string name, std::size_t workers, std::size_t capacity);
  bounded_executor(const bounded_executor&) = delete;
  bounded_executor& operator=(const bounded_executor&) = delete;
  ~bounded_executor();

  // Completes once a worker has the job or it waits in the queue; while capacity jobs wait it suspends the
  // caller (never its thread) until one is taken. Throws executor_stopped when the job was not taken. A job
  // that throws is logged with the executor's name; the worker goes on with the next one.
  asio::awaitable<void> submit(job work);

  // Jobs submitted and not yet started by a worker: the queued ones, the suspended submitters' and those
  // being handed to a worker; so at most capacity + submitters + workers.
  std::size_t depth() const { return depth_.load(std::memory_order_relaxed); }
  // The largest depth() seen since construction.
  std::size_t peak_depth() const { return peak_.load(std::memory_order_relaxed); }

  // Takes no more jobs and drops the queued ones; jobs running go on to their end. Idempotent.
  void stop();
  // stop(), then waits for the running jobs to finish. Call it before what the jobs use is destroyed.
  void join();

 private:
  using channel = asio::experimental::concurrent_channel<void(boost::system::error_code, job)>;
  using work_guard = asio::executor_work_guard<asio::io_context::executor_type>;

  asio::awaitable<void> work_loop();
  void count_in();

  const std::string name_;
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::vector<work_guard> guards_;
  std::unique_ptr<channel> queue_;
  std::vector<std::thread> threads_;
  std::atomic<std::size_t> depth_{0};
  std::atomic<std::size_t> peak_{0};
  std::atomic<bool> stopped_{false};
};

}  // namespace platform::jobs
