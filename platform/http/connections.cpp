// Registry of live connections used by drain() and the connection ceiling.
#include "platform/http/detail/connections.hpp"

#include <utility>

#include <boost/asio/post.hpp>

#include "platform/obs/platform_metrics.hpp"

namespace platform::http::detail {

connections::membership::membership(connections& set, boost::asio::any_io_executor executor)
    : set_(&set), entry_(std::make_shared<connection_entry>()) {
  entry_->executor = std::move(executor);
  std::lock_guard lock(set_->mutex_);
  set_->entries_.insert(entry_);
  obs::metrics().http_connections.inc();
}

connections::membership::membership(membership&& other) noexcept
    : set_(std::exchange(other.set_, nullptr)), entry_(std::move(other.entry_)) {}

connections::membership::~membership() {
  if (set_ == nullptr) return;  // moved from
  // A close_idle() already posted may still run; the stream `close` cancels is gone by now.
  entry_->idle = false;
  entry_->close = nullptr;
  std::lock_guard lock(set_->mutex_);
  set_->entries_.erase(entry_);
  obs::metrics().http_connections.dec();
}

std::size_t connections::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void connections::close_idle() const {
  std::lock_guard lock(mutex_);
  for (const auto& entry : entries_) {
    boost::asio::post(entry->executor, [entry] {
      if (entry->idle && entry->close) entry->close();
    });
  }
}

}  // namespace platform::http::detail
