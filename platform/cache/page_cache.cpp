// A mutex-guarded map of shared, immutable responses.
#include "platform/cache/page_cache.hpp"

#include <utility>

namespace platform::cache {

page_cache::page_cache(generation_source generation, std::chrono::milliseconds max_age, std::size_t max_entries)
    : generation_(std::move(generation)), max_age_(max_age), max_entries_(max_entries) {}

std::uint64_t page_cache::generation() const { return generation_(); }

std::optional<http::response> page_cache::find(std::string_view target) {
  const auto current = generation();
  std::shared_ptr<const http::response> page;
  {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(std::string(target));
    // A page from before this process's last write is never served: the writer must see its write.
    if (found == entries_.end() || found->second.generation != current) return std::nullopt;
    entry& stored = found->second;
    const auto now = std::chrono::steady_clock::now();
    if (now - stored.stored_at > max_age_ && now - stored.refresh_started_at > max_age_) {
      stored.refresh_started_at = now;
      return std::nullopt;
    }
    page = stored.page;
  }
  return *page;  // copied outside the lock
}

void page_cache::store(std::string_view target, std::uint64_t generation, const http::response& page) {
  if (page.result() != http::status::ok || generation != this->generation()) return;
  auto shared = std::make_shared<const http::response>(page);
  const auto now = std::chrono::steady_clock::now();
  const std::lock_guard lock(mutex_);
  if (entries_.size() >= max_entries_ && !entries_.contains(std::string(target))) {
    // Pages of an older generation are dead anyway; if the live ones fill the cache, start over.
    std::erase_if(entries_, [generation](const auto& item) { return item.second.generation != generation; });
    if (entries_.size() >= max_entries_) entries_.clear();
  }
  entries_.insert_or_assign(std::string(target), entry{generation, now, {}, std::move(shared)});
}

}  // namespace platform::cache
