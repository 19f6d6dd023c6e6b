// The code points a text field accepts where text enters (JSON bodies, query strings, multipart text parts).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace platform::text {

// Decodes one UTF-8 code point at `at`, advancing it; nullopt for invalid sequences (overlong forms,
// surrogates and values past U+10FFFF included).
std::optional<char32_t> next_code_point(std::string_view text, std::size_t& at);

// A code point a text field may hold: anything but the C0 controls other than TAB, LF and CR, DEL and the
// C1 controls. Noncharacters and U+FFFD are accepted (see docs/architecture.md, "Text at the edge").
bool is_accepted_code_point(char32_t code);

// Valid UTF-8 of accepted code points only: what every text field read from a request must be.
bool is_accepted_text(std::string_view text);

// Empty or only spaces, tabs and line breaks: what a required text field must not be.
bool is_blank(std::string_view text);

// The characters (code points) of UTF-8 text, which is what a user counts where size() counts bytes (three per
// Hangul syllable): the bytes that do not continue a sequence.
std::size_t utf8_length(std::string_view text);

}  // namespace platform::text
