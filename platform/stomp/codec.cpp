// STOMP frame encoder and incremental decoder; the rules are in codec.hpp.
#include "platform/stomp/codec.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <system_error>

namespace platform::stomp {
namespace {

constexpr std::string_view content_length_name = "content-length";

// Plain decimal only: from_chars on an unsigned type rejects signs, and we reject spaces and overflow.
std::optional<std::size_t> parse_content_length(std::string_view text) {
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || stop != end) return std::nullopt;
  return value;
}

void append_raw(std::string& out, std::string_view text, std::string_view forbidden) {
  if (text.find_first_of(forbidden) != std::string_view::npos) {
    throw std::invalid_argument("stomp: CONNECT/CONNECTED header cannot carry CR, LF or a colon in its name");
  }
  out += text;
}

std::optional<std::string> unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i == text.size()) return std::nullopt;
    switch (text[i]) {
      case 'r':
        out += '\r';
        break;
      case 'n':
        out += '\n';
        break;
      case 'c':
        out += ':';
        break;
      case '\\':
        out += '\\';
        break;
      default:
        return std::nullopt;
    }
  }
  return out;
}

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\n':
        out += "\\n";
        break;
      case ':':
        out += "\\c";
        break;
      default:
        out += c;
    }
  }
}

std::string encode(const frame& f) {
  const bool escape = escapes_headers(f.cmd);
  std::string out;
  out.reserve(64 + f.body.size());
  out += to_string(f.cmd);
  out += '\n';
  for (const auto& [name, value] : f.headers) {
    if (name.empty()) throw std::invalid_argument("stomp: empty header name");
    if (escape) {
      append_escaped(out, name);
      out += ':';
      append_escaped(out, value);
    } else {
      append_raw(out, name, ":\r\n");
      out += ':';
      append_raw(out, value, "\r\n");
    }
    out += '\n';
  }
  if (const auto declared = f.header(content_length_name)) {
    if (parse_content_length(*declared) != f.body.size()) {
      throw std::invalid_argument("stomp: content-length header does not match the body size");
    }
  } else if (!f.body.empty()) {
    // Without it the body would end at its first NUL, and the peer could not size its read.
    out += content_length_name;
    out += ':';
    out += std::to_string(f.body.size());
    out += '\n';
  }
  out += '\n';
  out += f.body;
  out += '\0';
  return out;
}

std::string_view describe(decode_error e) {
  switch (e) {
    case decode_error::unknown_command:
      return "unknown command";
    case decode_error::malformed_header:
      return "malformed header line";
    case decode_error::bad_escape:
      return "undefined escape sequence in a header";
    case decode_error::header_too_long:
      return "header line too long";
    case decode_error::too_many_headers:
      return "too many headers";
    case decode_error::frame_too_large:
      return "frame too large";
    case decode_error::bad_content_length:
      return "invalid content-length";
    case decode_error::missing_nul:
      return "frame body not terminated by NUL";
  }
  return "invalid frame";  // only for a value outside the enumeration
}

decoder::decoder(limits config) : limits_(config) {}

void decoder::feed(std::string_view bytes) {
  if (failed_) return;  // the connection is closing; keeping its bytes would only hold memory
  // Compacting once per feed (not per frame) keeps many small frames in one feed linear.
  buffer_.erase(0, start_);
  start_ = 0;
  buffer_.append(bytes);
}

std::optional<decode_result> decoder::next() {
  if (failed_) return std::nullopt;
  if (phase_ == phase::command && line_ == 0) {
    const std::string_view rest = pending();
    if (rest.empty()) return std::nullopt;
    if (rest[0] == '\n') return heart_beat_of(1);
    if (rest[0] == '\r') {
      if (rest.size() == 1) return std::nullopt;  // "\r" may yet become "\r\n"
      if (rest[1] == '\n') return heart_beat_of(2);
    }
  }
  while (phase_ != phase::body) {
    std::string_view line;
    switch (read_line(line)) {
      case line_status::incomplete:
        return std::nullopt;
      case line_status::too_long:
        return fail(decode_error::header_too_long);
      case line_status::too_large:
        return fail(decode_error::frame_too_large);
      case line_status::ready:
        break;
    }
    const auto error = phase_ == phase::command ? on_command_line(line) : on_header_line(line);
    if (error) return fail(*error);
  }
  return read_body();
}

std::string_view decoder::pending() const { return std::string_view(buffer_).substr(start_); }

