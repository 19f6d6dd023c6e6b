// Reading a room's times for its live window.
#include "apps/bbodok/room/live_window.hpp"

#include <charconv>

#include "platform/time/seoul.hpp"

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

bool is_live_now(platform::sql::connection& db, std::int64_t room_id, std::int64_t open_before) {
  const auto room = find_open_room(db, room_id);
  return room && is_live(*room, platform::time::now_micros(), open_before);
}

std::optional<std::int64_t> parse_room_id(std::string_view text) {
  std::int64_t id = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), id);
  if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace bbodok::room
