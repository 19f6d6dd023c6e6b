// Process-wide logging (spdlog): level, line format (text or JSON), buffered output flushed on a timer, and the
// access log's one line per request.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

namespace platform::obs {

enum class log_format {
  text,  // 2026-12-06T16:02:34.123+0900 info message
  json,  // {"time":"2026-12-06T07:02:34.123Z","level":"info","message":"message"}: for log shippers
};

// Sets up the default logger for the life of this object and flushes everything when it goes.
// Lines go to stdout through a buffer flushed every second and at once for warnings and errors: a
// write(2) per access-log line would cost a third of the server's throughput.
class logging {
 public:
  // level: trace, debug, info, warn, error, critical or off; throws std::invalid_argument otherwise.
  explicit logging(std::string_view level, log_format format = log_format::text);
  logging(const logging&) = delete;
  logging& operator=(const logging&) = delete;
  ~logging();
};

// One request, as the access log records it.
struct access_entry {
  std::string_view request_id;
  std::string_view remote_ip;
  std::string_view method;
  std::string_view target;  // as the client sent it
  unsigned status = 0;
  std::size_t bytes = 0;  // of the response body
  std::chrono::steady_clock::duration elapsed{};
};

// At info level. Text: `access <id> <ip> "<method> <target>" <status> <bytes> <ms>ms`; JSON: the fields as
// members (request_id, remote_ip, method, target, status, bytes, duration_ms) next to time, level and message.
void log_access(const access_entry& entry);

}  // namespace platform::obs
