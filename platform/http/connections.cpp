// Registry of live connections used by drain().
#include "platform/http/detail/connections.hpp"

#include <boost/asio/post.hpp>

namespace platform::http::detail {

void connections::add(const std::shared_ptr<connection_entry>& entry) {
  std::lock_guard lock(mutex_);
  entries_.insert(entry);
}

void connections::remove(const std::shared_ptr<connection_entry>& entry) {
  std::lock_guard lock(mutex_);
  entries_.erase(entry);
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
