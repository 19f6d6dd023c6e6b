// Cancelling a leaving member's reservations and closing the rooms it empties.
#include "apps/bbodok/room/departures.hpp"

#include <boost/json/serialize.hpp>

#include "apps/bbodok/notification/schedule.hpp"
#include "apps/bbodok/room/json.hpp"
#include "apps/bbodok/room/repository.hpp"

namespace bbodok::room {
namespace {

constexpr const char* cancel_in_group =
    "UPDATE reservation SET cancelled = 1, updated_at = ? "
    "WHERE member_id = ? AND cancelled = 0 "
    "AND room_id IN (SELECT room_id FROM room WHERE group_id = ? AND deleted = 0)";
constexpr const char* close_emptied =
    "UPDATE room SET deleted = 1, updated_at = ? "
    "WHERE group_id = ? AND deleted = 0 "
    "AND NOT EXISTS (SELECT 1 FROM reservation r WHERE r.room_id = room.room_id AND r.cancelled = 0)";
constexpr const char* reserved_live =
    "SELECT DISTINCT ro.room_id, ro.group_id, ro.start_time, ro.end_time FROM room ro "
    "JOIN reservation r ON r.room_id = ro.room_id WHERE r.member_id = ? AND r.cancelled = 0 AND ro.deleted = 0 "
    "ORDER BY ro.room_id";

}  // namespace

std::int64_t cancel_reservations_in_group(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id,
                                          std::int64_t now) {
  const std::int64_t cancelled = db.execute(cancel_in_group, {now, member_id, group_id});
  notification::unschedule_in_group(db, member_id, group_id);
  if (cancelled > 0) db.execute(close_emptied, {now, group_id});
  return cancelled;
}

std::vector<room_record> reserved_live_rooms(platform::sql::connection& db, std::int64_t member_id) {
  std::vector<room_record> out;
  for (const auto& row : db.query(reserved_live, {member_id})) {
    out.push_back({row.as_int("room_id"), row.as_int("group_id"), row.as_int("start_time"), row.as_int("end_time")});
  }
  return out;
}

std::string departure_broadcast(platform::sql::connection& db, const room_record& room) {
  if (const auto live = repository::view(db, room.room_id)) return boost::json::serialize(room_json(*live, true));
  return boost::json::serialize(emptied_room_json(room.start_time));
}

}  // namespace bbodok::room
