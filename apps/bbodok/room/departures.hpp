// What a member leaving a group (or withdrawing) does to the group's rooms, inside the leaving transaction:
// their live reservations in the group's live rooms are cancelled, and rooms left without a reservation are
// closed. What they studied stays on the cancelled reservations (the study history counts it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "apps/bbodok/room/dto.hpp"
#include "platform/sql/connection.hpp"

namespace bbodok::room {

// Returns how many reservations it cancelled.
std::int64_t cancel_reservations_in_group(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id,
                                          std::int64_t now);

// The live rooms the member holds a live reservation in: what their departure from every group (withdrawal)
// changes.
std::vector<room_record> reserved_live_rooms(platform::sql::connection& db, std::int64_t member_id);
// After the departure, what /topic/{groupId} is told about one of those rooms, as booking tells it: the room as
// RoomResponse, or only its start time when the departure closed it.
std::string departure_broadcast(platform::sql::connection& db, const room_record& room);

}  // namespace bbodok::room
