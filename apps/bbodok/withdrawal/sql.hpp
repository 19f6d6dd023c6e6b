// SQL of the withdrawal repository.
#pragma once

namespace bbodok::withdrawal::sql {

inline constexpr const char* mark_withdrawn =
    "UPDATE member SET status = 'WITHDRAWN', updated_at = ? WHERE member_id = ? AND status = 'REGULAR'";
inline constexpr const char* insert_task =
    "INSERT INTO withdrawal (member_id, kakao_id, stage, attempts, next_attempt_at, created_at, updated_at) "
    "SELECT member_id, kakao_id, 'cleanup', 0, ?, ?, ? FROM member WHERE member_id = ?";
inline constexpr const char* find_task =
    "SELECT member_id, kakao_id, stage, attempts, next_attempt_at FROM withdrawal WHERE member_id = ?";
inline constexpr const char* due =
    "SELECT member_id FROM withdrawal WHERE stage <> 'done' AND next_attempt_at <= ? "
    "ORDER BY next_attempt_at, member_id LIMIT ?";
inline constexpr const char* unfinished = "SELECT COUNT(*) FROM withdrawal WHERE stage <> 'done'";
// The stage guard makes the cleanup happen once: a second worker (another instance, a retry) updates nothing.
inline constexpr const char* end_cleanup =
    "UPDATE withdrawal SET stage = CASE WHEN kakao_id IS NULL THEN 'done' ELSE 'unlink' END, attempts = 0, "
    "next_attempt_at = ?, updated_at = ? WHERE member_id = ? AND stage = 'cleanup'";
inline constexpr const char* claim_unlink =
    "UPDATE withdrawal SET next_attempt_at = ?, updated_at = ? "
    "WHERE member_id = ? AND stage = 'unlink' AND next_attempt_at <= ? RETURNING kakao_id, attempts";
inline constexpr const char* end_unlink =
    "UPDATE withdrawal SET stage = 'done', updated_at = ? WHERE member_id = ? AND stage = 'unlink'";
inline constexpr const char* retry_at =
    "UPDATE withdrawal SET attempts = attempts + 1, next_attempt_at = ?, updated_at = ? "
    "WHERE member_id = ? AND stage = ?";

// The member's own rows the cleanup removes; group::leave_rows takes memberships, todos per group, reservations.
inline constexpr const char* drop_refresh_token = "DELETE FROM refresh_token WHERE member_id = ?";
inline constexpr const char* drop_client = "DELETE FROM client WHERE member_id = ?";
inline constexpr const char* drop_todos = "DELETE FROM todo WHERE member_id = ?";

}  // namespace bbodok::withdrawal::sql
