// A key is in running_ while its runs go on; its `next` round collects the requests made meanwhile, which the
// current run may have read before, so they get a run of their own after it.
#include "platform/cache/coalescer.hpp"

#include <exception>
#include <functional>
#include <utility>
#include <vector>

#include "platform/io/spawn.hpp"

namespace platform::cache {

struct coalescer::round {
  std::vector<std::function<void()>> waiters;  // each posts its caller's resumption; guarded by the mutex

  void end() {
    for (const auto& resume : waiters) resume();
  }
};

coalescer::coalescer(refresh_fn refresh, std::string what) : refresh_(std::move(refresh)), what_(std::move(what)) {}

coalescer::~coalescer() = default;

// Must be called with mutex_ held. The round a new request joins: the key's next one, or a first one that the
// caller starts.
std::shared_ptr<coalescer::round> coalescer::join(std::string key) {
  const auto [entry, idle] = running_.try_emplace(std::move(key));
  if (idle) return nullptr;
  if (!entry->second.next) entry->second.next = std::make_shared<round>();
  return entry->second.next;
}

void coalescer::request(std::string key, const asio::any_io_executor& where) {
  {
    const std::lock_guard lock(mutex_);
    if (join(key)) return;
  }
  asio::co_spawn(where, run_until_settled(std::move(key), std::make_shared<round>()), io::log_failure(what_));
}

asio::awaitable<void> coalescer::after(std::string key) {
  const auto where = co_await asio::this_coro::executor;
  auto wait = [this, &key, &where](auto handler) {
    // Shared, so that a copyable std::function can hold the move-only handler.
    auto resumable = std::make_shared<decltype(handler)>(std::move(handler));
    auto waiter = [resumable, executor = asio::get_associated_executor(*resumable, where)] {
      asio::post(executor, [resumable] { (*resumable)(); });
    };
    auto first = std::shared_ptr<round>();
    {
      const std::lock_guard lock(mutex_);
      if (auto queued = join(key)) {
        queued->waiters.push_back(std::move(waiter));
        return;
      }
      first = std::make_shared<round>();
      first->waiters.push_back(std::move(waiter));
    }
    asio::co_spawn(where, run_until_settled(std::move(key), std::move(first)), io::log_failure(what_));
  };
  co_await asio::async_initiate<decltype(asio::use_awaitable), void()>(std::move(wait), asio::use_awaitable);
}

asio::awaitable<void> coalescer::run_until_settled(std::string key, std::shared_ptr<round> current) {
  for (;;) {
    try {
      co_await refresh_(key);
    } catch (...) {  // whatever it was, the key must not stay marked running
      io::log_escaped(what_, std::current_exception());
    }
    const std::lock_guard lock(mutex_);
    current->end();
    const auto entry = running_.find(key);
    if (!entry->second.next) {
      running_.erase(entry);
      co_return;
    }
    current = std::move(entry->second.next);
  }
}

}  // namespace platform::cache
