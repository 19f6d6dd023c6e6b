// When a room is "live": from a little before its start (when the frontend lets its members in) to its end. The
// study room's companions, which the frontend calls without credentials (LiveKit tokens, Socket.IO chat), serve
// only live rooms.
#pragma once

#include <cstdint>
#include <optional>

#include "platform/sql/connection.hpp"

namespace bbodok::room {

struct room_times {
  std::int64_t room_id = 0;
  std::int64_t group_id = 0;
  std::int64_t start_time = 0;
  std::int64_t end_time = 0;
};

// The room unless it is missing or deleted (emptied, or closed after its end).
std::optional<room_times> find_open_room(platform::sql::connection& db, std::int64_t room_id);

// Whether `now` lies in [start − open_before, end].
bool is_live(const room_times& room, std::int64_t now, std::int64_t open_before);

}  // namespace bbodok::room
