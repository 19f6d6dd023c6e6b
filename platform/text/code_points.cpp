// UTF-8 decoding and the one rule for text read from a request.
#include "platform/text/code_points.hpp"

namespace platform::text {

std::optional<char32_t> next_code_point(std::string_view text, std::size_t& at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || at + length > text.size()) return std::nullopt;
  char32_t code = length == 1 ? lead : static_cast<char32_t>(lead & (0x7Fu >> length));
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next >> 6) != 0x2) return std::nullopt;
    code = (code << 6) | (next & 0x3F);
  }
  static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < smallest[length] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return std::nullopt;
  at += length;
  return code;
}

bool is_accepted_code_point(char32_t code) {
  if (code < 0x20) return code == U'\t' || code == U'\n' || code == U'\r';
  return code < 0x7F || code > 0x9F;
}

bool is_accepted_text(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto code = next_code_point(text, at);
    if (!code || !is_accepted_code_point(*code)) return false;
  }
  return true;
}

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::size_t utf8_length(std::string_view text) {
  std::size_t characters = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++characters;
  }
  return characters;
}

}  // namespace platform::text
