// The JSON log format (`log.format = "json"`): one object per line, valid JSON whatever a message holds.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/formatter.h>

namespace platform::obs {

// Appends `text` as a JSON string (quotes included). Control characters (C0, DEL, C1) are escaped, invalid
// UTF-8 becomes U+FFFD one byte at a time, so any bytes make valid JSON and nothing rewrites a terminal.
void append_json_string(std::string& out, std::string_view text);

// {"time":"2026-12-06T07:02:34.123Z","level":"info","message":"…"}. Lines from the access logger (see
// logging.hpp) carry their fields as members: their payload is those members already rendered.
class json_formatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

// The name of the logger whose payload is JSON members rather than a message.
inline constexpr std::string_view access_logger_name = "access";

}  // namespace platform::obs
