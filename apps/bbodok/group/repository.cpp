// Reading and writing group and membership rows.
#include "apps/bbodok/group/repository.hpp"

#include "apps/bbodok/group/sql.hpp"
#include "apps/bbodok/room/departures.hpp"

namespace bbodok::group {
namespace {

namespace psql = platform::sql;

group_record record_of(const psql::row& row) {
  return group_record{.group_id = row.as_int("group_id"),
                      .name = row.as_text("name"),
                      .secret = row.as_bool("secret"),
                      .color = std::nullopt,
                      .path = row.as_text("path")};
}

std::optional<stored_group> stored_of(const psql::rows& found) {
  if (found.empty()) return std::nullopt;
  const auto& row = found[0];
  return stored_group{.group = record_of(row),
                      .owner_id = row.opt_int("owner_id"),
                      .password_hash = row.opt_text("password_hash"),
                      .everyone = row.as_bool("everyone")};
}

}  // namespace

std::vector<group_record> not_joined(psql::connection& db, std::int64_t member_id) {
  std::vector<group_record> out;
  for (const auto& row : db.query(sql::not_joined, {member_id})) out.push_back(record_of(row));
  return out;
}

std::vector<group_record> groups_with_colors(psql::connection& db, std::int64_t member_id) {
  std::vector<group_record> out;
  for (const auto& row : db.query(sql::mine, {member_id})) {
    out.push_back(record_of(row));
    out.back().color = row.opt_text("color");
  }
  return out;
}

std::optional<stored_group> find_live(psql::connection& db, std::int64_t group_id) {
  return stored_of(db.query(sql::find_live, {group_id}));
}

std::optional<stored_group> find_live_by_path(psql::connection& db, const std::string& path) {
  return stored_of(db.query(sql::find_live_by_path, {path}));
}

std::optional<std::int64_t> insert_group(psql::connection& db, std::int64_t owner_id, const new_group& form,
                                         const std::optional<std::string>& password_hash, std::int64_t now) {
  const auto made = db.query(sql::insert_group, {owner_id, form.name, std::int64_t{form.secret},
                                                 psql::nullable(password_hash), form.path, now, now});
  if (made.empty()) return std::nullopt;
  return made[0].as_int(0);
}

void update_group(psql::connection& db, const group_edit& form, const std::optional<std::string>& password_hash,
                  std::int64_t now) {
  db.execute(sql::update_group,
             {form.name, std::int64_t{form.secret}, psql::nullable(password_hash), now, form.group_id});
}

bool add_membership(psql::connection& db, std::int64_t member_id, std::int64_t group_id, std::int64_t now) {
  return db.execute(sql::join, {member_id, group_id, now}) > 0;
}

bool set_color(psql::connection& db, std::int64_t member_id, std::int64_t group_id,
               const std::optional<std::string>& color) {
  return db.execute(sql::set_color, {psql::nullable(color), member_id, group_id}) > 0;
}

std::vector<std::int64_t> memberships_of(psql::connection& db, std::int64_t member_id) {
  std::vector<std::int64_t> out;
  for (const auto& row : db.query(sql::groups_of, {member_id})) out.push_back(row.as_int(0));
  return out;
}

bool leave_rows(psql::connection& db, std::int64_t member_id, std::int64_t group_id, std::int64_t now) {
  if (db.execute(sql::drop_membership, {member_id, group_id}) == 0) return false;
  db.execute(sql::drop_todos, {member_id, group_id});
  room::cancel_reservations_in_group(db, member_id, group_id, now);
  db.execute(sql::close_if_empty, {now, group_id});
  return true;
}

}  // namespace bbodok::group
