// Small text checks shared by the features' validation.
#pragma once

#include <string_view>

namespace daengtionary {

// Empty or only spaces, tabs and line breaks.
inline bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace daengtionary
