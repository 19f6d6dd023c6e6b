// RoomResponse and RoomHistoryResponse as the frontend reads them (contract §2.2), the same for REST and for
// STOMP broadcasts: every key present, nulls included.
#pragma once

#include <cstdint>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "apps/bbodok/room/dto.hpp"

namespace bbodok::room {

// {roomId, groupId, startTime, endTime, profiles, memberIds}; memberIds null unless asked for.
boost::json::object room_json(const room_view& room, bool with_member_ids);
boost::json::array rooms_json(const std::vector<room_view>& rooms, bool with_member_ids);
// The broadcast when a room empties: only startTime set.
boost::json::object emptied_room_json(std::int64_t start_time);
// {enterTime, exitTime}
boost::json::object entry_json(const entry_record& entry);

}  // namespace bbodok::room
