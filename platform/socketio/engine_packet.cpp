// Engine.IO v4 text encoding: a type digit, then the data.
#include "platform/socketio/engine_packet.hpp"

namespace platform::socketio {

std::optional<engine_packet> decode_engine_packet(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const char kind = text.front();
  if (kind == 'b') return engine_packet{engine_type::message, std::string(text.substr(1)), true};
  if (kind < '0' || kind > '6') return std::nullopt;
  return engine_packet{static_cast<engine_type>(kind - '0'), std::string(text.substr(1)), false};
}

std::optional<std::vector<engine_packet>> decode_engine_payload(std::string_view body, std::size_t max_packets) {
  std::vector<engine_packet> packets;
  for (;;) {
    const auto end = body.find(record_separator);
    if (packets.size() == max_packets) return std::nullopt;
    auto packet = decode_engine_packet(body.substr(0, end));
    if (!packet) return std::nullopt;
    packets.push_back(std::move(*packet));
    if (end == std::string_view::npos) return packets;
    body.remove_prefix(end + 1);
  }
}

std::string encode_engine_packet(const engine_packet& packet) {
  std::string out;
  out.reserve(packet.data.size() + 1);
  out += static_cast<char>('0' + static_cast<int>(packet.type));
  out += packet.data;
  return out;
}

std::string encode_engine_payload(std::span<const engine_packet> packets) {
  std::string out;
  for (const auto& packet : packets) {
    if (!out.empty()) out += record_separator;
    out += encode_engine_packet(packet);
  }
  return out;
}

}  // namespace platform::socketio
