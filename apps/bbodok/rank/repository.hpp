// What the ranking reads from the database: the study time of every membership (to rebuild the boards) and
// the names of a group's members.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/sql/connection.hpp"

namespace bbodok::rank {

struct membership_time {
  std::int64_t member_id = 0;
  std::int64_t study_time = 0;
};
// Every live group's memberships, by group.
std::map<std::int64_t, std::vector<membership_time>> study_times(platform::sql::connection& db);
// One group's memberships, most study time first (ties by member id), as a leaderboard orders them.
std::vector<membership_time> study_times_in_group(platform::sql::connection& db, std::int64_t group_id);

struct member_name {
  std::optional<std::string> profile;
  std::string nickname;
};
// The group's members who have not withdrawn, by member id.
std::map<std::int64_t, member_name> names_in_group(platform::sql::connection& db, std::int64_t group_id);

}  // namespace bbodok::rank
