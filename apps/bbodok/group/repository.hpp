// Group and membership rows. Plain reads and writes on the caller's connection, for use inside its transaction
// (the withdrawal feature leaves every group through leave_rows).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/bbodok/group/dto.hpp"
#include "platform/sql/connection.hpp"

namespace bbodok::group {

// A live group with what only the service may see.
struct stored_group {
  group_record group;  // color unset
  std::optional<std::int64_t> owner_id;
  std::optional<std::string> password_hash;
  bool everyone = false;  // the default group: joined by all, never left
};

std::vector<group_record> not_joined(platform::sql::connection& db, std::int64_t member_id);
std::vector<group_record> groups_with_colors(platform::sql::connection& db, std::int64_t member_id);
std::optional<stored_group> find_live(platform::sql::connection& db, std::int64_t group_id);
std::optional<stored_group> find_live_by_path(platform::sql::connection& db, const std::string& path);
// The new group's id; nullopt when its path is taken.
std::optional<std::int64_t> insert_group(platform::sql::connection& db, std::int64_t owner_id, const new_group& form,
                                         const std::optional<std::string>& password_hash, std::int64_t now);
void update_group(platform::sql::connection& db, const group_edit& form,
                  const std::optional<std::string>& password_hash, std::int64_t now);
// Whether a membership was made (false: the member had one).
bool add_membership(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id, std::int64_t now);
// Whether the member had a membership to colour.
bool set_color(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id,
               const std::optional<std::string>& color);
std::vector<std::int64_t> memberships_of(platform::sql::connection& db, std::int64_t member_id);

// A member leaving a group (contract §7.1, also for withdrawal): the membership and the rank it carries, the
// member's todos in the group, their reservations in its rooms (room::cancel_reservations_in_group), and the
// group itself when it is left empty, unless it is the default group. Whether the member was in the group.
bool leave_rows(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id, std::int64_t now);

}  // namespace bbodok::group
