// Reading a room's times for its live window.
#include "apps/bbodok/room/live_window.hpp"

namespace bbodok::room {
namespace {

constexpr const char* find_open =
    "SELECT room_id, group_id, start_time, end_time FROM room WHERE room_id = ? AND deleted = 0";

}  // namespace

std::optional<room_times> find_open_room(platform::sql::connection& db, std::int64_t room_id) {
  const auto found = db.query(find_open, {room_id});
  if (found.empty()) return std::nullopt;
  const auto& row = found[0];
  return room_times{row.as_int("room_id"), row.as_int("group_id"), row.as_int("start_time"), row.as_int("end_time")};
}

bool is_live(const room_times& room, std::int64_t now, std::int64_t open_before) {
  return now >= room.start_time - open_before && now <= room.end_time;
}

}  // namespace bbodok::room
