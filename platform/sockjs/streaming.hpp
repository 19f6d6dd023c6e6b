// Framing of the HTTP transports: xhr-polling and xhr-streaming bodies are newline-delimited frames.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace platform::sockjs {

// 2048 'h' and a newline, sent first on xhr_streaming: some browsers fire no progress event for a
// response until about 2 KiB have arrived.
std::string xhr_streaming_prelude();

// A frame as it goes on an xhr or xhr_streaming body: the client splits the body on '\n'.
std::string xhr_frame(std::string_view frame);

// A streaming response is ended after this many bytes so the browser can free the buffered body; the
// client then reconnects to the same session (sockjs-node and Spring default: 128 KiB).
inline constexpr std::size_t xhr_streaming_byte_limit = 128 * 1024;

}  // namespace platform::sockjs
