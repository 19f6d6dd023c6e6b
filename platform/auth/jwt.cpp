// HS256 signing and strict verification on OpenSSL's HMAC.
#include "platform/auth/jwt.hpp"

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "platform/auth/base64.hpp"

namespace platform::auth {
namespace {

constexpr std::size_t min_key_size = 32;
constexpr std::size_t mac_size = 32;  // SHA-256 output
constexpr std::string_view header_segment_json = R"({"alg":"HS256"})";

std::optional<boost::json::object> parse_object(std::string_view segment) {
  const auto text = base64url_decode(segment);
  if (!text) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(*text, ec);
  if (ec || !value.is_object()) {
    return std::nullopt;
  }
  return std::move(value.as_object());
}

// Only HS256 is accepted, whatever else the header says; a `crit` extension we cannot honour must
// make the token invalid (RFC 7515 §4.1.11).
bool acceptable_header(const boost::json::object& header) {
  const auto* alg = header.if_contains("alg");
  return alg != nullptr && alg->is_string() && alg->get_string() == "HS256" && !header.contains("crit");
}

// `exp` as whole seconds since the epoch, bounded so that converting it to a time_point cannot
// overflow.
std::optional<std::int64_t> expiry_seconds(const boost::json::object& claims) {
  const auto* exp = claims.if_contains("exp");
  if (exp == nullptr) {
    return std::nullopt;
  }
  constexpr std::int64_t max_seconds =
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::time_point::max()).time_since_epoch().count();
  if (exp->is_int64()) {
    const std::int64_t v = exp->get_int64();
    return v <= max_seconds ? std::optional(v) : std::nullopt;
  }
  if (exp->is_uint64()) {
    const std::uint64_t v = exp->get_uint64();
    return v <= static_cast<std::uint64_t>(max_seconds) ? std::optional(static_cast<std::int64_t>(v)) : std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

jwt_signer::jwt_signer(std::string key_bytes) : key_(std::move(key_bytes)) {
  if (key_.size() < min_key_size) {
    throw std::invalid_argument("jwt key must be at least 32 bytes");
  }
}

std::string jwt_signer::mac(std::string_view signing_input) const {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int out_len = 0;
  if (HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
           reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(), out,
           &out_len) == nullptr ||
      out_len != mac_size) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return {reinterpret_cast<const char*>(out), out_len};
}

std::string jwt_signer::sign(const boost::json::object& claims) const {
  std::string token = base64url_encode(header_segment_json);
  token += '.';
  token += base64url_encode(boost::json::serialize(claims));
  const std::string signature = mac(token);
  token += '.';
  token += base64url_encode(signature);
  return token;
}

std::optional<boost::json::object> jwt_signer::verify(std::string_view token,
                                                      std::chrono::system_clock::time_point now) const {
  if (token.size() > max_token_size) {
    return std::nullopt;
  }
  const auto first_dot = token.find('.');
  const auto last_dot = token.rfind('.');
  if (first_dot == std::string_view::npos || first_dot == last_dot || token.find('.', first_dot + 1) != last_dot) {
    return std::nullopt;
  }
  const std::string_view signing_input = token.substr(0, last_dot);
  const auto header = parse_object(token.substr(0, first_dot));
  if (!header || !acceptable_header(*header)) {
    return std::nullopt;
  }

  // The signature is checked before the payload is parsed, so unauthenticated JSON is never read.
  const auto signature = base64url_decode(token.substr(last_dot + 1));
  if (!signature || signature->size() != mac_size) {
    return std::nullopt;
  }
  const std::string expected = mac(signing_input);
  if (CRYPTO_memcmp(expected.data(), signature->data(), mac_size) != 0) {
    return std::nullopt;
  }

  auto claims = parse_object(signing_input.substr(first_dot + 1));
  if (!claims) {
    return std::nullopt;
  }
  const auto exp = expiry_seconds(*claims);
  const auto now_seconds = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count();
  // exp is whole seconds, so "exp <= now" is the same as "exp <= floor(now)".
  if (!exp || *exp <= now_seconds) {
    return std::nullopt;
  }
  return claims;
}

}  // namespace platform::auth
