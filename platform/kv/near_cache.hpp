// A near copy, in this instance, of the entries of the cache every instance shares (Redis): a hot entry is read
// from memory instead of over the network on every request.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/kv/cache.hpp"
#include "platform/kv/pubsub.hpp"

namespace platform::kv {

// get() answers from the copy while it is younger than max_age and no instance has stored or erased the entry
// since; otherwise it reads the shared cache and keeps what it read. put() and erase() go to the shared cache and
// then announce the key on `channel`, and every instance drops its copy when the announcement arrives; a read
// that was in flight when any announcement arrived keeps nothing, so a value read before a change cannot outlive
// the change here. What announcements cannot cover, max_age bounds: a copy is at most that old when Redis loses
// announcements (an outage), or when a read on this instance follows a write through another by less than the
// announcement's trip (the window the page cache accepts too, docs/architecture.md). Copies take at most
// max_bytes; past that a read keeps nothing until older copies have expired. Tags, versions and changes go to the
// shared cache as they are.
//
// Threading: any call from any thread; the copies are guarded by a mutex that is never held across I/O.
class near_cache final : public cache {
 public:
  near_cache(std::unique_ptr<cache> shared, pubsub& bus, std::string channel, std::chrono::milliseconds max_age,
             std::size_t max_bytes = std::size_t{64} << 20U);
  ~near_cache() override;
  near_cache(const near_cache&) = delete;
  near_cache& operator=(const near_cache&) = delete;
  near_cache(near_cache&&) = delete;
  near_cache& operator=(near_cache&&) = delete;

  asio::awaitable<std::optional<std::string>> get(std::string key) override;
  asio::awaitable<bool> put(std::string key, std::string value, std::chrono::milliseconds ttl,
                            std::vector<std::string> tags, std::uint64_t version) override;
  asio::awaitable<void> erase(std::string key) override;
  asio::awaitable<std::vector<std::string>> tagged(std::string tag) override;
  asio::awaitable<std::uint64_t> current_version() override;
  asio::awaitable<std::uint64_t> mark_changed(std::string tag) override;
  asio::awaitable<std::uint64_t> last_changed(std::vector<std::string> tags) override;

 private:
  using clock = std::chrono::steady_clock;
  struct copy {
    std::string value;
    clock::time_point read_at;  // when the read that brought it began
  };

  // The copy if it is young enough (an old one is dropped); otherwise the announcements heard so far, for keep().
  std::optional<std::string> fresh_copy(const std::string& key, std::uint64_t& heard);
  void keep(const std::string& key, const std::string& value, clock::time_point read_at, std::uint64_t heard);
  // Drops this instance's copy and tells the others to drop theirs.
  void announce(const std::string& key);
  void forget(std::string_view key);
  void drop_expired(clock::time_point now);  // with mutex_ held

  std::unique_ptr<cache> shared_;
  pubsub& bus_;
  const std::string channel_;
  const std::chrono::milliseconds max_age_;
  const std::size_t max_bytes_;
  std::mutex mutex_;
  std::unordered_map<std::string, copy> copies_;
  std::size_t bytes_ = 0;
  std::uint64_t heard_ = 0;  // announcements dropped so far, this instance's own included
  subscription feed_;        // last: unsubscribed first, while what its handler touches still exists
};

}  // namespace platform::kv
