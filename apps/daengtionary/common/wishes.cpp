// The wish table has map_no, community_no and trade_no columns, each unique together with member_no.
#include "apps/daengtionary/common/wishes.hpp"

#include <string>

#include <boost/json/object.hpp>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/envelope.hpp"

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

std::optional<std::int64_t> find(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id) {
  auto rows = db.query(sql_of(kind).find, {member_no, id});
  if (rows.empty()) return std::nullopt;
  return rows[0].as_int(0);
}

void insert(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id, std::int64_t now) {
  db.execute(sql_of(kind).insert, {member_no, id, now});
}

void remove(platform::sql::connection& db, std::int64_t wish_no) { db.execute(delete_wish, {wish_no}); }

result<bool> toggle(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id) {
  if (db.query(sql_of(kind).target_exists, {id}).empty()) return errc::map_not_found;
  if (auto wish = find(db, member_no, kind, id)) {
    remove(db, *wish);
    return false;
  }
  insert(db, member_no, kind, id, now_micros());
  return true;
}

platform::http::response answer(target kind, std::int64_t id, bool added) {
  using boost::json::value;
  auto id_if = [&](target column) { return !added && kind == column ? value(id) : value(nullptr); };
  const boost::json::object data{
      {"mapNo", id_if(target::map)}, {"comNo", id_if(target::community)}, {"tradeNo", id_if(target::trade)}};
  return ok(data, added ? "좋아요가 추가되었습니다." : "좋아요가 삭제되었습니다.");
}

}  // namespace daengtionary::wishes
