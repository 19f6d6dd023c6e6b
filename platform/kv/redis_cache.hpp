// The kv cache on Redis, shared by every instance: entries, versions and tags kept atomic by Lua scripts.
#pragma once

#include <memory>

#include <boost/asio/any_io_executor.hpp>

#include "platform/io/asio.hpp"
#include "platform/kv/cache.hpp"
#include "platform/kv/redis_url.hpp"

namespace platform::kv {

class redis_connection;

// Entry "k" is the hash "kv:cache:k" (value, version, tags as JSON) expiring after its ttl; tag "t" is the set
// "kv:tag:t" of entry keys, expiring no sooner than its longest-lived entry. put() and erase() run as Lua
// scripts (EVALSHA, loaded on every connection), so the version check, the value and its tag sets change
// together whichever instance writes; tagged() drops members whose entry has expired. Versions come from the
// counter "kv:version", which starts at Redis's clock in microseconds when absent, so a Redis that restarted
// empty never hands out a version older than one a computation still holds from before; tag "t"'s last change
// is "kv:changed:t" (kept 10 minutes, far longer than a computation). Not for Redis Cluster (the scripts touch
// keys they do not declare).
//
// Outage: the cache degrades to an empty one: get() misses (the caller computes from its database), put()
// and erase() are dropped (put() answers false), tagged() finds nothing, versions and changes read 0 (nothing is
// stored meanwhile, so no version needs comparing). Nothing throws; the connection logs
// the outage once. Entries stored before an outage may be stale after it for at most their ttl.
class redis_cache final : public cache {
 public:
  redis_cache(const asio::any_io_executor& executor, const redis_endpoint& endpoint);
  ~redis_cache() override;
  redis_cache(const redis_cache&) = delete;
  redis_cache& operator=(const redis_cache&) = delete;
  redis_cache(redis_cache&&) = delete;
  redis_cache& operator=(redis_cache&&) = delete;

  asio::awaitable<std::optional<std::string>> get(std::string key) override;
  asio::awaitable<bool> put(std::string key, std::string value, std::chrono::milliseconds ttl,
                            std::vector<std::string> tags, std::uint64_t version) override;
  asio::awaitable<void> erase(std::string key) override;
  asio::awaitable<std::vector<std::string>> tagged(std::string tag) override;
  asio::awaitable<std::uint64_t> current_version() override;
  asio::awaitable<std::uint64_t> mark_changed(std::string tag) override;
  asio::awaitable<std::uint64_t> last_changed(std::vector<std::string> tags) override;

 private:
  std::shared_ptr<redis_connection> connection_;
};

}  // namespace platform::kv
