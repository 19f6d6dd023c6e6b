// Refreshes per key that fold together: requests for a key arriving while its refresh runs make one more run,
// not one each, so a burst of changes to one thing costs two refreshes instead of hundreds.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "platform/io/asio.hpp"

namespace platform::cache {

// Every request is followed by a run that starts after it (what the run reads includes the change that asked
// for it); runs for one key never overlap, runs for different keys do. A run that throws is logged and counts
// as done. The coalescer must outlive the runs it started (an app keeps it beside the cache it refreshes).
//
// Threading: request() and after() from any thread. A run goes on the executor of the call that started it
// (request's `where`, after's caller's); after() resumes its caller on the caller's own executor.
class coalescer {
 public:
  using refresh_fn = std::function<asio::awaitable<void>(std::string key)>;

  // `what` names the refresh in the log line of a failed run.
  coalescer(refresh_fn refresh, std::string what);
  ~coalescer();
  coalescer(const coalescer&) = delete;
  coalescer& operator=(const coalescer&) = delete;

  // Asks for a run and returns at once.
  void request(std::string key, const asio::any_io_executor& where);
  // Asks for a run and returns once a run that started after this call has ended (whether it succeeded).
  asio::awaitable<void> after(std::string key);

 private:
  struct round;  // one run and the callers waiting for its end
  struct state {
    std::shared_ptr<round> next;  // asked for while the current run goes on; null when nobody asked
  };

  std::shared_ptr<round> join(std::string key);
  asio::awaitable<void> run_until_settled(std::string key, std::shared_ptr<round> current);

  const refresh_fn refresh_;
  const std::string what_;
  std::mutex mutex_;
  std::unordered_map<std::string, state> running_;
};

}  // namespace platform::cache
