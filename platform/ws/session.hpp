// WebSocket sessions on Beast: one reader and one writer per connection joined by a bounded send queue.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "platform/http/upgrade.hpp"
#include "platform/io/asio.hpp"
#include "platform/messaging/connection.hpp"
#include "platform/messaging/send_queue.hpp"

namespace platform::ws {

using close_code = boost::beast::websocket::close_code;
using messaging::make_payload;
using messaging::payload;

struct session_options {
  std::size_t read_message_max = 64 * 1024;  // a bigger incoming message closes the session with 1009
  // Send queue limits. A session whose queue would exceed either is closed with `overflow_code`: its queue
  // is dropped, the close frame goes out once the write in progress (if any) finishes, and the socket is
  // dropped if that has not happened within close_timeout (a peer that does not read never lets it finish).
  std::size_t queue_max_messages = 1024;
  std::size_t queue_max_bytes = 4 * 1024 * 1024;
  // When the writer finds several messages queued, send up to coalesce_max_messages of them (at most
  // coalesce_max_bytes, unless one alone is bigger) as ONE WebSocket message with one write: only for protocols
  // whose messages are a byte stream that the peer splits itself (STOMP: frames end with NUL and clients parse
  // them incrementally), never when each message must arrive on its own. It costs no latency (only a backlog is
  // joined) and is what keeps a busy fan-out from paying a system call per message on both sides.
  bool coalesce = false;
  std::size_t coalesce_max_messages = 32;
  std::size_t coalesce_max_bytes = 64 * 1024;
  // 1013 "try again later" rather than 1008 "policy violation": falling behind is a transient condition
  // (a slow network, a suspended tab), not misbehaviour, and the client should reconnect and resync.
  close_code overflow_code = close_code::try_again_later;
  // Nothing received for this long closes the session; a ping is sent at half of it (Beast's suggested
  // server timeouts, with keep-alive pings on).
  std::chrono::seconds idle_timeout{300};
  std::chrono::seconds handshake_timeout{30};  // the opening and the closing handshake
  // How long a locally started close may take (pending write, close frame, the peer's answer) before the
  // socket is dropped.
  std::chrono::milliseconds close_timeout{5000};
};

// The protocol on top; see messaging::handler. Callbacks receive the ws::session as a messaging::connection.
using handler = messaging::handler;

// Returns the handler for a new connection, or nullptr to refuse it (answered 403 before the handshake).
using handler_factory = std::function<std::shared_ptr<handler>(const http::upgrade_request&)>;

class session : public messaging::connection {
 public:
  session(const session&) = delete;
  session& operator=(const session&) = delete;
  ~session() override;

  // One text message; overflowing the queue closes the session (see session_options).
  using messaging::connection::send;
  void send(payload message) override;

  // Sends what is already queued, then a close frame.
  void close(std::uint16_t code, std::string reason) override;

  // From the upgrade request.
  const std::string& path() const { return path_; }
  const http::params& path_params() const { return path_params_; }
  const http::params& query() const { return query_; }

  // After on_close: the code this side sent, or the peer's; 1006 (abnormal) when no close frame went either way.
  // Read it on the session's executor.
  std::uint16_t close_code_value() const { return close_code_; }

 protected:
  session(boost::asio::any_io_executor executor, session_options options, const http::upgrade_request& up);

  // All below: on executor_ only.
  enum class state { open, closing, closed };
  struct close_request {
    close_code code;
    std::string reason;
    bool drop_queue;
  };
  std::shared_ptr<session> shared_session() { return std::static_pointer_cast<session>(shared_from_this()); }
  void enqueue(payload message);
  void request_close(close_request request);
  virtual void start_close_deadline() = 0;  // drops the socket after close_timeout

  session_options options_;
  std::string path_;
  http::params path_params_;
  http::params query_;

  state state_ = state::open;
  messaging::send_queue queue_;
  std::optional<close_request> pending_close_;  // set once; the writer sends it when the queue allows
  std::uint16_t close_code_ = static_cast<std::uint16_t>(close_code::abnormal);
  boost::asio::steady_timer wake_writer_;  // expires never; cancelled to wake the writer
};

// The WebSocket endpoint to register with http::router::add_websocket: each accepted upgrade gets a
// session with a handler from `make_handler`. Plain and TLS servers are both served.
http::websocket_endpoint endpoint(handler_factory make_handler, session_options options = {});

}  // namespace platform::ws
