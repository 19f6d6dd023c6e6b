// The server's checks of client frames; see rules.hpp.
#include "platform/stomp/rules.hpp"

#include <algorithm>

namespace platform::stomp {
namespace {

template <class T>
answer<T> refuse(std::string message) {
  return refusal{std::move(message)};
}

bool any_covers(const std::vector<std::string>& prefixes, std::string_view destination) {
  return std::ranges::any_of(prefixes, [&](const std::string& prefix) { return under_prefix(prefix, destination); });
}

}  // namespace

answer<connect_terms> negotiate_connect(const frame& connect, std::uint32_t send_ms, std::uint32_t expect_ms) {
  auto version = negotiate_version(connect.header("accept-version"));
  if (!version) return refuse<connect_terms>("Supported protocol versions are 1.2,1.1,1.0");
  connect_terms terms{std::move(*version), {}, send_ms, expect_ms};
  if (terms.version == "1.0") return terms;  // heart-beats came with 1.1
  const auto beats = negotiate_heart_beat(connect.header("heart-beat").value_or("0,0"), send_ms, expect_ms);
  if (!beats) return refuse<connect_terms>("Invalid heart-beat header");
  terms.heart_beat = *beats;
  return terms;
}

answer<subscribe_request> read_subscribe(const frame& subscribe) {
  const auto destination = subscribe.header("destination");
  if (!destination || destination->empty()) return refuse<subscribe_request>("SUBSCRIBE has no destination header");
  const auto id = subscribe.header("id");
  if (!id || id->empty()) return refuse<subscribe_request>("SUBSCRIBE has no id header");
  if (const auto ack = subscribe.header("ack"); ack && *ack != "auto") {
    return refuse<subscribe_request>("Only ack mode auto is supported");
  }
  return subscribe_request{std::string(*id), std::string(*destination)};
}

answer<std::string> read_unsubscribe(const frame& unsubscribe) {
  const auto id = unsubscribe.header("id");
  if (!id || id->empty()) return refuse<std::string>("UNSUBSCRIBE has no id header");
  return std::string(*id);
}

answer<std::string> read_send(const frame& send) {
  const auto destination = send.header("destination");
  if (!destination || destination->empty()) return refuse<std::string>("SEND has no destination header");
  if (send.header("transaction")) return refuse<std::string>("Transactions are not supported");
  return std::string(*destination);
}

verdict refuse_command(command cmd) {
  switch (cmd) {
    case command::connect:
    case command::stomp:
      return refusal{"Already connected"};
    case command::ack:
    case command::nack:
      return refusal{"Only ack mode auto is supported"};
    case command::begin:
    case command::commit:
    case command::abort:
      return refusal{"Transactions are not supported"};
    case command::connected:
    case command::message:
    case command::receipt:
    case command::error:
      return refusal{"Server frames cannot be sent by a client"};
    case command::send:
    case command::subscribe:
    case command::unsubscribe:
    case command::disconnect:
      return std::nullopt;
  }
  return refusal{"Unknown command"};  // only for a value outside the enumeration
}

bool under_prefix(std::string_view prefix, std::string_view destination) {
  if (prefix.empty() || !destination.starts_with(prefix)) return false;
  return prefix.back() == '/' || destination.size() == prefix.size() || destination[prefix.size()] == '/';
}

destination_rules::destination_rules(std::vector<std::string> broker_prefixes,
                                     std::vector<std::string> application_prefixes)
    : broker_prefixes_(std::move(broker_prefixes)), application_prefixes_(std::move(application_prefixes)) {}

destination_kind destination_rules::classify(std::string_view destination) const {
  if (any_covers(broker_prefixes_, destination)) return destination_kind::broker;
  if (any_covers(application_prefixes_, destination)) return destination_kind::application;
  return destination_kind::unknown;
}

}  // namespace platform::stomp
