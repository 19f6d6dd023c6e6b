// The contract's access and refresh tokens (§1.4) and reading them from an Authorization header.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "platform/auth/jwt.hpp"

namespace platform::auth {

// What an access token says about its bearer.
struct access_claims {
  std::string subject;      // member email (`sub`)
  std::string authorities;  // comma-joined role names (`auth`), e.g. "USER"
  std::chrono::system_clock::time_point expires_at;
};

// Issues and checks tokens in the exact shape the frontend decodes. Immutable, shareable across
// threads.
class token_issuer {
 public:
  token_issuer(std::string key_bytes, std::chrono::seconds access_ttl, std::chrono::seconds refresh_ttl);

  // Claims exactly sub, auth, exp (seconds); no iat, as the original issued them.
  std::string issue_access(std::string_view subject, std::string_view authorities,
                           std::chrono::system_clock::time_point now) const;

  // Claims exp and a random jti, so two refresh tokens issued in the same second differ (they are
  // stored server-side by hash, one per member).
  std::string issue_refresh(std::chrono::system_clock::time_point now) const;

  // nullopt for anything that is not a valid, unexpired access token, including a refresh token
  // (no sub or no auth). Never throws on bad input.
  std::optional<access_claims> verify_access(std::string_view token, std::chrono::system_clock::time_point now) const;

  std::chrono::seconds access_ttl() const { return access_ttl_; }

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
