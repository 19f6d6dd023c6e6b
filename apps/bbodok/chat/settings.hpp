// What bounds the study room's chat, from configuration.
#pragma once

#include <chrono>
#include <cstddef>

namespace bbodok::chat {

struct chat_settings {
  std::chrono::minutes open_before{10};  // a room is live from this long before its start to its end
  std::size_t max_message_bytes = 4096;  // a ChatData object as JSON
  double messages_per_second = 5;        // per socket, on average
  double burst = 20;                     // per socket, at once
};

}  // namespace bbodok::chat
