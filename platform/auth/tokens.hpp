// Access and refresh tokens over jwt_signer, and reading a token from an Authorization header.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "platform/auth/jwt.hpp"

namespace platform::auth {

// Issues and checks HS256 access tokens carrying an app's own claims, and refresh tokens. The platform owns
// `exp` and `jti`; everything else in an access token is the app's (Daengtionary: sub and auth; Bbodok:
// memberId and iat). Immutable, shareable across threads.
class token_issuer {
 public:
  token_issuer(std::string key_bytes, std::chrono::seconds access_ttl, std::chrono::seconds refresh_ttl);

  // The app's claims plus `exp` (now + access_ttl, whole seconds), nothing else: an app that wants `iat`
  // puts it in. Throws std::invalid_argument when the claims hold `exp` or `jti`, which are the issuer's.
  std::string issue_access(boost::json::object claims, std::chrono::system_clock::time_point now) const;

  // Claims exactly exp and a random jti, so two refresh tokens issued in the same second differ (apps store
  // them server-side by hash).
  std::string issue_refresh(std::chrono::system_clock::time_point now) const;

  // The claims (exp included) of a valid, unexpired access token; nullopt for anything else, including a
  // refresh token (it carries a jti, which access tokens never do). The app checks its own claims. Never
  // throws on bad input.
  std::optional<boost::json::object> verify_access(std::string_view token,
                                                   std::chrono::system_clock::time_point now) const;

  std::chrono::seconds access_ttl() const { return access_ttl_; }
  std::chrono::seconds refresh_ttl() const { return refresh_ttl_; }

 private:
  jwt_signer signer_;
  std::chrono::seconds access_ttl_;
  std::chrono::seconds refresh_ttl_;
};

// The token of an `Authorization: Bearer <token>` value (scheme case-insensitive, surrounding
// whitespace ignored); nullopt for other schemes, an empty token, or the literals "null" and
// "undefined" that the logged-out frontend sends. The result views into the argument.
std::optional<std::string_view> bearer_token(std::string_view authorization_header_value);

}  // namespace platform::auth
