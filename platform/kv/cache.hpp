// Interface of a key-value cache with expiry, tags and versions: in-process, or Redis shared by every instance.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/io/asio.hpp"

namespace platform::kv {

// Values are opaque strings (an app stores rendered JSON). A tag names what an entry was computed from (a
// group, a member): tagged() finds every live entry one change affects, so it can be recomputed. Each entry
// also carries a version (a counter the writer chooses): a put never replaces an entry of a newer version, so
// a value computed before a change cannot overwrite one computed after it, whichever lands last.
//
// The store also hands out those versions and records, per tag, the version of its last change, so writers on
// every instance that share the store (one Redis) compare their versions with each other's: a version taken
// before a computation tells whether a change to what it read came after it started.
//
// Threading: every call may come from any thread, concurrently. Calls are awaitable because a remote backend
// does I/O; the in-process one completes without suspending.
class cache {
 public:
  virtual ~cache();

  // The value unless absent or expired.
  virtual asio::awaitable<std::optional<std::string>> get(std::string key) = 0;
  // Stores the value for `ttl` with its tags unless the entry there has a newer version; true if it stored.
  virtual asio::awaitable<bool> put(std::string key, std::string value, std::chrono::milliseconds ttl,
                                    std::vector<std::string> tags, std::uint64_t version) = 0;
  virtual asio::awaitable<void> erase(std::string key) = 0;
  // The keys of the live entries that carry `tag`.
  virtual asio::awaitable<std::vector<std::string>> tagged(std::string tag) = 0;

  // The newest version handed out by mark_changed (or a starting point newer than any before it): take it
  // before computing, store the result under it.
  virtual asio::awaitable<std::uint64_t> current_version() = 0;
  // A version newer than every one handed out before, recorded as the last change of `tag`.
  virtual asio::awaitable<std::uint64_t> mark_changed(std::string tag) = 0;
  // The newest version any of `tags` was marked with by mark_changed; 0 when none was.
  virtual asio::awaitable<std::uint64_t> last_changed(std::vector<std::string> tags) = 0;

 protected:
  cache() = default;
  cache(const cache&) = default;
  cache& operator=(const cache&) = default;
  cache(cache&&) = default;
  cache& operator=(cache&&) = default;
};

}  // namespace platform::kv
