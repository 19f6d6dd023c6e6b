// What the STOMP server accepts from a client, as pure checks: CONNECT terms, SUBSCRIBE/UNSUBSCRIBE/SEND headers
// and which destinations belong to the broker or the application.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/stomp/frame.hpp"
#include "platform/stomp/negotiation.hpp"

namespace platform::stomp {

// A "no" to a client: the text goes into the ERROR frame's message header, so it is written for the client
// and never carries internal detail.
struct refusal {
  std::string message;

  bool operator==(const refusal&) const = default;
};

// What was asked for, or why not.
template <class T>
using answer = std::variant<T, refusal>;

// nullopt: allowed.
using verdict = std::optional<refusal>;

// What CONNECTED answers and the session then keeps to.
struct connect_terms {
  std::string version;                 // "1.0", "1.1" or "1.2"
  heart_beat_intervals heart_beat;     // both 0 for a 1.0 client, which knows no heart-beats
  std::uint32_t server_send_ms = 0;    // the server's own offer, echoed in CONNECTED's heart-beat header
  std::uint32_t server_expect_ms = 0;  //

  bool operator==(const connect_terms&) const = default;
};

// The server offers to send heart-beats every `send_ms` and wants one every `expect_ms` (0: off).
answer<connect_terms> negotiate_connect(const frame& connect, std::uint32_t send_ms, std::uint32_t expect_ms);

struct subscribe_request {
  std::string id;
  std::string destination;

  bool operator==(const subscribe_request&) const = default;
};

// destination and id are required (id in every version: the server needs it to name deliveries); ack must be
// absent or "auto", the only mode this broker implements.
answer<subscribe_request> read_subscribe(const frame& subscribe);

// The subscription id to end.
answer<std::string> read_unsubscribe(const frame& unsubscribe);

// The destination of a SEND; transactions are not supported, so a `transaction` header is refused rather than
// silently applied at once.
answer<std::string> read_send(const frame& send);

// The command a client may not send in a session that is open, with why; nullopt for the ones it may.
verdict refuse_command(command cmd);

// Whether `destination` is under `prefix`: equal to it, or continuing after it with '/' (so "/sub" covers
// "/sub/chat" but not "/subway"); a prefix that ends with '/' covers everything that starts with it.
bool under_prefix(std::string_view prefix, std::string_view destination);

enum class destination_kind { broker, application, unknown };

// Which side a destination belongs to: broker destinations are relayed from pub/sub to subscribers,
// application destinations go to the application's on_send. Broker prefixes are checked first.
class destination_rules {
 public:
  destination_rules(std::vector<std::string> broker_prefixes, std::vector<std::string> application_prefixes);
  destination_kind classify(std::string_view destination) const;

 private:
  std::vector<std::string> broker_prefixes_;
  std::vector<std::string> application_prefixes_;
};

}  // namespace platform::stomp
