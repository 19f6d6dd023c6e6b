// The server side of an HTTP long-poll session, as SockJS's xhr transports and Engine.IO's polling both keep it:
// the messages waiting for the client, the one receiving request parked until there are some, the timer that
// ends a session no request comes back for, and the order in which the client's sending requests are handled.
// The protocol on top decides what a batch looks like, when to close and what closing sends.
#pragma once

#include <chrono>
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>

#include "platform/io/asio.hpp"
#include "platform/messaging/connection.hpp"
#include "platform/messaging/send_queue.hpp"

namespace platform::messaging {

// Not thread-safe: its session touches it on the session's executor only, and runs the coroutines there.
class long_poll {
 public:
  using clock = std::chrono::steady_clock;

  long_poll(const boost::asio::any_io_executor& executor, send_limits limits);

  // --- What waits for the client.
  // Queues the message and wakes the parked receiver; false (nothing queued) when it would pass the limits: the
  // client stopped taking what it is sent, and the session decides how it closes.
  [[nodiscard]] bool push(payload message);
  std::vector<payload> take_all() { return queue_.take_all(); }
  void clear() { queue_.clear(); }
  const send_queue& queue() const { return queue_; }

  // --- The receiving request: at most one at a time.
  // Attaches a receiver and stops the expiry; 0 while another one is attached (the caller refuses it).
  std::uint64_t attach();
  bool attached(std::uint64_t receiver) const { return receiver != 0 && receiver_ == receiver; }
  bool has_receiver() const { return receiver_ != 0; }
  // Detaches the attached receiver (which, if parked, wakes and finds itself detached).
  void release();
  // The parked receiver looks again: something was queued, or the session changed state.
  void wake() { wake_.cancel(); }
  // Parks the receiver until wake() or `until`, whichever is first. The caller loops: look, then park.
  asio::awaitable<void> park(clock::time_point until);

  // --- The session's expiry: `expired` runs after `delay` unless a receiver attaches, or the expiry is re-armed
  // or stopped, first. The pending wait holds `expired` (and whatever it captures: the session keeps itself
  // alive this way while no request does).
  template <class Expired>
  void expire_after(std::chrono::milliseconds delay, Expired expired) {
    const auto generation = ++expiry_generation_;
    expiry_.expires_after(delay);
    expiry_.async_wait([this, generation, expired = std::move(expired)](const boost::system::error_code& ec) mutable {
      if (!ec && generation == expiry_generation_) expired();
    });
  }
  void stop_expiry();

  // --- The client's sending requests: handled one at a time, in the order they came.
  // Waits for the delivery in progress, if any, to end, then starts this one.
  asio::awaitable<void> begin_delivery();
  void end_delivery();
  bool delivering() const { return delivering_; }

 private:
  send_queue queue_;
  std::uint64_t receiver_ = 0;  // the attached receiver, 0 if none
  std::uint64_t last_receiver_ = 0;
  boost::asio::steady_timer wake_;  // the parked receiver's; cancelled to wake it
  boost::asio::steady_timer expiry_;
  std::uint64_t expiry_generation_ = 0;  // tells a stale expiry (re-armed or stopped since) from the current one
  bool delivering_ = false;
  boost::asio::steady_timer delivered_;  // what later deliveries wait on; cancelled when one ends
};

}  // namespace platform::messaging
