// Small text checks shared by the features' validation.
#pragma once

#include <cstddef>
#include <string_view>

#include "platform/text/code_points.hpp"

namespace daengtionary {

// Empty or only spaces, tabs and line breaks.
inline bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The features decode and check text with the platform's rule, which every request's text has passed.
using platform::text::next_code_point;

// Valid UTF-8 without control characters: what a TEXT column takes on both databases (PostgreSQL refuses NUL).
inline bool is_storable_text(std::string_view text) { return platform::text::is_accepted_text(text); }

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
