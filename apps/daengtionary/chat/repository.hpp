// Chat room, membership and message rows (SQL only; called on the blocking pool).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/daengtionary/chat/dto.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::chat::repository {

using platform::sql::connection;

// The new room's number; nullopt when personal_key is already taken (the pair has a room).
std::optional<std::int64_t> insert_room(connection& db, const std::string& type, const std::string& title,
                                        const std::optional<std::string>& personal_key, std::int64_t now);
std::optional<std::int64_t> find_personal_room(connection& db, const std::string& personal_key);
std::optional<room_record> find_room(connection& db, std::int64_t room_no);
void rename_room(connection& db, std::int64_t room_no, const std::string& title);

// True when the member was added, false when already a member.
bool add_member(connection& db, std::int64_t room_no, std::int64_t member_no, std::int64_t now);
std::optional<membership> find_membership(connection& db, std::int64_t room_no, std::int64_t member_no);
// True when the member had not entered before (and now has).
bool mark_entered(connection& db, std::int64_t room_no, std::int64_t member_no);
// Moves the member's read mark forward to message_no; never backwards.
void mark_read(connection& db, std::int64_t room_no, std::int64_t member_no, std::int64_t message_no);
// 0 when the room has no message.
std::int64_t newest_message_no(connection& db, std::int64_t room_no);

std::int64_t insert_message(connection& db, const new_message& message);
std::optional<message_record> find_message(connection& db, std::int64_t message_no);
// Ascending by message_no: the whole history without a window, else the `size` messages before `before`.
std::vector<message_record> messages_of(connection& db, std::int64_t room_no, const message_window& window);

// Two queries whatever the number of rooms.
std::vector<room_summary> rooms_of(connection& db, std::int64_t member_no);

}  // namespace daengtionary::chat::repository
