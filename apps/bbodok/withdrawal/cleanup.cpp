// The cleanup transaction's rows.
#include "apps/bbodok/withdrawal/cleanup.hpp"

#include "apps/bbodok/group/repository.hpp"
#include "apps/bbodok/room/departures.hpp"
#include "apps/bbodok/withdrawal/repository.hpp"
#include "apps/bbodok/withdrawal/sql.hpp"

namespace bbodok::withdrawal {

std::optional<departure> cleanup_rows(platform::sql::connection& db, std::int64_t member_id, std::int64_t now) {
  if (!repository::end_cleanup(db, member_id, now)) return std::nullopt;
  const auto rooms = room::reserved_live_rooms(db, member_id);
  db.execute(sql::drop_refresh_token, {member_id});
  db.execute(sql::drop_client, {member_id});
  departure out;
  out.groups_left = group::memberships_of(db, member_id);
  for (const auto group_id : out.groups_left) group::leave_rows(db, member_id, group_id, now);
  // Todos in groups that were deleted before (none should be): the member's todos all go.
  db.execute(sql::drop_todos, {member_id});
  for (const auto& room : rooms) out.rooms.push_back({room.group_id, room::departure_broadcast(db, room)});
  return out;
}

}  // namespace bbodok::withdrawal
