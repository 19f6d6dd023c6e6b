// libFuzzer target for the Engine.IO payload and Socket.IO packet decoders: whatever they accept must encode
// back to text that decodes to the same packet header (the JSON payload is Boost.JSON's, whose doubles need not
// print back to the same digits).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "platform/socketio/engine_packet.hpp"
#include "platform/socketio/socket_packet.hpp"

namespace sio = platform::socketio;

namespace {

// Invariants are checked with a trap so that libFuzzer records the input as a crash.
void check(bool condition) {
  if (!condition) __builtin_trap();
}

void check_socket_round_trip(std::string_view text) {
  const auto packet = sio::decode_socket_packet(text);
  if (!packet) return;
  const auto encoded = sio::encode_socket_packet(*packet);
  const auto again = sio::decode_socket_packet(encoded);
  check(again.has_value());
  check(again->type == packet->type && again->nsp == packet->nsp && again->id == packet->id &&
        again->attachments == packet->attachments && again->data.has_value() == packet->data.has_value());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_socket_round_trip(input);
  const auto packets = sio::decode_engine_payload(input, 16);
  if (!packets) return 0;
  check(packets->size() <= 16);
  bool any_binary = false;
  for (const auto& packet : *packets) {
    any_binary = any_binary || packet.binary;
    if (packet.type == sio::engine_type::message && !packet.binary) check_socket_round_trip(packet.data);
  }
  if (!any_binary) check(sio::encode_engine_payload(*packets) == input);
  return 0;
}
