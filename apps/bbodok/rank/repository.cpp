// Reading study times and member names for the ranking.
#include "apps/bbodok/rank/repository.hpp"

namespace bbodok::rank {
namespace {

constexpr const char* all_times =
    "SELECT m.group_id, m.member_id, m.study_time FROM membership m "
    "JOIN study_group g ON g.group_id = m.group_id WHERE g.deleted = 0";
constexpr const char* times_in_group =
    "SELECT member_id, study_time FROM membership WHERE group_id = ? ORDER BY study_time DESC, member_id";
constexpr const char* names =
    "SELECT mb.member_id, mb.name, mb.profile FROM membership m JOIN member mb ON mb.member_id = m.member_id "
    "WHERE m.group_id = ? AND mb.status = 'REGULAR'";

}  // namespace

std::map<std::int64_t, std::vector<membership_time>> study_times(platform::sql::connection& db) {
  std::map<std::int64_t, std::vector<membership_time>> out;
  for (const auto& row : db.query(all_times)) {
    out[row.as_int("group_id")].push_back({row.as_int("member_id"), row.as_int("study_time")});
  }
  return out;
}

std::vector<membership_time> study_times_in_group(platform::sql::connection& db, std::int64_t group_id) {
  std::vector<membership_time> out;
  for (const auto& row : db.query(times_in_group, {group_id})) {
    out.push_back({row.as_int("member_id"), row.as_int("study_time")});
  }
  return out;
}

std::map<std::int64_t, member_name> names_in_group(platform::sql::connection& db, std::int64_t group_id) {
  std::map<std::int64_t, member_name> out;
  for (const auto& row : db.query(names, {group_id})) {
    out[row.as_int("member_id")] = member_name{row.opt_text("profile"), row.as_text("name")};
  }
  return out;
}

}  // namespace bbodok::rank
