// Background refreshes per key that fold together: requests for a key arriving while its refresh runs make
// one more run, not one each, so a burst of changes to one thing costs two refreshes instead of hundreds.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "platform/io/asio.hpp"

namespace platform::jobs {

// Every request is followed by a run that starts after it (what the run reads includes the change that asked
// for it); runs for one key never overlap, runs for different keys do. A run that throws is logged and counts
// as done. The coalescer must outlive the runs it started (an app keeps it beside the cache it refreshes).
//
// Threading: request() from any thread; runs are spawned on `where`.
class coalescer {
 public:
  using refresh_fn = std::function<asio::awaitable<void>(std::string key)>;

  // `what` names the refresh in the log line of a failed run.
  coalescer(asio::any_io_executor where, refresh_fn refresh, std::string what);

  void request(std::string key);

 private:
  asio::awaitable<void> run_until_settled(std::string key);

  const asio::any_io_executor where_;
  const refresh_fn refresh_;
  const std::string what_;
  std::mutex mutex_;
  std::unordered_map<std::string, bool> running_;  // key -> requested again while running
};

}  // namespace platform::jobs
