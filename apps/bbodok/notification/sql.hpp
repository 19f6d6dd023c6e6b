// SQL of the notification rows: scheduled inside the room feature's transactions, claimed and settled by the sender.
#pragma once

namespace bbodok::notification::sql {

// Written only for a member with a client row; a second reservation of the same room (a repeated add) adds none.
inline constexpr const char* schedule =
    "INSERT INTO notification (member_id, room_id, notify_at, expires_at, created_at) "
    "SELECT c.member_id, ?, ?, ?, ? FROM client c WHERE c.member_id = ? ON CONFLICT DO NOTHING RETURNING notify_at";
inline constexpr const char* unschedule = "DELETE FROM notification WHERE room_id = ? AND member_id = ?";
inline constexpr const char* unschedule_in_group =
    "DELETE FROM notification WHERE member_id = ? AND room_id IN (SELECT room_id FROM room WHERE group_id = ?)";

// When the next row falls due: its room's start, or later when it waits for a retry or is claimed.
inline constexpr const char* next_due =
    "SELECT MIN(CASE WHEN not_before > notify_at THEN not_before ELSE notify_at END) AS due FROM notification";
// A push that can no longer arrive before its room ends is not sent.
inline constexpr const char* drop_expired = "DELETE FROM notification WHERE expires_at <= ?";
// The outer `not_before <= ?` is re-checked on a row another sender updated meanwhile (PostgreSQL re-reads a row it
// waited for), so of two senders claiming at once each row goes to one.
inline constexpr const char* claim =
    "UPDATE notification SET claim = ?, not_before = ?, attempts = attempts + 1 "
    "WHERE notification_id IN (SELECT notification_id FROM notification WHERE notify_at <= ? AND not_before <= ? "
    "ORDER BY notify_at, notification_id LIMIT ?) AND not_before <= ?";
// The claimed rows with the member's token, if they still have one.
inline constexpr const char* claimed =
    "SELECT n.notification_id, n.attempts, c.fcm_token FROM notification n "
    "LEFT JOIN client c ON c.member_id = n.member_id WHERE n.claim = ? ORDER BY n.notification_id";

inline constexpr const char* remove = "DELETE FROM notification WHERE notification_id = ? AND claim = ?";
inline constexpr const char* retry_later =
    "UPDATE notification SET claim = NULL, not_before = ? WHERE notification_id = ? AND claim = ?";
inline constexpr const char* drop_client = "DELETE FROM client WHERE fcm_token = ?";

}  // namespace bbodok::notification::sql
