// One Engine.IO v4 session (a `sid`): the messages between the protocol on top (Socket.IO) and whichever
// transport carries them now, HTTP long-polling or a WebSocket, the upgrade from the one to the other, and the
// server-driven heartbeat.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "platform/io/asio.hpp"
#include "platform/messaging/connection.hpp"
#include "platform/messaging/long_poll.hpp"
#include "platform/messaging/session_table.hpp"
#include "platform/obs/platform_metrics.hpp"
#include "platform/socketio/engine_packet.hpp"

namespace platform::socketio {

struct engine_options {
  // The server pings every ping_interval; a client that has not answered within ping_timeout is gone.
  std::chrono::milliseconds ping_interval{25'000};
  std::chrono::milliseconds ping_timeout{20'000};
  // maxPayload in the handshake: the most a POST body or a WebSocket message may carry (Socket.IO's
  // maxHttpBufferSize, 1 MB by default as there).
  std::size_t max_payload = 1'000'000;
  // Packets one POST may carry.
  std::size_t max_packets_per_post = 256;
  // What may wait for a polling client; past it the session is closed (a client that stopped polling).
  messaging::send_limits queue;
};

// Everything below runs on the session's executor; HTTP requests and WebSocket handlers on other I/O threads
// run its coroutines with asio::co_spawn(session->executor(), ..., use_awaitable).
//
// Lifetime: the session is kept alive by its heartbeat (until it closes), pending requests, the WebSocket that
// carries it, and while closing by the long poll's expiry; the table only refers to it.
class engine_session final : public messaging::connection {
 public:
  engine_session(boost::asio::any_io_executor executor, std::shared_ptr<const engine_options> options, std::string sid,
                 std::shared_ptr<messaging::handler> handler, std::weak_ptr<messaging::session_table> table,
                 std::string remote_ip, std::string request_id);
  ~engine_session() override;

  // One Engine.IO message (a "4" packet) to the client. Overflowing the polling queue closes the session.
  using messaging::connection::send;
  void send(messaging::payload message) override;
  // Sends what is queued, then the close packet.
  void close(std::uint16_t code, std::string reason) override;

  const std::string& sid() const { return sid_; }

  // The handshake's open packet: sid, upgrades, pingInterval, pingTimeout, maxPayload.
  std::string open_packet(bool can_upgrade) const;

  // Opens the session: the handler's on_open, then the heartbeat.
  static void start(const std::shared_ptr<engine_session>& self);

  // A polling GET: the queued packets as one payload, once there are any; "6" (noop) within 100 ms of an upgrade
  // probe, or when the client closed the session. nullopt when the request is not allowed: another GET is waiting (the
  // session is closed, as the reference server does), or the session moved to a WebSocket (it goes on there); answered
  // 400.
  static asio::awaitable<std::optional<std::string>> poll(std::shared_ptr<engine_session> self);

  // A polling POST's packets, handled in order after those of earlier requests. False when the request is not
  // allowed (closed, upgraded, a binary packet): answered 400.
  static asio::awaitable<bool> receive(std::shared_ptr<engine_session> self, std::vector<engine_packet> packets);

  // The WebSocket side: `ws` carries the session from the start (no polling), or offers to take it over from
  // polling (closed at once unless the session is polling with no other offer). Packets read on it go through
  // on_websocket_packet; its end through websocket_closed.
  void use_websocket(std::shared_ptr<messaging::connection> ws);
  void offer_websocket(std::shared_ptr<messaging::connection> ws);
  static asio::awaitable<void> on_websocket_packet(std::shared_ptr<engine_session> self,
                                                   std::shared_ptr<messaging::connection> ws, engine_packet packet);
  void websocket_closed(const messaging::connection* ws);

 private:
  enum class state { open, closing, closed };
  std::shared_ptr<engine_session> shared_session() {
    return std::static_pointer_cast<engine_session>(shared_from_this());
  }
  static asio::awaitable<void> heartbeat(std::shared_ptr<engine_session> self);
  static asio::awaitable<void> handle(std::shared_ptr<engine_session> self, engine_packet packet);
  void enqueue(const engine_packet& packet);
  void request_close(const std::string& reason);
  void finish_close();

  std::shared_ptr<const engine_options> options_;
  std::string sid_;
  std::shared_ptr<messaging::handler> handler_;  // released after on_close
  std::weak_ptr<messaging::session_table> table_;

  state state_ = state::open;
  // Encoded packets waiting for a poll, the waiting GET (the receiver), the POSTs in order, and while closing the
  // expiry that ends a session whose client never polls for the close packet.
  messaging::long_poll poll_;
  std::shared_ptr<messaging::connection> ws_;     // the WebSocket carrying the session, once upgraded
  std::shared_ptr<messaging::connection> probe_;  // a WebSocket offering to take over from polling
  bool probed_ = false;                           // it sent "2probe": "5" completes the upgrade
  bool closed_by_client_ = false;                 // a close packet came by POST: a waiting GET answers "6"
  bool pong_due_ = false;
  boost::asio::steady_timer heartbeat_;  // the ping interval, then the pong deadline
  obs::gauge_scope counted_{obs::metrics().socketio_sessions};
};

}  // namespace platform::socketio
