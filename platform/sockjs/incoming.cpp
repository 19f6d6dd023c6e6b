// Decoding of client payloads on Boost.JSON, which also rejects invalid UTF-8 and lone surrogates.
#include "platform/sockjs/incoming.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

namespace platform::sockjs {

namespace {

enum class shape { array_only, array_or_string };

decoded_messages decode(std::string_view body, std::size_t max_body_bytes, shape accepted) {
  if (body.size() > max_body_bytes) return decode_error::too_large;

  // The parsed tree lives only until the strings are copied out; one arena avoids a malloc per node.
  boost::json::monotonic_resource arena;
  boost::system::error_code ec;
  const boost::json::value parsed = boost::json::parse(body, ec, &arena);
  if (ec) return body.empty() ? decode_error::payload_expected : decode_error::broken_json;

  std::vector<std::string> messages;
  if (const auto* text = parsed.if_string(); text != nullptr && accepted == shape::array_or_string) {
    messages.emplace_back(*text);
    return messages;
  }
  const auto* array = parsed.if_array();
  if (array == nullptr) return decode_error::payload_expected;
  messages.reserve(array->size());
  for (const auto& element : *array) {
    const auto* text = element.if_string();
    if (text == nullptr) return decode_error::payload_expected;
    messages.emplace_back(*text);
  }
  return messages;
}

}  // namespace

std::string_view describe(decode_error error) {
  switch (error) {
    case decode_error::payload_expected:
      return "Payload expected.";
    case decode_error::broken_json:
      return "Broken JSON encoding.";
    case decode_error::too_large:
      return "Payload too large.";
  }
  return "Broken JSON encoding.";
}

decoded_messages decode_xhr_send(std::string_view body, std::size_t max_body_bytes) {
  return decode(body, max_body_bytes, shape::array_only);
}

decoded_messages decode_websocket(std::string_view payload, std::size_t max_body_bytes) {
  if (payload.empty()) return std::vector<std::string>{};
  return decode(payload, max_body_bytes, shape::array_or_string);
}

}  // namespace platform::sockjs
