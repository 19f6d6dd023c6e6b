// Reading and writing todo rows.
#include "apps/bbodok/todo/repository.hpp"

#include "apps/bbodok/todo/sql.hpp"

namespace bbodok::todo {
namespace {

todo_record record_of(const platform::sql::row& row) {
  return todo_record{row.as_int("todo_id"), row.as_int("group_id"), row.as_text("content"), row.as_bool("done")};
}

}  // namespace

std::vector<todo_record> list_rows(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id) {
  std::vector<todo_record> out;
  for (const auto& row : db.query(sql::list, {member_id, group_id})) out.push_back(record_of(row));
  return out;
}

std::int64_t insert_row(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id,
                        const std::string& content, std::int64_t now) {
  return db.query(sql::insert, {member_id, group_id, content, now, now})[0].as_int(0);
}

std::optional<todo_record> update_row(platform::sql::connection& db, std::int64_t member_id, std::int64_t todo_id,
                                      const std::string& content, bool done, std::int64_t now) {
  const auto updated = db.query(sql::update, {content, std::int64_t{done}, now, todo_id, member_id});
  if (updated.empty()) return std::nullopt;
  return record_of(updated[0]);
}

void delete_row(platform::sql::connection& db, std::int64_t member_id, std::int64_t todo_id) {
  db.execute(sql::remove, {todo_id, member_id});
}

}  // namespace bbodok::todo
