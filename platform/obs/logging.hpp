// Process-wide logging (spdlog): level, line format, and buffered output that is flushed on a timer.
#pragma once

#include <string_view>

namespace platform::obs {

// Sets up the default logger for the life of this object and flushes everything when it goes.
// Lines go to stdout through a buffer flushed every second and at once for warnings and errors: a
// write(2) per access-log line would cost a third of the server's throughput.
class logging {
 public:
  // level: trace, debug, info, warn, error, critical or off; throws std::invalid_argument otherwise.
  explicit logging(std::string_view level);
  logging(const logging&) = delete;
  logging& operator=(const logging&) = delete;
  ~logging();
};

}  // namespace platform::obs
