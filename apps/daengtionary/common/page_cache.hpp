// Rendered list pages (the public, caller-independent GET lists), reused until this process next writes
// to the database, and refreshed every max_age. The lists are the hottest reads (the main page asks for three of them
// on every visit) and each costs a query with per-row subqueries; a hit costs a map lookup and a copy.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "apps/daengtionary/common/async.hpp"
#include "platform/http/message.hpp"

namespace platform::sql {
class database;
}

namespace daengtionary {

class page_cache {
 public:
  // max_age bounds how stale a page can be when another instance wrote to a shared database (this
  // process's own writes invalidate at once through the database's write generation).
  page_cache(const platform::sql::database& db, std::chrono::milliseconds max_age, std::size_t max_entries);

  // Read it before running the query, and store the result under it.
  std::uint64_t generation() const;
  // The page stored for this request target, if nothing was written since. A page older than max_age is
  // refreshed by the first caller to find it (it gets nullopt and renders) while the others keep getting
  // it until the fresh one is stored: an expiring page costs one query, not one per waiting request. A
  // refresh that never stores (it failed) lets the next caller after another max_age try again.
  std::optional<platform::http::response> find(std::string_view target);
  // Keeps a 200 response (anything else is not cached).
  void store(std::string_view target, std::uint64_t generation, const platform::http::response& page);

 private:
  struct entry {
    std::uint64_t generation;
    std::chrono::steady_clock::time_point stored_at;
    std::chrono::steady_clock::time_point refresh_started_at;  // of the last refresh handed out, if any
    std::shared_ptr<const platform::http::response> page;
  };

  const platform::sql::database& db_;
  const std::chrono::milliseconds max_age_;
  const std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, entry> entries_;
};

// Answers from the cache, or awaits render(args...) and keeps what it rendered. `target` is the request
// target (path and query), the cache key: only for routes whose answer depends on nothing else.
template <class Render, class... Args>
asio::awaitable<platform::http::response> cached(page_cache& cache, std::string target, Render render, Args... args) {
  if (auto hit = cache.find(target)) co_return std::move(*hit);
  const auto generation = cache.generation();
  platform::http::response page = co_await render(std::move(args)...);
  cache.store(target, generation, page);
  co_return page;
}

}  // namespace daengtionary
