// The frames a STOMP server sends: CONNECTED, RECEIPT, ERROR, and MESSAGE built for many subscribers at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/stomp/rules.hpp"

namespace platform::stomp {

// version, heart-beat (the server's own "send,expect" offer, as the spec asks) and server.
std::string connected_frame(const connect_terms& terms, std::string_view server_name);

std::string receipt_frame(std::string_view receipt_id);

// An ERROR with the message header, and receipt-id when the frame that failed asked for a receipt.
std::string error_frame(std::string_view message, std::optional<std::string_view> receipt_id = std::nullopt);

// The head of every MESSAGE to one subscription ("MESSAGE\nsubscription:<id>\n"), escaped once when the client
// subscribes rather than once per delivery.
std::string message_head(std::string_view subscription_id);

// One published body as the rest of a MESSAGE frame (destination, message-id, content-type, content-length,
// blank line, body, NUL), built once per publish; each subscriber's frame is its head followed by this tail,
// one allocation and two copies per subscriber whatever the headers hold.
class message_tail {
 public:
  message_tail(std::string_view destination, std::uint64_t message_id, std::string_view content_type,
               std::string_view body);

  std::string frame_for(std::string_view head) const;
  const std::string& text() const { return tail_; }

 private:
  std::string tail_;
};

}  // namespace platform::stomp
