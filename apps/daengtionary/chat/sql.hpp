// SQL of the chat repository.
#pragma once

namespace daengtionary::chat::sql {

// ON CONFLICT DO NOTHING: a personal room that another request created first returns no row.
inline constexpr const char* insert_room =
    "INSERT INTO chat_room (type, title, personal_key, created_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING RETURNING room_no";
inline constexpr const char* find_personal_room = "SELECT room_no FROM chat_room WHERE personal_key = ?";
inline constexpr const char* find_room = "SELECT room_no, type, title FROM chat_room WHERE room_no = ?";
inline constexpr const char* rename_room = "UPDATE chat_room SET title = ? WHERE room_no = ?";

inline constexpr const char* add_member =
    "INSERT INTO chat_room_member (room_no, member_no, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* find_membership =
    "SELECT enter_status AS entered, last_read_message_no FROM chat_room_member WHERE room_no = ? AND member_no = ?";
inline constexpr const char* mark_entered =
    "UPDATE chat_room_member SET enter_status = 1 WHERE room_no = ? AND member_no = ? AND enter_status = 0";
inline constexpr const char* mark_read =
    "UPDATE chat_room_member SET last_read_message_no = ? "
    "WHERE room_no = ? AND member_no = ? AND last_read_message_no < ?";
inline constexpr const char* newest_message_no = "SELECT MAX(message_no) FROM chat_message WHERE room_no = ?";

inline constexpr const char* insert_message =
    "INSERT INTO chat_message (room_no, type, member_no, sender, message, date, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING message_no";

// The shown sender: the member's current nick, the stored nick once the member is gone, "SYSTEM" for system
// messages. Renaming a member therefore renames their old messages too. The repository appends one of the three
// WHERE clauses.
inline constexpr const char* message_select =
    "SELECT m.message_no, m.room_no, m.type, "
    "CASE WHEN m.type = 'SYSTEM' THEN 'SYSTEM' ELSE COALESCE(a.nick, m.sender) END AS sender, m.message, m.date "
    "FROM chat_message m LEFT JOIN member a ON a.member_no = m.member_no ";
inline constexpr const char* find_message = "WHERE m.message_no = ?";
inline constexpr const char* whole_history = "WHERE m.room_no = ? ORDER BY m.message_no";
// Newest first; the repository turns the page back into ascending order.
inline constexpr const char* page_before =
    "WHERE m.room_no = ? AND m.message_no < ? ORDER BY m.message_no DESC LIMIT ?";

// A member's rooms with their last message and unread count (messages after the member's last read one that
// the member did not send), most recent activity first: the last message's time, or the room's creation.
inline constexpr const char* rooms_of =
    "SELECT r.room_no, r.type, r.title, l.date AS last_date, l.message AS last_message, "
    "(SELECT COUNT(*) FROM chat_message u WHERE u.room_no = r.room_no "
    "AND u.message_no > me.last_read_message_no AND (u.member_no IS NULL OR u.member_no <> me.member_no)) AS unread "
    "FROM chat_room_member me JOIN chat_room r ON r.room_no = me.room_no "
    "LEFT JOIN chat_message l ON l.message_no = "
    "(SELECT MAX(x.message_no) FROM chat_message x WHERE x.room_no = r.room_no) "
    "WHERE me.member_no = ? ORDER BY COALESCE(l.created_at, r.created_at) DESC, r.room_no DESC";
// Every member of every room of one member, in joining order.
inline constexpr const char* members_of_rooms_of =
    "SELECT o.room_no, a.member_no, a.nick FROM chat_room_member me "
    "JOIN chat_room_member o ON o.room_no = me.room_no JOIN member a ON a.member_no = o.member_no "
    "WHERE me.member_no = ? ORDER BY o.room_no, o.joined_at, o.member_no";

}  // namespace daengtionary::chat::sql
