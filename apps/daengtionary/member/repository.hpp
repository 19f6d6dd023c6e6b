// Member rows: lookups, inserts and updates (SQL only; called on the blocking pool).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "apps/daengtionary/member/dto.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::member::repository {

using platform::sql::connection;

std::optional<member_record> find_by_email(connection& db, std::string_view email);
std::optional<member_record> find_by_id(connection& db, std::int64_t member_no);
std::optional<member_record> find_by_kakao_id(connection& db, std::int64_t kakao_id);
bool email_exists(connection& db, std::string_view email);
bool nick_exists(connection& db, std::string_view nick);
// Throws platform::sql::unique_violation when the email, nick or Kakao id is taken.
std::int64_t insert(connection& db, const new_member& member, std::int64_t now);
void set_kakao_id(connection& db, std::int64_t member_no, std::int64_t kakao_id, std::int64_t now);
// Throws platform::sql::unique_violation when the nick is taken.
void update_nick(connection& db, std::int64_t member_no, std::string_view nick, std::int64_t now);
// One refresh token per member, kept as a hash; a new login replaces the old one.
void save_refresh_token(connection& db, std::int64_t member_no, std::string_view token_hash, std::int64_t expires_at,
                        std::int64_t now);

}  // namespace daengtionary::member::repository
