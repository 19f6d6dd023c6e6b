// Reading group and membership rows for other features.
#include "apps/bbodok/group/membership.hpp"

namespace bbodok::group {
namespace {

constexpr const char* live_group = "SELECT 1 FROM study_group WHERE group_id = ? AND deleted = 0";
constexpr const char* membership =
    "SELECT 1 FROM membership m JOIN study_group g ON g.group_id = m.group_id "
    "WHERE m.member_id = ? AND m.group_id = ? AND g.deleted = 0";

}  // namespace

bool is_live_group(platform::sql::connection& db, std::int64_t group_id) {
  return !db.query(live_group, {group_id}).empty();
}

bool is_member(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id) {
  return !db.query(membership, {member_id, group_id}).empty();
}

}  // namespace bbodok::group
