// Small text checks shared by the features' validation.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace daengtionary {

// Empty or only spaces, tabs and line breaks.
inline bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Decodes one UTF-8 code point at `at`, advancing it; nullopt for invalid sequences (overlong forms,
// surrogates and values past U+10FFFF included).
std::optional<char32_t> next_code_point(std::string_view text, std::size_t& at);

// Valid UTF-8 without NUL: what a TEXT column takes on both databases (PostgreSQL refuses anything else).
// JSON parts are checked by the parser; raw text parts need this.
bool is_storable_text(std::string_view text);

// Characters (code points) of UTF-8 text, which is what a user counts: size() counts bytes, three per Hangul
// syllable. Counts the bytes that do not continue a sequence.
inline std::size_t utf8_length(std::string_view text) {
  std::size_t characters = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++characters;
  }
  return characters;
}

}  // namespace daengtionary
