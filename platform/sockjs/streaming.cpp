// Byte layout of the xhr and xhr_streaming response bodies.
#include "platform/sockjs/streaming.hpp"

namespace platform::sockjs {

std::string xhr_streaming_prelude() {
  std::string prelude(2048, 'h');
  prelude += '\n';
  return prelude;
}

std::string xhr_frame(std::string_view frame) {
  std::string line;
  line.reserve(frame.size() + 1);
  line.append(frame);
  line += '\n';
  return line;
}

}  // namespace platform::sockjs
