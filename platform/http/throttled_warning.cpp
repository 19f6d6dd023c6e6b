// Rate-limited warnings with a count.
#include "platform/http/detail/throttled_warning.hpp"

#include <spdlog/spdlog.h>

namespace platform::http::detail {

void throttled_warning::note(std::string_view what) {
  what_ = what;
  ++unreported_;
  if (std::chrono::steady_clock::now() - last_line_ >= interval_) log();
}

void throttled_warning::flush() {
  if (unreported_ > 0) log();
}

void throttled_warning::log() {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(interval_).count();
  spdlog::warn("{} ({} times; reported at most once per {} s)", what_, unreported_, seconds);
  unreported_ = 0;
  last_line_ = std::chrono::steady_clock::now();
}

}  // namespace platform::http::detail
