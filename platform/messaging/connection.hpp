// A message-oriented connection to one client, whatever carries it: a WebSocket, or a SockJS session over a
// WebSocket or HTTP requests. Protocols on top (STOMP) are written against this and nothing else.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>

#include "platform/io/asio.hpp"

namespace platform::messaging {

// One message, shared rather than copied when the same text goes to many connections (a broadcast).
using payload = std::shared_ptr<const std::string>;
inline payload make_payload(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

// Close codes use the WebSocket numbering (RFC 6455 §7.4) whatever the transport; SockJS carries them in its
// close frame.
namespace close_codes {
inline constexpr std::uint16_t normal = 1000;
inline constexpr std::uint16_t going_away = 1001;
inline constexpr std::uint16_t protocol_error = 1002;
inline constexpr std::uint16_t policy_violation = 1008;
inline constexpr std::uint16_t too_big = 1009;
inline constexpr std::uint16_t internal_error = 1011;
inline constexpr std::uint16_t try_again_later = 1013;
}  // namespace close_codes

class connection : public std::enable_shared_from_this<connection> {
 public:
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  virtual ~connection();

  // Queues one message; callable from any thread and never blocks. Dropped once the connection is closing.
  // A connection whose queue overflows is closed (each transport documents its limits).
  virtual void send(payload message) = 0;
  void send(std::string text) { send(make_payload(std::move(text))); }

  // Sends what is already queued, then closes; callable from any thread; later calls are ignored.
  virtual void close(std::uint16_t code, std::string reason) = 0;

  // The executor every handler callback of this connection runs on.
  const boost::asio::any_io_executor& executor() const { return executor_; }
  const std::string& remote_ip() const { return remote_ip_; }
  // For logs: the id of the request that opened the connection.
  const std::string& id() const { return id_; }

 protected:
  connection(boost::asio::any_io_executor executor, std::string remote_ip, std::string id);

  boost::asio::any_io_executor executor_;
  std::string remote_ip_;
  std::string id_;
};

// Implemented by the protocol layer; one handler object per connection (made by the transport's factory).
// Callbacks run on the connection's executor, one at a time. A handler that keeps the connection in shared
// state (a room, a subscription) should keep a weak_ptr, or drop its shared_ptr in on_close.
class handler {
 public:
  virtual ~handler();
  // Once the transport is open; sends are allowed from here on.
  virtual void on_open(std::shared_ptr<connection> c) = 0;
  // One whole message. The next one is delivered only after this returns, so a slow handler slows its own
  // peer, nobody else. An exception closes the connection with 1011.
  virtual asio::awaitable<void> on_message(std::shared_ptr<connection> c, std::string message) = 0;
  // Once, after on_open, when the connection is over; nothing is sent after it.
  virtual void on_close(std::shared_ptr<connection> c) = 0;
};

}  // namespace platform::messaging
