// Whether a group is there and whether a member belongs to it: what every feature that works inside a group
// checks first (rooms, todos, ranks). Plain reads on the caller's connection, for use inside its transaction.
#pragma once

#include <cstdint>

#include "platform/sql/connection.hpp"

namespace bbodok::group {

// The group exists and has not been deleted.
bool is_live_group(platform::sql::connection& db, std::int64_t group_id);
// The member belongs to the (live) group.
bool is_member(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id);

}  // namespace bbodok::group
