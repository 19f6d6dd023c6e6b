// Socket.IO protocol v5 packets (sans-I/O), carried in Engine.IO message packets:
// <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>].
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace platform::socketio {

enum class socket_type : std::uint8_t { connect, disconnect, event, ack, connect_error, binary_event, binary_ack };

struct socket_packet {
  socket_type type = socket_type::event;
  std::string nsp = "/";
  std::optional<std::uint64_t> id;  // acknowledgement id
  std::size_t attachments = 0;      // binary types only
  std::optional<boost::json::value> data;
};

// Acknowledgement ids above this are refused: the JavaScript peers count them as doubles.
inline constexpr std::uint64_t max_ack_id = (std::uint64_t{1} << 53) - 1;

struct decode_limits {
  std::size_t max_json_depth = 32;
};

// nullopt for anything the reference parser rejects: an unknown type, bad attachments, an id out of range,
// payload JSON that does not parse (or holds a number too large for a double), or a payload of the wrong shape for the
// type (CONNECT: an object or none; DISCONNECT: none; CONNECT_ERROR: an object or a string; EVENT: an array whose first
// element is a number or a string other than a reserved event name; ACK: an array).
std::optional<socket_packet> decode_socket_packet(std::string_view text, const decode_limits& limits = {});

// The text form; the namespace is written only when it is not "/".
std::string encode_socket_packet(const socket_packet& packet);

// The names a peer may not emit: the client and server libraries give them their own meaning.
bool is_reserved_event(std::string_view name);

}  // namespace platform::socketio
