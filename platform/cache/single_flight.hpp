// Concurrent misses of one key that share one computation, so a cold entry asked for by 64 requests at once
// costs one database read instead of 64.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "platform/io/asio.hpp"

namespace platform::cache {

// The first caller for a key starts the computation; callers that arrive while it runs wait for it and get its
// value, or its exception, as well. Once it has ended, the next caller starts a new one: nothing is kept (the
// cache the computation fills is the memory). The computation runs as a coroutine of its own on the first
// caller's executor, so a caller that gives up (its request timed out) leaves it running for the others. The
// single_flight must outlive the computations it started (an app keeps it beside the cache it fills).
//
// Threading: run() from any thread; each caller resumes on its own executor.
class single_flight {
 public:
  using compute_fn = std::function<asio::awaitable<std::string>()>;

  // `what` names the computations in log lines.
  explicit single_flight(std::string what);
  ~single_flight();
  single_flight(const single_flight&) = delete;
  single_flight& operator=(const single_flight&) = delete;

  // The value of the computation for `key` that is running, or of `compute`, started now.
  asio::awaitable<std::string> run(std::string key, compute_fn compute);

 private:
  struct flight;

  asio::awaitable<void> fly(std::string key, std::shared_ptr<flight> shared, compute_fn compute);

  const std::string what_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<flight>> flights_;  // running computations by key
};

}  // namespace platform::cache
