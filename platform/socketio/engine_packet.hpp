// Engine.IO protocol v4 packets (sans-I/O): the transport layer under Socket.IO, in its text form.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace platform::socketio {

enum class engine_type : std::uint8_t { open, close, ping, pong, message, upgrade, noop };

// One packet. Binary messages ("b<base64>" over polling, binary frames over WebSocket) are recognised so that
// the server can refuse them: the chat this serves is text only.
struct engine_packet {
  engine_type type = engine_type::message;
  std::string data;
  bool binary = false;
};

// The record separator between the packets of one HTTP long-polling payload.
inline constexpr char record_separator = '\x1e';

// One packet in its text form (a WebSocket text frame, one record of a polling payload): the type digit then the
// data. nullopt for an empty string or an unknown type.
std::optional<engine_packet> decode_engine_packet(std::string_view text);

// A polling POST body: one or more packets separated by record_separator. nullopt when any packet is malformed,
// or when there are more than max_packets (a bound on the work one request can ask for).
std::optional<std::vector<engine_packet>> decode_engine_payload(std::string_view body, std::size_t max_packets);

// The text form of a (non-binary) packet, and of a polling payload.
std::string encode_engine_packet(const engine_packet& packet);
std::string encode_engine_payload(std::span<const engine_packet> packets);

}  // namespace platform::socketio
