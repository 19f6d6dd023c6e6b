// JSON escaping and the JSON line formatter.
#include "platform/obs/json_log.hpp"

#include <chrono>
#include <ctime>

#include <fmt/format.h>

#include "platform/text/code_points.hpp"

namespace platform::obs {
namespace {

void append_escaped_code_point(std::string& out, char32_t code) {
  switch (code) {
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(code));
  }
}

bool is_control(char32_t code) { return code < 0x20 || (code >= 0x7f && code <= 0x9f); }

// RFC 3339 in UTC with milliseconds: what log shippers parse without configuration.
void append_time(std::string& out, spdlog::log_clock::time_point when) {
  const auto since_epoch = when.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
  const std::time_t whole = seconds.count();
  std::tm utc{};
  gmtime_r(&whole, &utc);
  fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900,
                 utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t at = 0;
  while (at < text.size()) {
    const char c = text[at];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
      ++at;
      continue;
    }
    const std::size_t start = at;
    const auto code = text::next_code_point(text, at);
    if (!code) {
      out += "\\ufffd";
      at = start + 1;
    } else if (is_control(*code)) {
      append_escaped_code_point(out, *code);
    } else {
      out.append(text.substr(start, at - start));
    }
  }
  out += '"';
}

void json_formatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  std::string line = R"({"time":")";
  append_time(line, msg.time);
  line += R"(","level":)";
  const auto level = spdlog::level::to_string_view(msg.level);
  append_json_string(line, {level.data(), level.size()});
  const std::string_view payload(msg.payload.data(), msg.payload.size());
  if (std::string_view(msg.logger_name.data(), msg.logger_name.size()) == access_logger_name) {
    line += R"(,"message":"access",)";
    line += payload;
  } else {
    line += R"(,"message":)";
    append_json_string(line, payload);
  }
  line += "}\n";
  dest.append(line.data(), line.data() + line.size());
}

std::unique_ptr<spdlog::formatter> json_formatter::clone() const { return std::make_unique<json_formatter>(); }

}  // namespace platform::obs
