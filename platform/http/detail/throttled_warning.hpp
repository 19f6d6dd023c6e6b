// A warning that can repeat thousands of times a second (accept failures, refused connections): logged at
// once, then at most once per interval with how many times it happened.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace platform::http::detail {

// Not thread-safe: the listener uses its own from the main context only.
class throttled_warning {
 public:
  explicit throttled_warning(std::chrono::steady_clock::duration interval) : interval_(interval) {}

  // Counts one occurrence of `what`; logs when no line was written for an interval.
  void note(std::string_view what);
  // The condition is over: logs the occurrences no line has reported yet, if any.
  void flush();

 private:
  void log();

  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point last_line_{};
  std::string what_;
  std::size_t unreported_ = 0;
};

}  // namespace platform::http::detail
