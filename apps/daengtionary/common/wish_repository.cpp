// The wish table has map_no, community_no and trade_no columns, each unique together with member_no.
#include "apps/daengtionary/common/wish_repository.hpp"

#include <string>

namespace daengtionary::wishes {
namespace {

// The SQL of one kind of target; constant texts, so every statement is prepared once per connection.
struct statements {
  std::string target_exists;
  std::string find;
  std::string insert;
};

statements statements_for(const char* table, const char* column) {
  const std::string c = column;
  return {"SELECT 1 FROM " + std::string(table) + " WHERE " + c + " = ?",
          "SELECT wish_no FROM wish WHERE member_no = ? AND " + c + " = ?",
          "INSERT INTO wish (member_no, " + c + ", created_at) VALUES (?, ?, ?)"};
}

const statements& sql_of(target kind) {
  static const statements map = statements_for("map", "map_no");
  static const statements community = statements_for("community", "community_no");
  static const statements trade = statements_for("trade", "trade_no");
  switch (kind) {
    case target::community:
      return community;
    case target::trade:
      return trade;
    case target::map:
      break;
  }
  return map;
}

constexpr const char* delete_wish = "DELETE FROM wish WHERE wish_no = ?";

}  // namespace

bool target_exists(platform::sql::connection& db, target kind, std::int64_t id) {
  return !db.query(sql_of(kind).target_exists, {id}).empty();
}

std::optional<std::int64_t> find(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id) {
  auto rows = db.query(sql_of(kind).find, {member_no, id});
  if (rows.empty()) return std::nullopt;
  return rows[0].as_int("wish_no");
}

void insert(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id, std::int64_t now) {
  db.execute(sql_of(kind).insert, {member_no, id, now});
}

void remove(platform::sql::connection& db, std::int64_t wish_no) { db.execute(delete_wish, {wish_no}); }

}  // namespace daengtionary::wishes
