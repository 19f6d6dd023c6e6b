// SockJS frames a server sends (open, heartbeat, messages, close), as the sockjs-client parser reads them.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace platform::sockjs {

struct close_status {
  int code;
  std::string_view reason;
};

// The closes the server transports send; codes and texts are the ones sockjs-protocol 0.3.3 checks.
inline constexpr close_status go_away{3000, "Go away!"};
inline constexpr close_status another_connection_open{2010, "Another connection still open"};
inline constexpr close_status connection_interrupted{1002, "Connection interrupted"};

std::string open_frame();       // "o"
std::string heartbeat_frame();  // "h"

// a["m1","m2"]: each message is UTF-8 text; invalid UTF-8 bytes are sent as \ufffd so that the frame
// stays valid JSON and a valid WebSocket text frame.
std::string message_frame(std::span<const std::string> messages);
std::string message_frame(std::span<const std::string_view> messages);

// c[3000,"Go away!"]
std::string close_frame(int code, std::string_view reason);
inline std::string close_frame(close_status status) { return close_frame(status.code, status.reason); }

}  // namespace platform::sockjs
