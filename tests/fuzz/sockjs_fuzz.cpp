// libFuzzer target for the SockJS layer: client payload decoding, frame round trips and URL routing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/sockjs/frames.hpp"
#include "platform/sockjs/incoming.hpp"
#include "platform/sockjs/url.hpp"

namespace sockjs = platform::sockjs;

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

// A decoded message list survives message_frame and decoding the frame's payload again.
void check_round_trip(const sockjs::decoded_messages& decoded) {
  const auto* messages = std::get_if<std::vector<std::string>>(&decoded);
  if (messages == nullptr) return;
  const std::string frame = sockjs::message_frame(*messages);
  check(frame.size() >= 3 && frame.starts_with("a[") && frame.back() == ']');
  // The frame must be safe to split on '\n' (xhr framing) and to send as one WebSocket text message.
  check(frame.find('\n') == std::string::npos);
  const std::string_view payload = std::string_view(frame).substr(1);
  const auto again = sockjs::decode_xhr_send(payload, payload.size());
  const auto* decoded_again = std::get_if<std::vector<std::string>>(&again);
  check(decoded_again != nullptr && *decoded_again == *messages);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  check_round_trip(sockjs::decode_xhr_send(input));
  check_round_trip(sockjs::decode_websocket(input));

  // Arbitrary bytes (invalid UTF-8 included) always encode to a frame that decodes: nothing a
  // server sends can break the client's JSON.parse.
  const std::vector<std::string> raw{std::string(input)};
  const std::string frame = sockjs::message_frame(raw);
  const auto decoded = sockjs::decode_xhr_send(std::string_view(frame).substr(1), frame.size());
  check(std::holds_alternative<std::vector<std::string>>(decoded));

  if (const auto route = sockjs::parse_path("/wss/chat", input)) {
    check(input.starts_with("/wss/chat"));
    if (const auto* session = std::get_if<sockjs::session_route>(&*route)) {
      check(!session->server_id.empty() && !session->session_id.empty());
      check(session->server_id.find_first_of("./") == std::string::npos);
      check(session->session_id.find_first_of("./") == std::string::npos);
    }
  }
  return 0;
}
