// What a member leaving a group (or withdrawing) does to the group's rooms, inside the leaving transaction:
// their live reservations in the group's live rooms are cancelled, and rooms left without a reservation are
// closed. What they studied stays on the cancelled reservations (the study history counts it).
#pragma once

#include <cstdint>

#include "platform/sql/connection.hpp"

namespace bbodok::room {

// Returns how many reservations it cancelled.
std::int64_t cancel_reservations_in_group(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id,
                                          std::int64_t now);

}  // namespace bbodok::room
