// The STOMP session state machine over a messaging::connection; see session.hpp.
#include "platform/stomp/session.hpp"

#include <exception>
#include <utility>
#include <variant>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "platform/io/spawn.hpp"
#include "platform/obs/platform_metrics.hpp"
#include "platform/stomp/server_frames.hpp"

namespace platform::stomp {
namespace {

namespace close_codes = messaging::close_codes;

// A client that misses one heart-beat may only be late; two in a row is a dead peer.
constexpr int missed_heart_beats_tolerated = 2;

std::optional<std::string> receipt_of(const frame& f) {
  if (const auto receipt = f.header("receipt")) return std::string(*receipt);
  return std::nullopt;
}

}  // namespace

application::~application() = default;

asio::awaitable<void> application::on_unsubscribe(principal, std::string) { co_return; }

asio::awaitable<void> application::on_disconnect(principal, std::vector<std::string>) { co_return; }

session::session(broker& relay, application& app, std::shared_ptr<const destination_rules> rules,
                 std::shared_ptr<const session_options> options)
    : broker_(relay),
      app_(app),
      rules_(std::move(rules)),
      options_(std::move(options)),
      decoder_(options_->frame_limits),
      subscriptions_(options_->max_subscriptions) {}

void session::on_open(std::shared_ptr<messaging::connection> c) { connection_ = std::move(c); }

asio::awaitable<void> session::on_message(std::shared_ptr<messaging::connection> c, std::string message) {
  if (phase_ == phase::closed) co_return;
  last_heard_ = std::chrono::steady_clock::now();
  decoder_.feed(message);
  while (phase_ != phase::closed) {
    auto next = decoder_.next();
    if (!next) break;
    if (auto* f = std::get_if<frame>(&*next)) {
      obs::metrics().stomp_frames_received.inc();
      const auto receipt = receipt_of(*f);
      try {
        co_await handle(c, std::move(*f));
      } catch (const std::exception& e) {
        spdlog::error("stomp {} {}: {}", c->id(), to_string(f->cmd), e.what());
        fail(*c, "Internal server error", receipt, close_codes::internal_error);
      }
    } else if (const auto* failure = std::get_if<decode_failure>(&*next)) {
      fail(*c, failure->message, std::nullopt, close_codes::protocol_error);
    }
    // A heart_beat (a bare EOL) only proves the client alive, which last_heard_ already noted.
  }
}

void session::on_close(std::shared_ptr<messaging::connection> c) {
  const bool was_connected = principal_.has_value();
  phase_ = phase::closed;
  if (heart_beat_timer_) heart_beat_timer_->cancel();
  if (liveness_timer_) liveness_timer_->cancel();
  std::vector<std::string> destinations = std::move(dropped_destinations_);
  for (auto& entry : subscriptions_.take_all()) destinations.push_back(std::move(entry.destination));
  connection_.reset();
  if (!was_connected) return;
  // on_close cannot wait, so the notification runs on its own; the application outlives its sessions.
  asio::co_spawn(c->executor(), app_.on_disconnect(std::move(*principal_), std::move(destinations)),
                 io::log_failure(fmt::format("stomp {} on_disconnect", c->id())));
}

asio::awaitable<void> session::handle(std::shared_ptr<messaging::connection> c, frame f) {
  auto receipt = receipt_of(f);
  const command cmd = f.cmd;
  verdict outcome;
  if (phase_ == phase::awaiting_connect) {
    if (cmd != command::connect && cmd != command::stomp) {
      fail(*c, "Expected CONNECT", receipt, close_codes::protocol_error);
      co_return;
    }
    outcome = co_await connect(c, std::move(f));
    if (!outcome) co_return;  // CONNECTED is the answer; a receipt on CONNECT is not a thing
  } else if (auto refused = refuse_command(cmd)) {
    outcome = std::move(refused);
  } else if (cmd == command::subscribe) {
    outcome = co_await subscribe(c, std::move(f));
  } else if (cmd == command::unsubscribe) {
    outcome = co_await unsubscribe(std::move(f));
  } else if (cmd == command::send) {
    outcome = co_await send(std::move(f));
  } else {  // DISCONNECT: the receipt, then the close (STOMP 1.2: the server closes after the RECEIPT)
    if (receipt) c->send(receipt_frame(*receipt));
    phase_ = phase::closed;
    c->close(close_codes::normal, "");
    co_return;
  }
  if (outcome) {
    fail(*c, outcome->message, receipt, close_codes::policy_violation);
  } else if (receipt && phase_ != phase::closed) {
    c->send(receipt_frame(*receipt));
  }
}

asio::awaitable<verdict> session::connect(std::shared_ptr<messaging::connection> c, frame f) {
  auto terms = negotiate_connect(f, options_->heart_beat_send_ms, options_->heart_beat_expect_ms);
  if (auto* refused = std::get_if<refusal>(&terms)) co_return std::move(*refused);
  std::string remote_ip = c->remote_ip();
  auto who = co_await app_.authenticate(std::move(f), std::move(remote_ip));
  if (auto* refused = std::get_if<refusal>(&who)) co_return std::move(*refused);
  if (phase_ == phase::closed) co_return std::nullopt;  // the connection ended while the application worked
  principal_ = std::move(std::get<principal>(who));
  phase_ = phase::connected;
  const auto& agreed = std::get<connect_terms>(terms);
  c->send(connected_frame(agreed, options_->server_name));
  start_heart_beats(agreed.heart_beat);
  co_return std::nullopt;
}

asio::awaitable<verdict> session::subscribe(std::shared_ptr<messaging::connection> c, frame f) {
  auto request = read_subscribe(f);
  if (auto* refused = std::get_if<refusal>(&request)) co_return std::move(*refused);
  auto& wanted = std::get<subscribe_request>(request);
  if (auto refused = subscriptions_.check(wanted)) co_return refused;
  if (rules_->classify(wanted.destination) != destination_kind::broker) {
    co_return refusal{"Cannot subscribe to " + wanted.destination};
  }
  principal who = *principal_;
  std::string destination = wanted.destination;
  if (auto refused = co_await app_.authorize_subscribe(std::move(who), std::move(destination))) co_return refused;
  if (phase_ == phase::closed) co_return std::nullopt;  // closed meanwhile: subscribing now would leak
  // Checked again: nothing else of this session ran meanwhile (one frame at a time), so this cannot fail, but
  // the table's invariant should not depend on that.
  if (auto refused = subscriptions_.check(wanted)) co_return refused;
  auto handle = broker_.subscribe(wanted.destination, std::move(c), wanted.id);
  subscriptions_.add(std::move(wanted), std::move(handle));
  co_return std::nullopt;
}

asio::awaitable<verdict> session::unsubscribe(frame f) {
  auto id = read_unsubscribe(f);
  if (auto* refused = std::get_if<refusal>(&id)) co_return std::move(*refused);
  auto removed = subscriptions_.remove(std::get<std::string>(id));
  if (!removed) co_return refusal{"No subscription " + std::get<std::string>(id)};
  removed->handle.reset();  // deliveries stop before the application hears of it
  principal who = *principal_;
  co_await app_.on_unsubscribe(std::move(who), std::move(removed->destination));
  co_return std::nullopt;
}

asio::awaitable<verdict> session::send(frame f) {
  auto destination = read_send(f);
  if (auto* refused = std::get_if<refusal>(&destination)) co_return std::move(*refused);
  auto& where = std::get<std::string>(destination);
  if (rules_->classify(where) != destination_kind::application) co_return refusal{"Cannot send to " + where};
  principal who = *principal_;
  co_return co_await app_.on_send(std::move(who), std::move(where), std::move(f));
}

void session::fail(messaging::connection& c, const std::string& message, const std::optional<std::string>& receipt_id,
                   std::uint16_t code) {
  if (phase_ == phase::closed) return;
  phase_ = phase::closed;
  c.send(error_frame(message, receipt_id));
  c.close(code, message);
  // Deliveries stop now rather than when the transport is done closing.
  for (auto& entry : subscriptions_.take_all()) {
    entry.handle.reset();
    dropped_destinations_.push_back(std::move(entry.destination));
  }
}

void session::start_heart_beats(const heart_beat_intervals& intervals) {
  send_every_ = std::chrono::milliseconds(intervals.send_ms);
  expect_every_ = std::chrono::milliseconds(intervals.expect_ms);
  if (send_every_.count() > 0) {
    heart_beat_timer_.emplace(connection_->executor());
    schedule_heart_beat();
  }
  if (expect_every_.count() > 0) {
    liveness_timer_.emplace(connection_->executor());
    schedule_liveness_check();
  }
}

void session::schedule_heart_beat() {
  heart_beat_timer_->expires_after(send_every_);
  heart_beat_timer_->async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    const auto self = weak.lock();
    if (ec || !self || self->phase_ != phase::connected) return;
    self->connection_->send(std::string("\n"));
    self->schedule_heart_beat();
  });
}

void session::schedule_liveness_check() {
  liveness_timer_->expires_after(expect_every_);
  liveness_timer_->async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    const auto self = weak.lock();
    if (ec || !self || self->phase_ != phase::connected) return;
    if (std::chrono::steady_clock::now() - self->last_heard_ > missed_heart_beats_tolerated * self->expect_every_) {
      spdlog::info("stomp {} {}: no heart-beat from the client, closing", self->connection_->id(),
                   self->connection_->remote_ip());
      self->phase_ = phase::closed;
      self->connection_->close(close_codes::going_away, "No heart-beat");
      return;
    }
    self->schedule_liveness_check();
  });
}

}  // namespace platform::stomp
