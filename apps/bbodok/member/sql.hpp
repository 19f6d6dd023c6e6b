// SQL of the member repository.
#pragma once

namespace bbodok::member::sql {

inline constexpr const char* find_active =
    "SELECT member_id, name, profile, email FROM member WHERE member_id = ? AND status = 'REGULAR'";
inline constexpr const char* find_active_by_kakao_id =
    "SELECT member_id, name, profile, email FROM member WHERE kakao_id = ? AND status = 'REGULAR'";
// A concurrent first sign-in of the same Kakao user inserts nothing here and reads the other's row after.
inline constexpr const char* insert =
    "INSERT INTO member (name, profile, email, kakao_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (kakao_id) WHERE status = 'REGULAR' DO NOTHING RETURNING member_id";

inline constexpr const char* save_refresh_token =
    "INSERT INTO refresh_token (member_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (member_id) DO UPDATE SET token_hash = excluded.token_hash, expires_at = excluded.expires_at, "
    "created_at = excluded.created_at";
// Compare-and-swap: of two refreshes with one token, one finds it and the other finds nothing.
inline constexpr const char* rotate_refresh_token =
    "UPDATE refresh_token SET token_hash = ?, expires_at = ?, created_at = ? "
    "WHERE token_hash = ? AND expires_at > ? RETURNING member_id";

inline constexpr const char* upsert_client =
    "INSERT INTO client (member_id, fcm_token, created_at, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (member_id) DO UPDATE SET fcm_token = excluded.fcm_token, updated_at = excluded.updated_at "
    "RETURNING client_id, member_id, fcm_token";

}  // namespace bbodok::member::sql
