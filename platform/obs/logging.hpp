// Process-wide logging set-up (spdlog): level and line format.
#pragma once

#include <string_view>

namespace platform::obs {

// level: trace, debug, info, warn, error, critical or off; throws std::invalid_argument otherwise.
void configure_logging(std::string_view level);

}  // namespace platform::obs
