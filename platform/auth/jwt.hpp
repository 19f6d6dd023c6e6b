// HS256 JSON Web Signatures (RFC 7515/7519): the only token format the contract uses.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace platform::auth {

// Longer tokens are rejected before any decoding; ours are a few hundred bytes.
inline constexpr std::size_t max_token_size = 8 * 1024;

// Signs and verifies compact HS256 tokens with one key. Immutable after construction, so one
// instance may be shared by all threads.
class jwt_signer {
 public:
  // key_bytes: the raw HMAC key (the Base64-decoded `jwt.secret`). Throws std::invalid_argument
  // when shorter than 32 bytes: RFC 7518 §3.2 requires a key at least as long as the hash, and the
  // original's jjwt refused weaker keys too.
  explicit jwt_signer(std::string key_bytes);

  // Header {"alg":"HS256"}, payload = claims as given.
  std::string sign(const boost::json::object& claims) const;

  // The payload when the token is a well-formed HS256 JWS with a valid signature and an integer
  // `exp` later than now; nullopt for anything else (never throws on bad input).
  std::optional<boost::json::object> verify(std::string_view token, std::chrono::system_clock::time_point now) const;

 private:
  std::string mac(std::string_view signing_input) const;

  std::string key_;
};

}  // namespace platform::auth
