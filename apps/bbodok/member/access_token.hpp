// Bbodok's access-token claims (contract §1) on the platform's token issuer: exactly `memberId`, `iat` and
// `exp`, as the original's jjwt tokens carried them, so a token of that shape minted with the same key works.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace platform::auth {
class token_issuer;
}

namespace bbodok::member {

std::string issue_access_token(const platform::auth::token_issuer& tokens, std::int64_t member_id,
                               std::chrono::system_clock::time_point now);

// The member id of a valid, unexpired access token with an integer `memberId`; nullopt for anything else
// (refresh tokens included).
std::optional<std::int64_t> read_access_token(const platform::auth::token_issuer& tokens, std::string_view token,
                                              std::chrono::system_clock::time_point now);

}  // namespace bbodok::member
