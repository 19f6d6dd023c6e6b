// Notification rows written and removed with the reservations they belong to.
#include "apps/bbodok/notification/schedule.hpp"

#include "apps/bbodok/notification/sql.hpp"

namespace bbodok::notification {

std::optional<std::int64_t> schedule(platform::sql::connection& db, std::int64_t member_id, std::int64_t room_id,
                                     std::int64_t start_time, std::int64_t end_time, std::int64_t now) {
  // Joining a room that is already running: the member is there, nothing to announce.
  if (start_time <= now) return std::nullopt;
  const auto written = db.query(sql::schedule, {room_id, start_time, end_time, now, member_id});
  if (written.empty()) return std::nullopt;
  return written[0].as_int(0);
}

void unschedule(platform::sql::connection& db, std::int64_t member_id, std::int64_t room_id) {
  db.execute(sql::unschedule, {room_id, member_id});
}

void unschedule_in_group(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id) {
  db.execute(sql::unschedule_in_group, {member_id, group_id});
}

}  // namespace bbodok::notification
