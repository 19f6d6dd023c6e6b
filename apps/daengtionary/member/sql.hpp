// SQL of the member repository.
#pragma once

namespace daengtionary::member::sql {

inline constexpr const char* find_by_email =
    "SELECT member_no, email, password AS password_hash, nick, role, kakao_id, created_at, modified_at FROM member "
    "WHERE email = ?";
inline constexpr const char* find_by_id =
    "SELECT member_no, email, password AS password_hash, nick, role, kakao_id, created_at, modified_at FROM member "
    "WHERE member_no = ?";
inline constexpr const char* find_by_kakao_id =
    "SELECT member_no, email, password AS password_hash, nick, role, kakao_id, created_at, modified_at FROM member "
    "WHERE kakao_id = ?";
inline constexpr const char* email_exists = "SELECT 1 FROM member WHERE email = ?";
inline constexpr const char* nick_exists = "SELECT 1 FROM member WHERE nick = ?";
inline constexpr const char* insert =
    "INSERT INTO member (email, password, nick, role, kakao_id, created_at, modified_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING member_no";
inline constexpr const char* set_kakao_id = "UPDATE member SET kakao_id = ?, modified_at = ? WHERE member_no = ?";
inline constexpr const char* update_nick = "UPDATE member SET nick = ?, modified_at = ? WHERE member_no = ?";
inline constexpr const char* save_refresh_token =
    "INSERT INTO refresh_token (member_no, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (member_no) DO UPDATE SET token_hash = excluded.token_hash, expires_at = excluded.expires_at, "
    "created_at = excluded.created_at";

}  // namespace daengtionary::member::sql
