// spdlog configuration shared by both apps.
#include "platform/obs/logging.hpp"

#include <stdexcept>
#include <string>

#include <spdlog/spdlog.h>

namespace platform::obs {

void configure_logging(std::string_view level) {
  const auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off")
    throw std::invalid_argument("unknown log level: " + std::string(level));
  spdlog::set_level(parsed);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
}

}  // namespace platform::obs
