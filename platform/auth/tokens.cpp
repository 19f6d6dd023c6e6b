// Access and refresh tokens on top of jwt_signer, and Bearer header parsing.
#include "platform/auth/tokens.hpp"

#include <cstdint>
#include <stdexcept>
#include <utility>

#include <openssl/rand.h>

#include "platform/auth/base64.hpp"

namespace platform::auth {
namespace {

constexpr std::size_t jti_bytes = 16;

std::int64_t epoch_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
}

std::string random_jti() {
  unsigned char bytes[jti_bytes];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return base64url_encode({reinterpret_cast<const char*>(bytes), sizeof bytes});
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

token_issuer::token_issuer(std::string key_bytes, std::chrono::seconds access_ttl, std::chrono::seconds refresh_ttl)
    : signer_(std::move(key_bytes)), access_ttl_(access_ttl), refresh_ttl_(refresh_ttl) {}

std::string token_issuer::issue_access(boost::json::object claims, std::chrono::system_clock::time_point now) const {
  if (claims.contains("exp") || claims.contains("jti")) {
    throw std::invalid_argument("access token claims must not hold exp or jti");
  }
  claims["exp"] = epoch_seconds(now + access_ttl_);
  return signer_.sign(claims);
}

std::string token_issuer::issue_refresh(std::chrono::system_clock::time_point now) const {
  boost::json::object claims;
  claims["exp"] = epoch_seconds(now + refresh_ttl_);
  claims["jti"] = random_jti();
  return signer_.sign(claims);
}

std::optional<boost::json::object> token_issuer::verify_access(std::string_view token,
                                                               std::chrono::system_clock::time_point now) const {
  auto claims = signer_.verify(token, now);
  if (!claims || claims->contains("jti")) {
    return std::nullopt;
  }
  return claims;
}

std::optional<std::string_view> bearer_token(std::string_view authorization_header_value) {
  constexpr std::string_view scheme = "bearer";
  const std::string_view value = trim(authorization_header_value);
  if (value.size() <= scheme.size() || !iequals_ascii(value.substr(0, scheme.size()), scheme) ||
      !is_space(value[scheme.size()])) {
    return std::nullopt;
  }
  const std::string_view token = trim(value.substr(scheme.size()));
  if (token.empty() || token == "null" || token == "undefined" ||
      token.find_first_of(" \t") != std::string_view::npos) {
    return std::nullopt;
  }
  return token;
}

}  // namespace platform::auth
