// Counting messages and bytes in and out of a connection's queue.
#include "platform/messaging/send_queue.hpp"

namespace platform::messaging {

bool send_queue::push(payload message) {
  if (queue_.size() + 1 > limits_.max_messages || bytes_ + message->size() > limits_.max_bytes) return false;
  bytes_ += message->size();
  queue_.push_back(std::move(message));
  return true;
}

payload send_queue::pop() {
  payload next = std::move(queue_.front());
  queue_.pop_front();
  bytes_ -= next->size();
  return next;
}

void send_queue::take(std::vector<payload>& out, std::size_t max_messages, std::size_t max_bytes) {
  out.clear();
  std::size_t taken_bytes = 0;
  while (!queue_.empty() && out.size() < max_messages &&
         (out.empty() || taken_bytes + queue_.front()->size() <= max_bytes)) {
    taken_bytes += queue_.front()->size();
    out.push_back(pop());
  }
}

std::vector<payload> send_queue::take_all() {
  std::vector<payload> all(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
  clear();
  return all;
}

void send_queue::clear() {
  queue_.clear();
  bytes_ = 0;
}

}  // namespace platform::messaging
