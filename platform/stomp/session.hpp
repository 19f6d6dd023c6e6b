// One STOMP session per connection: a messaging::handler, so it runs over a WebSocket or SockJS unchanged.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "platform/messaging/connection.hpp"
#include "platform/stomp/application.hpp"
#include "platform/stomp/broker.hpp"
#include "platform/stomp/codec.hpp"
#include "platform/stomp/rules.hpp"
#include "platform/stomp/subscription_table.hpp"

namespace platform::stomp {

struct session_options {
  // Destinations under these go to application::on_send; the broker's come from broker_options.
  std::vector<std::string> application_prefixes{"/pub"};
  limits frame_limits{};  // per frame as decoded; the transport has its own message limit
  std::size_t max_subscriptions = 64;
  // The server's heart-beat offer (CONNECTED's heart-beat header): send an EOL every heart_beat_send_ms, expect
  // something from the client every heart_beat_expect_ms; 0 turns a direction off. The default is the
  // original's "0,0". A client silent for twice the negotiated interval is disconnected.
  std::uint32_t heart_beat_send_ms = 0;
  std::uint32_t heart_beat_expect_ms = 0;
  std::string server_name = "community-backends/0.1";  // CONNECTED's server header
};

// The protocol state machine: CONNECT first, then SUBSCRIBE/UNSUBSCRIBE/SEND/DISCONNECT, one frame at a time in
// arrival order; RECEIPT for every frame with a receipt header; ERROR (with receipt-id when asked) and a close
// for anything refused. State is touched only on the connection's executor (messaging::handler's contract).
class session final : public messaging::handler, public std::enable_shared_from_this<session> {
 public:
  // `rules` and `options` are shared by every session of an endpoint; broker and application outlive them all.
  session(broker& relay, application& app, std::shared_ptr<const destination_rules> rules,
          std::shared_ptr<const session_options> options);

  void on_open(std::shared_ptr<messaging::connection> c) override;
  asio::awaitable<void> on_message(std::shared_ptr<messaging::connection> c, std::string message) override;
  void on_close(std::shared_ptr<messaging::connection> c) override;

 private:
  enum class phase { awaiting_connect, connected, closed };

  asio::awaitable<void> handle(std::shared_ptr<messaging::connection> c, frame f);
  asio::awaitable<verdict> connect(std::shared_ptr<messaging::connection> c, frame f);
  asio::awaitable<verdict> subscribe(std::shared_ptr<messaging::connection> c, frame f);
  asio::awaitable<verdict> unsubscribe(frame f);
  asio::awaitable<verdict> send(frame f);
  // ERROR frame, then close; later frames are ignored.
  void fail(messaging::connection& c, const std::string& message, const std::optional<std::string>& receipt_id,
            std::uint16_t code);
  void start_heart_beats(const heart_beat_intervals& intervals);
  void schedule_heart_beat();
  void schedule_liveness_check();

  broker& broker_;
  application& app_;
  std::shared_ptr<const destination_rules> rules_;
  std::shared_ptr<const session_options> options_;

  // All below: on the connection's executor only.
  phase phase_ = phase::awaiting_connect;
  decoder decoder_;
  std::optional<principal> principal_;
  subscription_table<broker::subscription> subscriptions_;
  std::vector<std::string> dropped_destinations_;      // subscriptions ended by an ERROR, for on_disconnect
  std::shared_ptr<messaging::connection> connection_;  // for the timers; dropped in on_close
  // Heart-beats, only when negotiated (an idle session without them holds no timer).
  std::chrono::milliseconds send_every_{0};
  std::chrono::milliseconds expect_every_{0};
  std::chrono::steady_clock::time_point last_heard_{};
  std::optional<asio::steady_timer> heart_beat_timer_;
  std::optional<asio::steady_timer> liveness_timer_;
};

}  // namespace platform::stomp