// Looks for the LF only as far as both limits allow, so which limit is hit (and when) depends on the
// bytes alone, never on how they were split across feeds.
decoder::line_status decoder::read_line(std::string_view& line) {
  const std::string_view rest = pending();
  const std::size_t line_end_limit = line_ + limits_.max_line_bytes + 1;
  const std::size_t window_end = std::min(line_end_limit, limits_.max_frame_bytes);
  const std::string_view window = rest.substr(0, std::min(window_end, rest.size()));
  const std::size_t eol = window.find('\n', scan_);
  if (eol == std::string_view::npos) {
    scan_ = window.size();
    if (window.size() < window_end) return line_status::incomplete;
    return line_end_limit <= limits_.max_frame_bytes ? line_status::too_long : line_status::too_large;
  }
  line = window.substr(line_, eol - line_);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  line_ = eol + 1;
  scan_ = line_;
  return line_status::ready;
}

std::optional<decode_error> decoder::on_command_line(std::string_view line) {
  const auto cmd = command_from_string(line);
  if (!cmd) return decode_error::unknown_command;
  frame_.cmd = *cmd;
  phase_ = phase::headers;
  return std::nullopt;
}

std::optional<decode_error> decoder::on_header_line(std::string_view line) {
  if (line.empty()) {
    // line_ (now the body's start) is at most max_frame_bytes, so the subtraction cannot wrap.
    if (content_length_ && *content_length_ >= limits_.max_frame_bytes - line_) {
      return decode_error::frame_too_large;
    }
    phase_ = phase::body;
    return std::nullopt;
  }
  if (frame_.headers.size() == limits_.max_headers) return decode_error::too_many_headers;
  // A lone CR cannot be re-encoded in CONNECT and is not STOMP 1.2 anywhere.
  if (line.find('\r') != std::string_view::npos) return decode_error::malformed_header;
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return decode_error::malformed_header;
  // Split at the first colon; a raw colon later in the value is tolerated, as Spring and stompjs do.
  const std::string_view raw_name = line.substr(0, colon);
  const std::string_view raw_value = line.substr(colon + 1);
  std::string name;
  std::string value;
  if (escapes_headers(frame_.cmd)) {
    auto unescaped_name = unescape(raw_name);
    auto unescaped_value = unescape(raw_value);
    if (!unescaped_name || !unescaped_value) return decode_error::bad_escape;
    name = std::move(*unescaped_name);
    value = std::move(*unescaped_value);
  } else {
    name = raw_name;
    value = raw_value;
  }
  if (name == content_length_name && !frame_.header(content_length_name)) {
    content_length_ = parse_content_length(value);
    if (!content_length_) return decode_error::bad_content_length;
  }
  frame_.headers.emplace_back(std::move(name), std::move(value));
  return std::nullopt;
}

std::optional<decode_result> decoder::read_body() {
  const std::string_view rest = pending();
  std::size_t nul = 0;
  if (content_length_) {
    // The body may contain NULs; only the byte right after it must be one.
    nul = line_ + *content_length_;
    if (rest.size() <= nul) return std::nullopt;
    if (rest[nul] != '\0') return fail(decode_error::missing_nul);
  } else {
    const std::string_view window = rest.substr(0, std::min(rest.size(), limits_.max_frame_bytes));
    nul = window.find('\0', scan_);
    if (nul == std::string_view::npos) {
      scan_ = window.size();
      if (window.size() < limits_.max_frame_bytes) return std::nullopt;
      return fail(decode_error::frame_too_large);
    }
  }
  frame_.body.assign(rest.substr(line_, nul - line_));
  decode_result done{std::move(frame_)};
  start_next_frame(nul + 1);
  return done;
}

decode_result decoder::heart_beat_of(std::size_t eol_bytes) {
  start_ += eol_bytes;
  return heart_beat{};
}

decode_result decoder::fail(decode_error code) {
  failed_ = true;
  buffer_.clear();
  buffer_.shrink_to_fit();
  std::string message(describe(code));
  switch (code) {
    case decode_error::header_too_long:
      message += " (limit " + std::to_string(limits_.max_line_bytes) + " bytes)";
      break;
    case decode_error::too_many_headers:
      message += " (limit " + std::to_string(limits_.max_headers) + ")";
      break;
    case decode_error::frame_too_large:
      message += " (limit " + std::to_string(limits_.max_frame_bytes) + " bytes)";
      break;
    default:
      break;
  }
  return decode_failure{code, std::move(message)};
}

void decoder::start_next_frame(std::size_t frame_bytes) {
  start_ += frame_bytes;
  line_ = 0;
  scan_ = 0;
  phase_ = phase::command;
  frame_ = frame{};
  content_length_.reset();
}

}  // namespace platform::stomp
