// Copies checked against their age and the announcements heard while they were read.
#include "platform/kv/near_cache.hpp"

#include <utility>

namespace platform::kv {

near_cache::near_cache(std::unique_ptr<cache> shared, pubsub& bus, std::string channel,
                       std::chrono::milliseconds max_age, std::size_t max_bytes)
    : shared_(std::move(shared)),
      bus_(bus),
      channel_(std::move(channel)),
      max_age_(max_age),
      max_bytes_(max_bytes),
      feed_(bus_.subscribe(
          channel_, [this](std::string_view, const std::shared_ptr<const std::string>& key) { forget(*key); })) {}

near_cache::~near_cache() = default;

std::optional<std::string> near_cache::fresh_copy(const std::string& key, std::uint64_t& heard) {
  const std::lock_guard lock(mutex_);
  heard = heard_;
  const auto found = copies_.find(key);
  if (found == copies_.end()) return std::nullopt;
  if (clock::now() - found->second.read_at < max_age_) return found->second.value;
  bytes_ -= found->first.size() + found->second.value.size();
  copies_.erase(found);
  return std::nullopt;
}

asio::awaitable<std::optional<std::string>> near_cache::get(std::string key) {
  std::uint64_t heard = 0;
  auto copied = fresh_copy(key, heard);
  if (copied) co_return copied;
  const auto read_at = clock::now();
  auto value = co_await shared_->get(key);
  if (value) keep(key, *value, read_at, heard);
  co_return value;
}

void near_cache::keep(const std::string& key, const std::string& value, clock::time_point read_at,
                      std::uint64_t heard) {
  const std::size_t size = key.size() + value.size();
  const std::lock_guard lock(mutex_);
  if (heard_ != heard) return;  // a change was announced while it was read: it may be from before
  if (const auto old = copies_.find(key); old != copies_.end()) {
    bytes_ -= old->first.size() + old->second.value.size();
    copies_.erase(old);
  }
  if (bytes_ + size > max_bytes_) drop_expired(clock::now());
  if (bytes_ + size > max_bytes_) return;
  copies_.emplace(key, copy{value, read_at});
  bytes_ += size;
}

void near_cache::drop_expired(clock::time_point now) {
  for (auto it = copies_.begin(); it != copies_.end();) {
    if (now - it->second.read_at < max_age_) {
      ++it;
      continue;
    }
    bytes_ -= it->first.size() + it->second.value.size();
    it = copies_.erase(it);
  }
}

void near_cache::forget(std::string_view key) {
  const std::lock_guard lock(mutex_);
  ++heard_;
  if (const auto found = copies_.find(std::string(key)); found != copies_.end()) {
    bytes_ -= found->first.size() + found->second.value.size();
    copies_.erase(found);
  }
}

void near_cache::announce(const std::string& key) {
  forget(key);  // at once: the echo of this instance's own publish does not come back over Redis
  bus_.publish(channel_, std::make_shared<const std::string>(key));
}

asio::awaitable<bool> near_cache::put(std::string key, std::string value, std::chrono::milliseconds ttl,
                                      std::vector<std::string> tags, std::uint64_t version) {
  const bool stored = co_await shared_->put(key, std::move(value), ttl, std::move(tags), version);
  announce(key);
  co_return stored;
}

asio::awaitable<void> near_cache::erase(std::string key) {
  co_await shared_->erase(key);
  announce(key);
}

asio::awaitable<std::vector<std::string>> near_cache::tagged(std::string tag) {
  co_return co_await shared_->tagged(std::move(tag));
}

asio::awaitable<std::uint64_t> near_cache::current_version() { co_return co_await shared_->current_version(); }

asio::awaitable<std::uint64_t> near_cache::mark_changed(std::string tag) {
  co_return co_await shared_->mark_changed(std::move(tag));
}

asio::awaitable<std::uint64_t> near_cache::last_changed(std::vector<std::string> tags) {
  co_return co_await shared_->last_changed(std::move(tags));
}

}  // namespace platform::kv
