// Pure checks on member input.
#include "apps/daengtionary/member/validation.hpp"

#include <algorithm>
#include <cctype>

#include "apps/daengtionary/common/text.hpp"

namespace daengtionary::member {
namespace {

bool is_ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool is_nick_character(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9') || (c >= U'\uAC00' && c <= U'\uD7A3');
}

}  // namespace

std::string normalize_email(std::string_view email) {
  std::string lower(email);
  std::ranges::transform(lower, lower.begin(),
                         [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return lower;
}

bool is_valid_email(std::string_view email) {
  if (email.size() > 254) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  const auto local_ok = std::ranges::all_of(
      local, [](char c) { return is_ascii_alnum(c) || std::string_view("._-+").find(c) != std::string_view::npos; });
  const auto domain_ok = std::ranges::all_of(domain, [](char c) { return is_ascii_alnum(c) || c == '.' || c == '-'; });
  const auto last_dot = domain.rfind('.');
  if (!local_ok || !domain_ok || last_dot == std::string_view::npos || last_dot == 0) return false;
  const std::string_view tld = domain.substr(last_dot + 1);
  return tld.size() >= 2 &&
         std::ranges::all_of(tld, [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }) &&
         domain.find("..") == std::string_view::npos && domain.front() != '.' &&
         local.find("..") == std::string_view::npos && local.front() != '.' && local.back() != '.';
}

bool is_valid_password(std::string_view password) {
  return password.size() >= 8 && password.size() <= 72 && password.find('\0') == std::string_view::npos;
}

bool is_valid_nick(std::string_view nick) {
  std::size_t at = 0;
  std::size_t characters = 0;
  while (at < nick.size()) {
    auto code = next_code_point(nick, at);
    if (!code || !is_nick_character(*code)) return false;
    ++characters;
  }
  return characters >= 2 && characters <= 8;
}

bool is_valid_role(std::string_view role) { return role == "USER" || role == "BUSINESS" || role == "ADMIN"; }

}  // namespace daengtionary::member
