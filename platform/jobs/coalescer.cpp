// The per-key state: absent (idle), false (running, nothing new), true (running, run again after).
#include "platform/jobs/coalescer.hpp"

#include <exception>
#include <utility>

#include "platform/io/spawn.hpp"

namespace platform::jobs {

coalescer::coalescer(asio::any_io_executor where, refresh_fn refresh, std::string what)
    : where_(std::move(where)), refresh_(std::move(refresh)), what_(std::move(what)) {}

void coalescer::request(std::string key) {
  {
    const std::lock_guard lock(mutex_);
    const auto [state, idle] = running_.try_emplace(key, false);
    if (!idle) {
      state->second = true;
      return;
    }
  }
  asio::co_spawn(where_, run_until_settled(std::move(key)), io::log_failure(what_));
}

asio::awaitable<void> coalescer::run_until_settled(std::string key) {
  for (;;) {
    try {
      co_await refresh_(key);
    } catch (...) {  // whatever it was, the key must not stay marked running
      io::log_escaped(what_, std::current_exception());
    }
    const std::lock_guard lock(mutex_);
    const auto state = running_.find(key);
    if (!state->second) {
      running_.erase(state);
      co_return;
    }
    state->second = false;  // the requests since this run began are served by the next one
  }
}

}  // namespace platform::jobs
