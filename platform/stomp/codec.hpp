// Sans-I/O STOMP 1.0-1.2 wire format: encode one frame, decode a byte stream incrementally.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "platform/stomp/frame.hpp"

namespace platform::stomp {

// Writes the command line, the headers (escaped unless CONNECT/CONNECTED), a content-length for a
// non-empty body when the frame has none, a blank line, the body and the NUL. Line endings are LF.
// Throws std::invalid_argument for a frame that would not decode back as written: an empty header
// name, a CR/LF in (or a colon in the name of) a CONNECT/CONNECTED header, or a content-length that
// is not the body's size. Such frames are built by our own code, so this is a bug, not input.
std::string encode(const frame& f);

// Appends a header name or value with STOMP 1.2's escapes (\\ \r \n \c), as encode does for every frame but
// CONNECT/CONNECTED; for frames assembled piecewise (server_frames.hpp).
void append_escaped(std::string& out, std::string_view text);

struct limits {
  std::size_t max_line_bytes = 8 * 1024;    // command or header line: bytes before its LF
  std::size_t max_headers = 64;             // header lines per frame, repeats included
  std::size_t max_frame_bytes = 64 * 1024;  // the whole frame as received, command line to NUL
};

enum class decode_error {
  unknown_command,     // not one of the 15 upper-case commands
  malformed_header,    // no colon, empty name, or a CR that does not end the line
  bad_escape,          // a backslash not followed by r, n, c or backslash
  header_too_long,     // a line longer than max_line_bytes
  too_many_headers,    // more than max_headers
  frame_too_large,     // more than max_frame_bytes, declared or received
  bad_content_length,  // not a plain non-negative decimal that fits
  missing_nul,         // the byte after content-length bytes of body is not NUL
};

// A fixed English description, safe to put in an ERROR frame.
std::string_view describe(decode_error e);

// A bare EOL between frames: the peer's heart-beat, reported so the session can note liveness.
struct heart_beat {
  bool operator==(const heart_beat&) const = default;
};

struct decode_failure {
  decode_error code;
  std::string message;  // describe(code) with the limit that was hit; never echoes input bytes

  bool operator==(const decode_failure&) const = default;
};

using decode_result = std::variant<frame, heart_beat, decode_failure>;

// Incremental decoder for one connection's byte stream. A frame may arrive split across feeds at any
// byte, and one feed may hold several frames; the results are the same however the bytes are cut.
// Accepts LF or CRLF line endings; unescapes headers per STOMP 1.2 except in CONNECT/CONNECTED.
// After a decode_failure the decoder stays failed: next() returns nullopt and feed() drops bytes,
// because the connection is about to be closed with an ERROR frame.
// Not thread-safe: it belongs to the connection's single reader.
class decoder {
 public:
  explicit decoder(limits config = {});

  void feed(std::string_view bytes);

  // The next frame, heart-beat or failure; nullopt when more bytes are needed (or after a failure).
  std::optional<decode_result> next();

  bool failed() const { return failed_; }

 private:
  enum class phase { command, headers, body };
  enum class line_status { ready, incomplete, too_long, too_large };

  std::string_view pending() const;
  line_status read_line(std::string_view& line);
  std::optional<decode_error> on_command_line(std::string_view line);
  std::optional<decode_error> on_header_line(std::string_view line);
  std::optional<decode_result> read_body();
  decode_result heart_beat_of(std::size_t eol_bytes);
  decode_result fail(decode_error code);
  void start_next_frame(std::size_t frame_bytes);

  limits limits_;
  std::string buffer_;
  std::size_t start_ = 0;  // index in buffer_ of the current frame's first byte; offsets below are from here
  std::size_t line_ = 0;   // where the line being read (or, in the body phase, the body) starts
  std::size_t scan_ = 0;   // how far a terminator was already searched for, so split feeds stay linear
  phase phase_ = phase::command;
  frame frame_;
  std::optional<std::size_t> content_length_;
  bool failed_ = false;
};

}  // namespace platform::stomp
