// A STOMP frame as a plain value: command, headers in wire order (repeats kept) and body bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace platform::stomp {

enum class command {
  connect,
  stomp,
  connected,
  send,
  subscribe,
  unsubscribe,
  ack,
  nack,
  begin,
  commit,
  abort,
  disconnect,
  message,
  receipt,
  error,
};

// The upper-case wire name ("SEND").
std::string_view to_string(command cmd);

// Exact match only: commands are case-sensitive on the wire, so "send" is not a command.
std::optional<command> command_from_string(std::string_view name);

// CONNECT and CONNECTED carry raw header octets so that STOMP 1.0 peers, which know no escapes, can
// still connect (STOMP 1.2 "Value Encoding"); every other frame escapes \r \n : and \.
bool escapes_headers(command cmd);

struct frame {
  command cmd = command::send;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first occurrence wins: STOMP 1.2 keeps later repeats only as history.
  std::optional<std::string_view> header(std::string_view name) const;

  bool operator==(const frame&) const = default;
};

}  // namespace platform::stomp
