// Withdrawal task rows.
#include "apps/bbodok/withdrawal/repository.hpp"

#include "apps/bbodok/withdrawal/sql.hpp"

namespace bbodok::withdrawal::repository {

namespace psql = platform::sql;

bool record(psql::connection& db, std::int64_t member_id, std::int64_t now) {
  if (db.execute(sql::mark_withdrawn, {now, member_id}) == 0) return false;
  db.execute(sql::insert_task, {now, now, now, member_id});
  return true;
}

std::optional<task> find(psql::connection& db, std::int64_t member_id) {
  const auto rows = db.query(sql::find_task, {member_id});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  return task{row.as_int("member_id"), row.opt_int("kakao_id"), row.as_text("stage"), row.as_int("attempts"),
              row.as_int("next_attempt_at")};
}

std::vector<std::int64_t> due(psql::connection& db, std::int64_t now, std::int64_t limit) {
  std::vector<std::int64_t> out;
  for (const auto& row : db.query(sql::due, {now, limit})) out.push_back(row.as_int(0));
  return out;
}

std::int64_t unfinished(psql::connection& db) { return db.query(sql::unfinished)[0].as_int(0); }

bool end_cleanup(psql::connection& db, std::int64_t member_id, std::int64_t now) {
  return db.execute(sql::end_cleanup, {now, now, member_id}) > 0;
}

std::optional<unlink_claim> claim_unlink(psql::connection& db, std::int64_t member_id, std::int64_t now,
                                         std::int64_t lease_until) {
  const auto rows = db.query(sql::claim_unlink, {lease_until, now, member_id, now});
  if (rows.empty()) return std::nullopt;
  return unlink_claim{rows[0].as_int("kakao_id"), rows[0].as_int("attempts")};
}

void end_unlink(psql::connection& db, std::int64_t member_id, std::int64_t now) {
  db.execute(sql::end_unlink, {now, member_id});
}

void retry_at(psql::connection& db, std::int64_t member_id, std::string stage, std::int64_t at, std::int64_t now) {
  db.execute(sql::retry_at, {at, now, member_id, std::move(stage)});
}

}  // namespace bbodok::withdrawal::repository
