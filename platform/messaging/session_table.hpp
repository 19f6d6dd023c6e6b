// The sessions of one endpoint by id (SockJS session ids, Engine.IO sids), shared by the I/O threads; bounded
// in number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "platform/messaging/connection.hpp"

namespace platform::messaging {

// Holds sessions weakly: a session keeps itself alive through its pending timers and requests, so that one whose
// I/O thread has stopped is freed with that thread's io_context and never outlives it.
class session_table {
 public:
  explicit session_table(std::size_t max_sessions) : max_sessions_(max_sessions) {}

  // The live session with this id, or nullptr.
  std::shared_ptr<connection> find(const std::string& id) const;

  enum class added { yes, taken, full };
  added add(const std::string& id, const std::shared_ptr<connection>& session);

  // Forgets `id` if it still names `session` (a newer session may have taken a freed id).
  void remove(const std::string& id, const connection* session);

  bool full() const;

  // Asks every session to close (each on its own executor); used when the server drains.
  void close_all(std::uint16_t code, const std::string& reason) const;

 private:
  const std::size_t max_sessions_;
  mutable std::mutex mutex_;  // guards sessions_ only; never held while calling into a session
  std::unordered_map<std::string, std::weak_ptr<connection>> sessions_;
};

}  // namespace platform::messaging
