// The long-poll session's receiver, expiry and delivery order.
#include "platform/messaging/long_poll.hpp"

#include <boost/asio/as_tuple.hpp>

namespace platform::messaging {
namespace {

constexpr auto as_tuple = asio::as_tuple(asio::use_awaitable);

}  // namespace

long_poll::long_poll(const boost::asio::any_io_executor& executor, send_limits limits)
    : queue_(limits), wake_(executor), expiry_(executor), delivered_(executor, clock::time_point::max()) {}

bool long_poll::push(payload message) {
  if (!queue_.push(std::move(message))) return false;
  wake();
  return true;
}

std::uint64_t long_poll::attach() {
  if (receiver_ != 0) return 0;
  receiver_ = ++last_receiver_;
  stop_expiry();  // a client that is here is not gone
  return receiver_;
}

void long_poll::release() {
  receiver_ = 0;
  wake();
}

asio::awaitable<void> long_poll::park(clock::time_point until) {
  wake_.expires_at(until);
  co_await wake_.async_wait(as_tuple);  // expires at `until`, or cancelled by wake()
}

void long_poll::stop_expiry() {
  ++expiry_generation_;
  expiry_.cancel();
}

asio::awaitable<void> long_poll::begin_delivery() {
  // The timer never expires and is never re-armed (re-arming would cancel the other waiters): end_delivery()
  // cancels every wait, in the order they began; the first to resume goes, the others wait again behind it.
  while (delivering_) co_await delivered_.async_wait(as_tuple);
  delivering_ = true;
}

void long_poll::end_delivery() {
  delivering_ = false;
  delivered_.cancel();
}

}  // namespace platform::messaging
