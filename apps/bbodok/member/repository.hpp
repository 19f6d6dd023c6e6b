// Member rows, their refresh tokens and their web-push clients.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "apps/bbodok/member/dto.hpp"
#include "platform/sql/connection.hpp"

namespace bbodok::member {

// The member unless missing or withdrawn. Also for other features' transactions (ranks name members).
std::optional<member_record> find_active(platform::sql::connection& db, std::int64_t member_id);

namespace repository {

// The member with this Kakao id, made now if there is none (a withdrawn member's Kakao account gets a new one).
member_record find_or_create_by_kakao(platform::sql::connection& db, const new_member& kakao_user, std::int64_t now);
// A new member (dev sign-in).
member_record create(platform::sql::connection& db, const new_member& member, std::int64_t now);

// The member's one refresh token, replaced.
void save_refresh_token(platform::sql::connection& db, std::int64_t member_id, std::string_view token_hash,
                        std::int64_t expires_at, std::int64_t now);
// Replaces the unexpired token with this hash by a new one; the member it belonged to, or nullopt when no such
// token is stored (unknown, expired, or superseded by a refresh that came first).
std::optional<std::int64_t> rotate_refresh_token(platform::sql::connection& db, std::string_view old_hash,
                                                 std::string_view new_hash, std::int64_t expires_at, std::int64_t now);

// The member's one FCM token, replaced in place (the row keeps its id).
client_record save_client(platform::sql::connection& db, std::int64_t member_id, std::string_view fcm_token,
                          std::int64_t now);

}  // namespace repository
}  // namespace bbodok::member
