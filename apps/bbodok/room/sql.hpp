// SQL of the room repository. A room list is two queries over the same filters on `room ro`: the rooms, then the
// live reservations of members still in the room's group, in reservation order.
#pragma once

#include <string_view>

namespace bbodok::room::sql {

inline constexpr std::string_view room_columns =
    "SELECT ro.room_id, ro.group_id, ro.start_time, ro.end_time FROM room ro WHERE ro.deleted = 0";
inline constexpr std::string_view room_order = " ORDER BY ro.start_time, ro.room_id";
inline constexpr std::string_view occupant_columns =
    "SELECT ro.room_id, m.member_id, m.profile FROM room ro "
    "JOIN reservation r ON r.room_id = ro.room_id AND r.cancelled = 0 "
    "JOIN member m ON m.member_id = r.member_id "
    "JOIN membership ms ON ms.member_id = r.member_id AND ms.group_id = ro.group_id WHERE ro.deleted = 0";
inline constexpr std::string_view occupant_order = " ORDER BY ro.room_id, r.reservation_id";

// Filters, each with its parameters, joined with AND after the columns above.
inline constexpr std::string_view in_group = "ro.group_id = ?";
inline constexpr std::string_view in_window = "ro.start_time >= ? AND ro.end_time <= ?";
inline constexpr std::string_view reserved_by =
    "EXISTS (SELECT 1 FROM reservation mine WHERE mine.room_id = ro.room_id AND mine.member_id = ? "
    "AND mine.cancelled = 0)";
inline constexpr std::string_view one_room = "ro.room_id = ?";

inline constexpr const char* live_room =
    "SELECT room_id, group_id, start_time, end_time FROM room WHERE room_id = ? AND deleted = 0";
inline constexpr const char* live_room_at =
    "SELECT room_id, group_id, start_time, end_time FROM room WHERE group_id = ? AND start_time = ? AND deleted = 0";
inline constexpr const char* nearest =
    "SELECT ro.room_id, ro.group_id, ro.start_time, ro.end_time FROM reservation r "
    "JOIN room ro ON ro.room_id = r.room_id AND ro.deleted = 0 "
    "WHERE r.member_id = ? AND r.cancelled = 0 AND ro.end_time > ? ORDER BY ro.end_time, ro.room_id LIMIT 1";

// The unique index room_live_slot makes a concurrent second insert of a slot a no-op (no row returned).
inline constexpr const char* insert_room =
    "INSERT INTO room (group_id, owner_id, start_time, end_time, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING RETURNING room_id";
// Locks a live room for the rest of the transaction (PostgreSQL), so a join and the cancel that empties and
// closes it happen one after the other; 0 rows when it is closed.
inline constexpr const char* lock_room = "UPDATE room SET updated_at = ? WHERE room_id = ? AND deleted = 0";
inline constexpr const char* close_room = "UPDATE room SET deleted = 1, updated_at = ? WHERE room_id = ?";

inline constexpr const char* live_reservation =
    "SELECT reservation_id FROM reservation WHERE room_id = ? AND member_id = ? AND cancelled = 0";
inline constexpr const char* insert_reservation =
    "INSERT INTO reservation (member_id, room_id, start_time, end_time, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* cancel_reservation =
    "UPDATE reservation SET cancelled = 1, updated_at = ? WHERE reservation_id = ? AND cancelled = 0";
inline constexpr const char* any_live_reservation =
    "SELECT 1 FROM reservation WHERE room_id = ? AND cancelled = 0 LIMIT 1";

inline constexpr const char* open_entry =
    "SELECT entry_id, enter_time FROM room_entry WHERE reservation_id = ? AND exit_time IS NULL";
inline constexpr const char* insert_entry =
    "INSERT INTO room_entry (reservation_id, enter_time) VALUES (?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* close_entry =
    "UPDATE room_entry SET exit_time = ? WHERE entry_id = ? AND exit_time IS NULL";
inline constexpr const char* add_to_reservation =
    "UPDATE reservation SET study_time = study_time + ?, updated_at = ? WHERE reservation_id = ?";
inline constexpr const char* add_to_membership =
    "UPDATE membership SET study_time = study_time + ? WHERE member_id = ? AND group_id = ?";

}  // namespace bbodok::room::sql
