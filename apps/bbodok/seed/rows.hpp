// The seed's writes: plain rows in Bbodok's schema, and the booking pattern the demo and bulk sets share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/sql/connection.hpp"

namespace bbodok::seed {

inline constexpr std::int64_t everyone_group = 1;  // made by the schema migration

std::int64_t insert_member(platform::sql::connection& db, const std::string& name, const std::string& profile,
                           const std::optional<std::string>& email, std::int64_t now);
// password_hash: set for secret groups only.
std::int64_t insert_group(platform::sql::connection& db, std::int64_t owner, const std::string& name,
                          const std::string& path, const std::optional<std::string>& password_hash, std::int64_t now);
void insert_membership(platform::sql::connection& db, std::int64_t member, std::int64_t group,
                       const std::optional<std::string>& color, std::int64_t now);
void insert_todo(platform::sql::connection& db, std::int64_t member, std::int64_t group, const std::string& content,
                 bool done, std::int64_t now);

// Books a room of the group at `start` (a 25-minute slot) for the members, the first one its owner. Relative to
// `now`: a room that ended before today (Seoul) is closed as the nightly job would have closed it; every member
// of a room that has ended studied in it (one entry, clamped to the room) unless the pattern marks a no-show.
void book_room(platform::sql::connection& db, std::int64_t group, std::int64_t start,
               const std::vector<std::int64_t>& members, std::int64_t now);

// Each membership's rank becomes the study time of its reservations in the group's rooms, as the exits that
// earned it would have added it.
void settle_ranks(platform::sql::connection& db);

// The starts of the 30-minute grid (Seoul wall clock, "HH:MM") on the Seoul days from `first_day` for `days`
// days, relative to today; throws std::runtime_error for a time off the grid.
std::vector<std::int64_t> daily_starts(const std::vector<std::string>& times, std::int64_t first_day, std::int64_t days,
                                       std::int64_t now);

}  // namespace bbodok::seed
