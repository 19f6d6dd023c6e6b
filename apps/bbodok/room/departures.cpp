// Cancelling a leaving member's reservations and closing the rooms it empties.
#include "apps/bbodok/room/departures.hpp"

#include "apps/bbodok/notification/schedule.hpp"

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

}  // namespace

std::int64_t cancel_reservations_in_group(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id,
                                          std::int64_t now) {
  const std::int64_t cancelled = db.execute(cancel_in_group, {now, member_id, group_id});
  notification::unschedule_in_group(db, member_id, group_id);
  if (cancelled > 0) db.execute(close_emptied, {now, group_id});
  return cancelled;
}

}  // namespace bbodok::room
