// The bounded queue between whoever sends to a connection and the one writer that drains it: messages in order,
// limited in number and in bytes. Every real-time transport keeps one per connection, on its executor.
#pragma once

#include <cstddef>
#include <deque>
#include <vector>

#include "platform/messaging/connection.hpp"

namespace platform::messaging {

struct send_limits {
  std::size_t max_messages = 1024;
  std::size_t max_bytes = 4 * 1024 * 1024;
};

// Not thread-safe: the owning connection touches it on its executor only.
class send_queue {
 public:
  explicit send_queue(send_limits limits) : limits_(limits) {}

  // Queues the message unless it would pass either limit; false means the consumer has fallen behind, and the
  // owner closes it (a transport states its overflow policy; dropping messages silently is not one).
  [[nodiscard]] bool push(payload message);

  // The oldest message; the queue must not be empty.
  payload pop();
  // Moves the oldest messages into `out` (cleared first): at least one, then more while the count stays within
  // max_messages and the bytes within max_bytes. For writers that send a backlog in one write.
  void take(std::vector<payload>& out, std::size_t max_messages, std::size_t max_bytes);
  // Everything queued, oldest first.
  std::vector<payload> take_all();
  void clear();

  bool empty() const { return queue_.empty(); }
  std::size_t size() const { return queue_.size(); }
  std::size_t bytes() const { return bytes_; }

 private:
  send_limits limits_;
  std::deque<payload> queue_;
  std::size_t bytes_ = 0;
};

}  // namespace platform::messaging
