// The SockJS WebSocket transport: o, a[...], h and c[...] frames over a ws::session, which keeps doing the I/O,
// the bounded queue and the WebSocket-level limits.
#include <atomic>
#include <exception>
#include <string>
#include <utility>
#include <variant>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include "platform/http/upgrade.hpp"
#include "platform/obs/platform_metrics.hpp"
#include "platform/sockjs/endpoint.hpp"
#include "platform/sockjs/frames.hpp"
#include "platform/sockjs/incoming.hpp"

namespace platform::sockjs {
namespace {

// The code for the WebSocket close that follows a SockJS close frame: the frame's own when the WebSocket
// protocol allows sending it (RFC 6455 §7.4), else 1000. The client reads the code from the frame anyway.
std::uint16_t websocket_close_code(std::uint16_t code) {
  const bool sendable =
      (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
  return sendable ? code : messaging::close_codes::normal;
}

// The connection the handler sees: frames every message, sends heartbeats, and closes with a close frame.
// On the ws::session's executor, like every callback.
class websocket_session final : public messaging::connection {
 public:
  websocket_session(std::shared_ptr<messaging::connection> socket, std::chrono::milliseconds heartbeat_interval)
      : messaging::connection(socket->executor(), socket->remote_ip(), socket->id()),
        socket_(std::move(socket)),
        heartbeat_interval_(heartbeat_interval),
        heartbeat_(executor_) {}

  using messaging::connection::send;
  void send(messaging::payload message) override {
    const std::string_view text = *message;
    // The ws::session drops it once closing, and closes itself when its queue overflows.
    socket_->send(message_frame(std::span<const std::string_view>(&text, 1)));
  }

  void close(std::uint16_t code, std::string reason) override {
    asio::dispatch(executor_, [self = shared_websocket_session(), code, reason = std::move(reason)]() mutable {
      if (self->closing_) return;
      self->closing_ = true;
      self->heartbeat_.cancel();
      self->socket_->send(close_frame(code, reason));
      self->socket_->close(websocket_close_code(code), std::move(reason));
    });
  }

  void start_heartbeat() {
    heartbeat_.expires_after(heartbeat_interval_);
    heartbeat_.async_wait(
        [weak = std::weak_ptr<websocket_session>(shared_websocket_session())](const boost::system::error_code& ec) {
          auto self = weak.lock();
          if (ec || !self || self->closing_) return;
          self->socket_->send(heartbeat_frame());
          self->start_heartbeat();
        });
  }

  // The WebSocket is over: no more heartbeats, and the ws::session is let go.
  void stop() {
    closing_ = true;
    heartbeat_.cancel();
  }

 private:
  std::shared_ptr<websocket_session> shared_websocket_session() {
    return std::static_pointer_cast<websocket_session>(shared_from_this());
  }

  std::shared_ptr<messaging::connection> socket_;
  std::chrono::milliseconds heartbeat_interval_;
  asio::steady_timer heartbeat_;
  bool closing_ = false;  // on the executor only
  obs::gauge_scope counted_{obs::metrics().sockjs_sessions};
};

// The table key of a WebSocket session. A WebSocket session lives as long as its connection and its id may be
// reused, even by two connections at once (the protocol allows it), so it is not found by id: it is in the
// table only to count against max_sessions and to be closed on drain. Ids cannot contain dots, so these keys
// never meet an xhr session's.
std::string websocket_key() {
  static std::atomic<std::uint64_t> next{0};
  return "websocket." + std::to_string(next.fetch_add(1, std::memory_order_relaxed));
}

// The ws::handler between the ws::session and the application's handler.
class framed_handler final : public messaging::handler {
 public:
  framed_handler(std::shared_ptr<const endpoint> sockjs, std::shared_ptr<messaging::handler> inner)
      : sockjs_(std::move(sockjs)), inner_(std::move(inner)), key_(websocket_key()) {}

  void on_open(std::shared_ptr<messaging::connection> socket) override {
    session_ = std::make_shared<websocket_session>(socket, sockjs_->options.heartbeat_interval);
    // Checked by the factory already; a race for the last free place loses here.
    if (sockjs_->sessions->add(key_, session_) != messaging::session_table::added::yes) {
      socket->send(close_frame(go_away));
      socket->close(messaging::close_codes::normal, "");
      session_.reset();
      return;
    }
    socket->send(open_frame());
    session_->start_heartbeat();
    inner_->on_open(session_);
  }

  asio::awaitable<void> on_message(std::shared_ptr<messaging::connection> socket, std::string message) override {
    if (!session_) co_return;
    auto decoded = decode_websocket(message, sockjs_->options.max_body_bytes);
    auto* messages = std::get_if<std::vector<std::string>>(&decoded);
    if (messages == nullptr) {
      // sockjs-node drops such a connection without a close frame: the client sent something no client sends.
      spdlog::info("sockjs {} websocket message refused: {}", socket->id(), describe(std::get<decode_error>(decoded)));
      socket->close(messaging::close_codes::protocol_error, std::string(describe(std::get<decode_error>(decoded))));
      co_return;
    }
    for (auto& text : *messages) {
      try {
        co_await inner_->on_message(session_, std::move(text));
      } catch (const std::exception& e) {
        spdlog::error("sockjs {} handler failed: {}", socket->id(), e.what());
        session_->close(messaging::close_codes::internal_error, "");
        co_return;
      }
    }
  }

  void on_close(std::shared_ptr<messaging::connection>) override {
    if (!session_) return;
    auto session = std::move(session_);
    session->stop();
    sockjs_->sessions->remove(key_, session.get());
    inner_->on_close(session);
  }

 private:
  std::shared_ptr<const endpoint> sockjs_;
  std::shared_ptr<messaging::handler> inner_;
  std::string key_;
  std::shared_ptr<websocket_session> session_;  // from on_open to on_close
};

}  // namespace

http::websocket_endpoint framed_websocket_endpoint(const std::shared_ptr<const endpoint>& sockjs) {
  auto factory = [sockjs](const http::upgrade_request& up) -> std::shared_ptr<messaging::handler> {
    if (!session_id_of(*sockjs, up.path) || sockjs->sessions->full()) return nullptr;
    auto inner = sockjs->make_handler(session_request{up.path, up.query, up.remote_ip, up.id});
    if (!inner) return nullptr;
    return std::make_shared<framed_handler>(sockjs, std::move(inner));
  };
  return ws::endpoint(factory, sockjs->options.websocket);
}

}  // namespace platform::sockjs
