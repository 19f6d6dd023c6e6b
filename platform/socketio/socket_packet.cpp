// Socket.IO v5 text encoding, checked as strictly as socket.io-parser 4 checks it.
#include "platform/socketio/socket_packet.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace platform::socketio {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_binary(socket_type type) { return type == socket_type::binary_event || type == socket_type::binary_ack; }

// JSON numbers past the double range parse as infinities, which no JSON text can carry back out.
bool all_finite(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::double_:
      return std::isfinite(v.get_double());
    case boost::json::kind::array:
      for (const auto& element : v.get_array()) {
        if (!all_finite(element)) return false;
      }
      return true;
    case boost::json::kind::object:
      for (const auto& member : v.get_object()) {
        if (!all_finite(member.value())) return false;
      }
      return true;
    default:
      return true;
  }
}

bool valid_payload(socket_type type, const std::optional<boost::json::value>& data) {
  switch (type) {
    case socket_type::connect:
      return !data || data->is_object();
    case socket_type::disconnect:
      return !data;
    case socket_type::connect_error:
      return data && (data->is_object() || data->is_string());
    case socket_type::event:
    case socket_type::binary_event: {
      if (!data || !data->is_array() || data->get_array().empty()) return false;
      const auto& name = data->get_array().front();
      return name.is_number() || (name.is_string() && !is_reserved_event(name.get_string()));
    }
    case socket_type::ack:
    case socket_type::binary_ack:
      return data && data->is_array();
  }
  return false;
}

// Reads a run of digits at `at` into `out`; false when there are none or they overflow.
bool read_number(std::string_view text, std::size_t& at, std::uint64_t& out) {
  std::size_t end = at;
  while (end < text.size() && is_digit(text[end])) ++end;
  if (end == at) return false;
  const auto parsed = std::from_chars(text.data() + at, text.data() + end, out);
  if (parsed.ec != std::errc()) return false;
  at = end;
  return true;
}

}  // namespace

bool is_reserved_event(std::string_view name) {
  static constexpr std::array<std::string_view, 6> reserved{"connect",       "connect_error", "disconnect",
                                                            "disconnecting", "newListener",   "removeListener"};
  for (const auto r : reserved) {
    if (r == name) return true;
  }
  return false;
}

std::optional<socket_packet> decode_socket_packet(std::string_view text, const decode_limits& limits) {
  if (text.empty() || text.front() < '0' || text.front() > '6') return std::nullopt;
  socket_packet packet;
  packet.type = static_cast<socket_type>(text.front() - '0');
  std::size_t at = 1;

  if (is_binary(packet.type)) {
    std::uint64_t count = 0;
    if (!read_number(text, at, count) || at >= text.size() || text[at] != '-') return std::nullopt;
    packet.attachments = static_cast<std::size_t>(count);
    ++at;
  }

  if (at < text.size() && text[at] == '/') {
    const auto comma = text.find(',', at);
    const auto end = comma == std::string_view::npos ? text.size() : comma;
    packet.nsp = std::string(text.substr(at, end - at));
    at = comma == std::string_view::npos ? end : comma + 1;
  }

  if (at < text.size() && is_digit(text[at])) {
    std::uint64_t id = 0;
    if (!read_number(text, at, id) || id > max_ack_id) return std::nullopt;
    packet.id = id;
  }

  if (at < text.size()) {
    boost::json::parse_options options;
    options.max_depth = limits.max_json_depth;
    boost::system::error_code ec;
    auto data = boost::json::parse(text.substr(at), ec, {}, options);
    if (ec || !all_finite(data)) return std::nullopt;
    packet.data = std::move(data);
  }
  if (!valid_payload(packet.type, packet.data)) return std::nullopt;
  return packet;
}

std::string encode_socket_packet(const socket_packet& packet) {
  std::string out(1, static_cast<char>('0' + static_cast<int>(packet.type)));
  if (is_binary(packet.type)) {
    out += std::to_string(packet.attachments);
    out += '-';
  }
  if (packet.nsp != "/") {
    out += packet.nsp;
    out += ',';
  }
  if (packet.id) out += std::to_string(*packet.id);
  if (packet.data) out += boost::json::serialize(*packet.data);
  return out;
}

}  // namespace platform::socketio
