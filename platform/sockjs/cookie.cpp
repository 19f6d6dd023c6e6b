// Reading JSESSIONID out of a Cookie header (RFC 6265 §4.2.1: `name=value` pairs separated by "; ").
#include "platform/sockjs/cookie.hpp"

namespace platform::sockjs {

namespace {

constexpr std::string_view cookie_name = "JSESSIONID";
constexpr std::string_view dummy_value = "dummy";

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 6265 cookie-octet: visible ASCII but for DQUOTE, comma, semicolon and backslash. Anything else would let a
// client put text into our Set-Cookie that changes its meaning.
bool plain_value(std::string_view value) {
  if (value.empty()) return false;
  for (const char c : value) {
    const bool allowed = c > 0x20 && c < 0x7F && c != '"' && c != ',' && c != ';' && c != '\\';
    if (!allowed) return false;
  }
  return true;
}

std::string_view requested_jsessionid(std::string_view header) {
  while (!header.empty()) {
    const auto end = header.find(';');
    const std::string_view pair = trimmed(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || trimmed(pair.substr(0, equals)) != cookie_name) continue;
    const std::string_view value = trimmed(pair.substr(equals + 1));
    return plain_value(value) ? value : dummy_value;
  }
  return dummy_value;
}

}  // namespace

std::string jsessionid_cookie(std::string_view cookie_header) {
  std::string cookie(cookie_name);
  cookie += '=';
  cookie += requested_jsessionid(cookie_header);
  cookie += "; path=/";
  return cookie;
}

}  // namespace platform::sockjs
