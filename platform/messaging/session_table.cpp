// Session lookup, admission and the drain-time close of every session.
#include "platform/messaging/session_table.hpp"

#include <vector>

namespace platform::messaging {

std::shared_ptr<connection> session_table::find(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  return it == sessions_.end() ? nullptr : it->second.lock();
}

session_table::added session_table::add(const std::string& id, const std::shared_ptr<connection>& session) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) {
    if (!it->second.expired()) return added::taken;
    it->second = session;  // its session died with its io_context without removing itself
    return added::yes;
  }
  if (sessions_.size() >= max_sessions_) return added::full;
  sessions_.emplace(id, session);
  return added::yes;
}

void session_table::remove(const std::string& id, const connection* session) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  const auto current = it->second.lock();
  if (current == nullptr || current.get() == session) sessions_.erase(it);
}

bool session_table::full() const {
  std::lock_guard lock(mutex_);
  return sessions_.size() >= max_sessions_;
}

void session_table::close_all(std::uint16_t code, const std::string& reason) const {
  std::vector<std::shared_ptr<connection>> live;
  {
    std::lock_guard lock(mutex_);
    live.reserve(sessions_.size());
    for (const auto& [id, session] : sessions_) {
      if (auto s = session.lock()) live.push_back(std::move(s));
    }
  }
  for (const auto& session : live) session->close(code, reason);
}

}  // namespace platform::messaging
