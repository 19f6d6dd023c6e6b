// Server frame builders; see server_frames.hpp.
#include "platform/stomp/server_frames.hpp"

#include "platform/stomp/codec.hpp"

namespace platform::stomp {

std::string connected_frame(const connect_terms& terms, std::string_view server_name) {
  frame connected{command::connected, {}, {}};
  connected.headers.emplace_back("version", terms.version);
  if (terms.version != "1.0") {
    connected.headers.emplace_back("heart-beat",
                                   std::to_string(terms.server_send_ms) + "," + std::to_string(terms.server_expect_ms));
  }
  connected.headers.emplace_back("server", server_name);
  return encode(connected);
}

std::string receipt_frame(std::string_view receipt_id) {
  frame receipt{command::receipt, {{"receipt-id", std::string(receipt_id)}}, {}};
  return encode(receipt);
}

std::string error_frame(std::string_view message, std::optional<std::string_view> receipt_id) {
  frame error{command::error, {{"message", std::string(message)}}, {}};
  if (receipt_id) error.headers.emplace_back("receipt-id", *receipt_id);
  return encode(error);
}

std::string message_head(std::string_view subscription_id) {
  std::string head = "MESSAGE\nsubscription:";
  append_escaped(head, subscription_id);
  head += '\n';
  return head;
}

message_tail::message_tail(std::string_view destination, std::uint64_t message_id, std::string_view content_type,
                           std::string_view body) {
  const std::string id = std::to_string(message_id);
  const std::string length = std::to_string(body.size());
  tail_.reserve(80 + destination.size() + content_type.size() + body.size());
  tail_ += "destination:";
  append_escaped(tail_, destination);
  tail_ += "\nmessage-id:";
  tail_ += id;
  tail_ += "\ncontent-type:";
  append_escaped(tail_, content_type);
  tail_ += "\ncontent-length:";
  tail_ += length;
  tail_ += "\n\n";
  tail_ += body;
  tail_ += '\0';
}

std::string message_tail::frame_for(std::string_view head) const {
  std::string out;
  out.reserve(head.size() + tail_.size());
  out += head;
  out += tail_;
  return out;
}

}  // namespace platform::stomp
