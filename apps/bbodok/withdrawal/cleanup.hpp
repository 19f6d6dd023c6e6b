// A withdrawal's local part, in one transaction (contract §7.9 with §11's fixes): the member's live
// reservations (rooms they empty are closed), every group membership through group::leave_rows (todos, ranks'
// rows, a group left empty), their remaining todos, refresh token and web-push client. The task row's stage
// guards it, so it happens once however often it is tried; what it changed is announced after the commit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/sql/connection.hpp"

namespace bbodok::withdrawal {

// What /topic/{groupId} is told about a room the withdrawal changed.
struct room_broadcast {
  std::int64_t group_id = 0;
  std::string payload;
};

struct departure {
  std::vector<std::int64_t> groups_left;  // each loses the member's leaderboard entry and refreshes its rooms
  std::vector<room_broadcast> rooms;
};

// nullopt when the task is past its cleanup (done already, by another worker or an earlier attempt).
std::optional<departure> cleanup_rows(platform::sql::connection& db, std::int64_t member_id, std::int64_t now);

}  // namespace bbodok::withdrawal
