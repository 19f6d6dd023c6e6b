// Decoding of what SockJS clients send: xhr_send bodies and SockJS WebSocket text messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace platform::sockjs {

enum class decode_error {
  payload_expected,  // empty body, or valid JSON that is not an array of strings
  broken_json,       // not JSON at all (or not UTF-8)
  too_large,         // body over the limit; rejected before parsing
};

// The text SockJS servers answer with (sockjs-protocol 0.3.3 checks the first two in a 500 body).
std::string_view describe(decode_error error);

// Chat STOMP frames are small; this leaves room for a browser batching many of them into one send.
inline constexpr std::size_t default_max_body_bytes = 64 * 1024;

using decoded_messages = std::variant<std::vector<std::string>, decode_error>;

// xhr_send: the body must be a JSON array of strings (sockjs-client sends ["m1","m2"]).
decoded_messages decode_xhr_send(std::string_view body, std::size_t max_body_bytes = default_max_body_bytes);

// WebSocket transport: sockjs-client sends ["m"]; a bare JSON string is one message, as in sockjs-node.
// An empty payload is no messages (the protocol says servers ignore empty frames).
decoded_messages decode_websocket(std::string_view payload, std::size_t max_body_bytes = default_max_body_bytes);

}  // namespace platform::sockjs
