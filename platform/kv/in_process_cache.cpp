// A map with expiry times and a tag index kept in step with it.
#include "platform/kv/in_process_cache.hpp"

#include <algorithm>
#include <utility>

namespace platform::kv {

in_process_cache::in_process_cache(std::size_t max_entries) : max_entries_(std::max<std::size_t>(max_entries, 1)) {}

void in_process_cache::drop(std::unordered_map<std::string, entry>::iterator it) {
  for (const auto& tag : it->second.tags) {
    const auto keys = by_tag_.find(tag);
    if (keys == by_tag_.end()) continue;
    keys->second.erase(it->first);
    if (keys->second.empty()) by_tag_.erase(keys);
  }
  entries_.erase(it);
}

void in_process_cache::make_room(clock::time_point now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    const auto next = std::next(it);
    if (it->second.expires_at <= now) drop(it);
    it = next;
  }
  if (entries_.size() < max_entries_) return;
  const auto soonest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
    return a.second.expires_at < b.second.expires_at;
  });
  drop(soonest);
}

asio::awaitable<std::optional<std::string>> in_process_cache::get(std::string key) {
  const std::lock_guard lock(mutex_);
  const auto found = entries_.find(key);
  if (found == entries_.end() || found->second.expires_at <= clock::now()) co_return std::nullopt;
  co_return found->second.value;
}

asio::awaitable<bool> in_process_cache::put(std::string key, std::string value, std::chrono::milliseconds ttl,
                                            std::vector<std::string> tags, std::uint64_t version) {
  const auto now = clock::now();
  const std::lock_guard lock(mutex_);
  const auto found = entries_.find(key);
  if (found != entries_.end()) {
    if (found->second.version > version && found->second.expires_at > now) co_return false;
    drop(found);
  } else if (entries_.size() >= max_entries_) {
    make_room(now);
  }
  for (const auto& tag : tags) by_tag_[tag].insert(key);
  entries_.emplace(std::move(key), entry{std::move(value), now + ttl, std::move(tags), version});
  co_return true;
}

asio::awaitable<void> in_process_cache::erase(std::string key) {
  const std::lock_guard lock(mutex_);
  const auto found = entries_.find(key);
  if (found != entries_.end()) drop(found);
  co_return;
}

asio::awaitable<std::vector<std::string>> in_process_cache::tagged(std::string tag) {
  const auto now = clock::now();
  const std::lock_guard lock(mutex_);
  std::vector<std::string> keys;
  const auto found = by_tag_.find(tag);
  if (found == by_tag_.end()) co_return keys;
  for (const auto& key : found->second) {
    if (entries_.at(key).expires_at > now) keys.push_back(key);
  }
  co_return keys;
}

asio::awaitable<std::uint64_t> in_process_cache::current_version() {
  const std::lock_guard lock(mutex_);
  co_return version_;
}

asio::awaitable<std::uint64_t> in_process_cache::mark_changed(std::string tag) {
  const std::lock_guard lock(mutex_);
  changed_[std::move(tag)] = ++version_;
  co_return version_;
}

asio::awaitable<std::uint64_t> in_process_cache::last_changed(std::vector<std::string> tags) {
  const std::lock_guard lock(mutex_);
  std::uint64_t newest = 0;
  for (const auto& tag : tags) {
    const auto found = changed_.find(tag);
    if (found != changed_.end()) newest = std::max(newest, found->second);
  }
  co_return newest;
}

std::size_t in_process_cache::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace platform::kv
