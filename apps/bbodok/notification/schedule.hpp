// Building blocks for the room feature's transactions: a reservation schedules its member's push for the room's
// start (when the member has a web-push client, contract §7.7), a cancellation removes it.
#pragma once

#include <cstdint>
#include <optional>

#include "platform/sql/connection.hpp"

namespace bbodok::notification {

// When the push is due (the room's start), or nullopt when none was scheduled: the member has no client, the
// reservation already had one, or the room has started.
std::optional<std::int64_t> schedule(platform::sql::connection& db, std::int64_t member_id, std::int64_t room_id,
                                     std::int64_t start_time, std::int64_t end_time, std::int64_t now);
void unschedule(platform::sql::connection& db, std::int64_t member_id, std::int64_t room_id);
// The member leaves the group (or withdraws): none of its rooms notifies them.
void unschedule_in_group(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id);

}  // namespace bbodok::notification
