// Embedded cache backend: a mutex-guarded map in this process, bounded in entries.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "platform/kv/cache.hpp"

namespace platform::kv {

// The lock is held only for map work, never across I/O. When max_entries is reached, expired entries go
// first, then (if still full) the one closest to expiry.
class in_process_cache final : public cache {
 public:
  explicit in_process_cache(std::size_t max_entries = 100'000);

  asio::awaitable<std::optional<std::string>> get(std::string key) override;
  asio::awaitable<bool> put(std::string key, std::string value, std::chrono::milliseconds ttl,
                            std::vector<std::string> tags, std::uint64_t version) override;
  asio::awaitable<void> erase(std::string key) override;
  asio::awaitable<std::vector<std::string>> tagged(std::string tag) override;
  asio::awaitable<std::uint64_t> current_version() override;
  asio::awaitable<std::uint64_t> mark_changed(std::string tag) override;
  asio::awaitable<std::uint64_t> last_changed(std::vector<std::string> tags) override;

  // For tests and health pages: entries stored, expired ones included until they are dropped.
  std::size_t size() const;

 private:
  using clock = std::chrono::steady_clock;
  struct entry {
    std::string value;
    clock::time_point expires_at;
    std::vector<std::string> tags;
    std::uint64_t version = 0;
  };

  void drop(std::unordered_map<std::string, entry>::iterator it);  // mutex_ held
  void make_room(clock::time_point now);                           // mutex_ held

  const std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, entry> entries_;
  std::unordered_map<std::string, std::unordered_set<std::string>> by_tag_;
  std::uint64_t version_ = 0;                               // the last one handed out
  std::unordered_map<std::string, std::uint64_t> changed_;  // tag -> version of its last change
};

}  // namespace platform::kv
