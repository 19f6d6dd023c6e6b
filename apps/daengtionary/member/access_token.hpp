// Daengtionary's access-token claims (contract §1.4) on the platform's token issuer: exactly `sub` (the
// member's email), `auth` (the role) and `exp`, no `iat`, as the original issued them and the frontend reads.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace platform::auth {
class token_issuer;
}

namespace daengtionary::member {

struct access_claims {
  std::string email;  // `sub`
  std::string role;   // `auth`: USER, BUSINESS or ADMIN
};

std::string issue_access_token(const platform::auth::token_issuer& tokens, const access_claims& claims,
                               std::chrono::system_clock::time_point now);

// nullopt for anything but a valid, unexpired access token with a string `sub` and `auth`.
std::optional<access_claims> read_access_token(const platform::auth::token_issuer& tokens, std::string_view token,
                                               std::chrono::system_clock::time_point now);

}  // namespace daengtionary::member
