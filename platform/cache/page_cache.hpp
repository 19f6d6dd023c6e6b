// Rendered pages (responses of public, caller-independent GETs such as list pages), reused until the data
// behind them changes and refreshed every max_age. A hit costs a map lookup and a copy instead of the query.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "platform/http/message.hpp"
#include "platform/io/asio.hpp"

namespace platform::cache {

// A counter that moves whenever what the pages show may have changed: an app passes its database's write
// generation (`[&db] { return db.write_generation(); }`), so the cache needs no SQL. Called from any thread.
using generation_source = std::function<std::uint64_t()>;

class page_cache {
 public:
  // max_age bounds how stale a page can be when another process changed the data (this process's own writes
  // invalidate at once through the generation).
  page_cache(generation_source generation, std::chrono::milliseconds max_age, std::size_t max_entries);

  // Read it before rendering a page, and store the page under it.
  std::uint64_t generation() const;
  // The page stored for this request target, if nothing was written since. A page older than max_age is
  // refreshed by the first caller to find it (it gets nullopt and renders) while the others keep getting
  // it until the fresh one is stored: an expiring page costs one render, not one per waiting request. A
  // refresh that never stores (it failed) lets the next caller after another max_age try again.
  std::optional<http::response> find(std::string_view target);
  // Keeps a 200 response (anything else is not cached).
  void store(std::string_view target, std::uint64_t generation, const http::response& page);

 private:
  struct entry {
    std::uint64_t generation;
    std::chrono::steady_clock::time_point stored_at;
    std::chrono::steady_clock::time_point refresh_started_at;  // of the last refresh handed out, if any
    std::shared_ptr<const http::response> page;
  };

  const generation_source generation_;
  const std::chrono::milliseconds max_age_;
  const std::size_t max_entries_;
  // Lookups are short (no I/O, no rendering under the lock), so two I/O threads rarely wait on each other.
  mutable std::mutex mutex_;
  std::unordered_map<std::string, entry> entries_;
};

// Answers from the cache, or awaits render(args...) and keeps what it rendered. `target` is the request
// target (path and query), the cache key: only for routes whose answer depends on nothing else.
template <class Render, class... Args>
asio::awaitable<http::response> cached(page_cache& cache, std::string target, Render render, Args... args) {
  if (auto hit = cache.find(target)) co_return std::move(*hit);
  const auto generation = cache.generation();
  http::response page = co_await render(std::move(args)...);
  cache.store(target, generation, page);
  co_return page;
}

}  // namespace platform::cache
