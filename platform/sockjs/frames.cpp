// SockJS frame encoders and the JSON string escaping the protocol asks servers for.
#include "platform/sockjs/frames.hpp"

#include <cstdint>

namespace platform::sockjs {

namespace {

constexpr std::string_view hex_digits = "0123456789abcdef";
constexpr char32_t replacement_character = 0xFFFD;

void append_unicode_escape(std::string& out, char32_t code_point) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += hex_digits[(code_point >> shift) & 0xF];
}

// sockjs-node's `escapable` set (also sockjs-protocol 0.3.3 `escapable_by_server`): characters that
// browsers or proxies mangle on the way, so they travel as \uXXXX. Surrogates cannot occur in UTF-8.
bool server_escapes(char32_t c) {
  return (c >= 0x200C && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x2060 && c <= 0x206F) ||
         (c >= 0xFFF0 && c <= 0xFFFF);
}

struct decoded_char {
  char32_t code_point;
  std::size_t length;  // bytes consumed; 1 for an invalid byte, which decodes as U+FFFD
};

std::uint8_t byte_at(std::string_view text, std::size_t i) { return static_cast<std::uint8_t>(text[i]); }

bool is_continuation(std::string_view text, std::size_t i) {
  return i < text.size() && (byte_at(text, i) & 0xC0) == 0x80;
}

// One UTF-8 sequence at text[i] (non-ASCII lead byte). Rejects overlongs, surrogates and > U+10FFFF.
decoded_char decode_utf8(std::string_view text, std::size_t i) {
  const std::uint8_t lead = byte_at(text, i);
  std::size_t length = 0;
  char32_t minimum = 0;
  char32_t value = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    minimum = 0x80;
    value = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    minimum = 0x800;
    value = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    minimum = 0x10000;
    value = lead & 0x07u;
  } else {
    return {replacement_character, 1};
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (!is_continuation(text, i + k)) return {replacement_character, 1};
    value = (value << 6) | (byte_at(text, i + k) & 0x3Fu);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return {replacement_character, 1};
  }
  return {value, length};
}

// `text` as a JSON string literal, escaped as JSON.stringify does plus SockJS's extra set.
void append_quoted(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const auto byte = static_cast<std::uint8_t>(c);
    if (byte < 0x80) {
      // The short forms are what JSON.stringify (and so sockjs-node) writes.
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (byte < 0x20) {
            append_unicode_escape(out, byte);
          } else {
            out += c;
          }
      }
      ++i;
      continue;
    }
    const decoded_char decoded = decode_utf8(text, i);
    // U+FFFD, which stands for invalid bytes, is itself in the escaped set.
    if (server_escapes(decoded.code_point)) {
      append_unicode_escape(out, decoded.code_point);
    } else {
      out.append(text.substr(i, decoded.length));
    }
    i += decoded.length;
  }
  out += '"';
}

}  // namespace

std::string open_frame() { return "o"; }

std::string heartbeat_frame() { return "h"; }

namespace {

template <class Text>
std::string message_frame_of(std::span<const Text> messages) {
  std::string frame = "a[";
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i != 0) frame += ',';
    append_quoted(frame, messages[i]);
  }
  frame += ']';
  return frame;
}

}  // namespace

std::string message_frame(std::span<const std::string> messages) { return message_frame_of(messages); }

std::string message_frame(std::span<const std::string_view> messages) { return message_frame_of(messages); }

std::string close_frame(int code, std::string_view reason) {
  std::string frame = "c[" + std::to_string(code) + ',';
  append_quoted(frame, reason);
  frame += ']';
  return frame;
}

}  // namespace platform::sockjs
