// The text checks the features' validation uses: the platform's rules, which every request's text has passed.
#pragma once

#include <string_view>

#include "platform/text/code_points.hpp"

namespace daengtionary {

using platform::text::is_blank;
using platform::text::next_code_point;
using platform::text::utf8_length;

// Valid UTF-8 without control characters: what a TEXT column takes on both databases (PostgreSQL refuses NUL).
inline bool is_storable_text(std::string_view text) { return platform::text::is_accepted_text(text); }

}  // namespace daengtionary
