// The Engine.IO session's state machine: open → closing (the close packet waits for the transport) → closed,
// the polling queue, the WebSocket upgrade, and the heartbeat, all on the session's executor.
#include "platform/socketio/engine_session.hpp"

#include <exception>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "platform/io/spawn.hpp"
#include "platform/obs/platform_metrics.hpp"

namespace platform::socketio {
namespace {

constexpr auto as_tuple = asio::as_tuple(asio::use_awaitable);
// The encoded close and noop packets.
constexpr std::string_view close_packet = "1";
constexpr std::string_view noop_packet = "6";
constexpr std::chrono::milliseconds upgrade_check{100};

}  // namespace

engine_session::engine_session(boost::asio::any_io_executor executor, std::shared_ptr<const engine_options> options,
                               std::string sid, std::shared_ptr<messaging::handler> handler,
                               std::weak_ptr<messaging::session_table> table, std::string remote_ip,
                               std::string request_id)
    : messaging::connection(std::move(executor), std::move(remote_ip), std::move(request_id)),
      options_(std::move(options)),
      sid_(std::move(sid)),
      handler_(std::move(handler)),
      table_(std::move(table)),
      poll_(executor_, options_->queue),
      heartbeat_(executor_) {}

engine_session::~engine_session() = default;

std::string engine_session::open_packet(bool can_upgrade) const {
  boost::json::array upgrades;
  if (can_upgrade) upgrades.emplace_back("websocket");
  const boost::json::object handshake{{"sid", sid_},
                                      {"upgrades", std::move(upgrades)},
                                      {"pingInterval", options_->ping_interval.count()},
                                      {"pingTimeout", options_->ping_timeout.count()},
                                      {"maxPayload", options_->max_payload}};
  return encode_engine_packet({engine_type::open, boost::json::serialize(handshake), false});
}

void engine_session::start(const std::shared_ptr<engine_session>& self) {
  try {
    self->handler_->on_open(self);
  } catch (const std::exception& e) {
    spdlog::error("socket.io {} on_open failed: {}", self->id_, e.what());
    self->request_close("server error");
  }
  asio::co_spawn(self->executor_, heartbeat(self), io::log_failure("socket.io heartbeat"));
}

void engine_session::send(messaging::payload message) {
  asio::dispatch(executor_, [self = shared_session(), message = std::move(message)] {
    self->enqueue({engine_type::message, *message, false});
  });
}

void engine_session::close(std::uint16_t, std::string reason) {
  asio::dispatch(executor_, [self = shared_session(), reason = std::move(reason)] { self->request_close(reason); });
}

asio::awaitable<std::optional<std::string>> engine_session::poll(std::shared_ptr<engine_session> self) {
  if (self->ws_) co_return std::nullopt;  // upgraded: a late poll is refused and changes nothing
  if (self->poll_.attach() == 0) {
    self->request_close("overlapping polls");
    co_return std::nullopt;
  }
  auto probe_deadline = messaging::long_poll::clock::time_point::max();
  for (;;) {
    if (self->ws_) {  // upgraded while this poll waited
      self->poll_.release();
      co_return std::nullopt;
    }
    if (!self->poll_.queue().empty()) {
      std::string body;
      for (const auto& packet : self->poll_.take_all()) {
        if (!body.empty()) body += record_separator;
        body += *packet;
      }
      self->poll_.release();
      if (self->state_ == state::closing) self->finish_close();  // the close packet went out with this body
      co_return body;
    }
    if (self->state_ == state::closed) {
      self->poll_.release();
      co_return std::string(self->closed_by_client_ ? noop_packet : close_packet);
    }
    // Once a WebSocket has probed, the poll (waiting then or coming later) gets a noop within upgrade_check, as the
    // reference server writes one every 100 ms until the upgrade is done: the client pauses polling on it, then
    // sends "5". A poll still here when the upgrade completes is refused like a later one.
    if (self->probed_) {
      const auto now = messaging::long_poll::clock::now();
      if (probe_deadline == messaging::long_poll::clock::time_point::max()) {
        probe_deadline = now + upgrade_check;
      } else if (now >= probe_deadline) {
        self->poll_.release();
        co_return std::string(noop_packet);
      }
    }
    // Woken by a packet queued, an upgrade or the close; the heartbeat's ping comes within ping_interval.
    co_await self->poll_.park(probe_deadline);
  }
}

asio::awaitable<bool> engine_session::receive(std::shared_ptr<engine_session> self,
                                              std::vector<engine_packet> packets) {
  co_await self->poll_.begin_delivery();
  if (self->state_ != state::open || self->ws_) {
    self->poll_.end_delivery();
    co_return false;
  }
  bool accepted = true;
  for (auto& packet : packets) {
    if (self->state_ != state::open) break;
    if (packet.binary) {
      accepted = false;
      self->request_close("binary packets are not served");
      break;
    }
    co_await handle(self, std::move(packet));
  }
  self->poll_.end_delivery();
  co_return accepted;
}

void engine_session::use_websocket(std::shared_ptr<messaging::connection> ws) {
  ws_ = std::move(ws);
  for (const auto& packet : poll_.take_all()) ws_->send(packet);
  if (state_ == state::closing) finish_close();
}

asio::awaitable<void> engine_session::on_websocket_packet(std::shared_ptr<engine_session> self,
                                                          std::shared_ptr<messaging::connection> ws,
                                                          engine_packet packet) {
  if (self->ws_ == ws) {
    if (packet.binary) {
      self->request_close("binary packets are not served");
      co_return;
    }
    co_await handle(self, std::move(packet));
    co_return;
  }
  // The candidate WebSocket taking over from polling: "2probe", answered "3probe"; then "5" switches.
  if (self->probe_ != ws || self->state_ != state::open) {
    ws->close(messaging::close_codes::policy_violation, "Session is not polling");
    co_return;
  }
  if (packet.type == engine_type::ping && packet.data == "probe") {
    self->probed_ = true;
    ws->send(encode_engine_packet({engine_type::pong, "probe", false}));
    self->poll_.wake();  // the waiting GET starts its wait for the noop
  } else if (packet.type == engine_type::upgrade && self->probed_) {
    self->probe_.reset();
    self->probed_ = false;
    self->use_websocket(std::move(ws));
    self->poll_.wake();
  } else {
    ws->close(messaging::close_codes::protocol_error, "Expected an upgrade probe");
  }
}

void engine_session::offer_websocket(std::shared_ptr<messaging::connection> ws) {
  // One candidate at a time, and none once upgraded, as the reference server refuses them.
  if (state_ != state::open || ws_ || probe_) {
    ws->close(messaging::close_codes::policy_violation, "Session is not polling");
    return;
  }
  probe_ = std::move(ws);
}

void engine_session::websocket_closed(const messaging::connection* ws) {
  if (probe_.get() == ws) {  // the upgrade failed; polling goes on
    probe_.reset();
    probed_ = false;
  }
  if (ws_.get() == ws) {
    ws_.reset();
    request_close("transport close");
    finish_close();
  }
}

asio::awaitable<void> engine_session::heartbeat(std::shared_ptr<engine_session> self) {
  while (self->state_ == state::open) {
    self->heartbeat_.expires_after(self->options_->ping_interval);
    co_await self->heartbeat_.async_wait(as_tuple);
    if (self->state_ != state::open) break;
    self->pong_due_ = true;
    self->enqueue({engine_type::ping, "", false});
    self->heartbeat_.expires_after(self->options_->ping_timeout);
    co_await self->heartbeat_.async_wait(as_tuple);  // cancelled by the pong
    if (self->state_ == state::open && self->pong_due_) {
      spdlog::debug("socket.io {} session {}: ping timeout", self->id_, self->sid_);
      self->request_close("ping timeout");
      self->finish_close();
    }
  }
}

asio::awaitable<void> engine_session::handle(std::shared_ptr<engine_session> self, engine_packet packet) {
  switch (packet.type) {
    case engine_type::pong:
      self->pong_due_ = false;
      self->heartbeat_.cancel();
      break;
    case engine_type::message:
      try {
        // Held here: a close while the handler is suspended releases the session's reference.
        const auto handler = self->handler_;
        if (!handler) break;
        co_await handler->on_message(self, std::move(packet.data));
      } catch (const std::exception& e) {
        spdlog::error("socket.io {} handler failed: {}", self->id_, e.what());
        self->request_close("server error");
      }
      break;
    case engine_type::close:
      if (!self->ws_) {
        // Over polling the client is gone already: nothing more is queued for it, and a poll it left waiting ends
        // with a noop, as the reference server answers it.
        self->poll_.clear();
        self->closed_by_client_ = true;
      } else {
        self->request_close("client close");
      }
      self->finish_close();
      break;
    default:
      break;  // pings, noops and stray upgrades carry nothing for us
  }
}

void engine_session::enqueue(const engine_packet& packet) {
  if (state_ != state::open) return;  // closing or closed: late sends are dropped
  auto encoded = messaging::make_payload(encode_engine_packet(packet));
  if (ws_) {
    ws_->send(std::move(encoded));
    return;
  }
  if (!poll_.push(std::move(encoded))) {
    spdlog::warn("socket.io {} {} send queue full ({} packets, {} bytes): closing", id_, remote_ip_,
                 poll_.queue().size(), poll_.queue().bytes());
    poll_.clear();
    request_close("send queue overflow");
    finish_close();
    obs::metrics().slow_consumers_closed.inc();
  }
}

void engine_session::request_close(const std::string& reason) {
  if (state_ != state::open) return;  // the first close wins
  spdlog::debug("socket.io {} session {} closing: {}", id_, sid_, reason);
  state_ = state::closing;
  heartbeat_.cancel();
  const auto packet = messaging::make_payload(std::string(close_packet));
  if (ws_) {
    ws_->send(packet);
    ws_->close(messaging::close_codes::normal, "");
    finish_close();
    return;
  }
  // The close packet waits for the next poll (a waiting one is woken by the push), or at most ping_timeout for a
  // client that may never poll again; no wait when nothing else is queued and no poll is waiting.
  if (!poll_.push(packet)) {
    poll_.clear();
    finish_close();
  } else if (!poll_.has_receiver()) {
    if (poll_.queue().size() == 1) {
      finish_close();
    } else {
      poll_.expire_after(options_->ping_timeout, [self = shared_session()] { self->finish_close(); });
    }
  }
}

void engine_session::finish_close() {
  if (state_ == state::closed) return;
  state_ = state::closed;
  heartbeat_.cancel();
  poll_.stop_expiry();
  poll_.wake();
  if (probe_) probe_->close(messaging::close_codes::normal, "");
  probe_.reset();
  if (auto table = table_.lock()) table->remove(sid_, this);
  if (auto handler = std::move(handler_)) {
    try {
      handler->on_close(shared_session());
    } catch (const std::exception& e) {
      spdlog::error("socket.io {} on_close failed: {}", id_, e.what());
    }
  }
}

}  // namespace platform::socketio
