// Claiming and settling notification rows.
#include "apps/bbodok/notification/repository.hpp"

#include "apps/bbodok/notification/sql.hpp"

namespace bbodok::notification::repository {

std::optional<std::int64_t> next_due(sql::connection& db) {
  const auto found = db.query(notification::sql::next_due);
  if (found.empty()) return std::nullopt;
  return found[0].opt_int("due");
}

std::vector<due> claim_due(sql::connection& db, const std::string& claim, std::int64_t now, std::int64_t lease_until,
                           std::int64_t limit) {
  db.execute(notification::sql::drop_expired, {now});
  db.execute(notification::sql::claim, {claim, lease_until, now, now, limit, now});
  std::vector<due> out;
  for (const auto& row : db.query(notification::sql::claimed, {claim})) {
    out.push_back(due{row.as_int("notification_id"), row.as_int("attempts"), row.opt_text("fcm_token")});
  }
  return out;
}

void settle(sql::connection& db, const std::string& claim, const std::vector<settled>& outcomes) {
  for (const auto& s : outcomes) {
    if (s.result == outcome::retry) {
      db.execute(notification::sql::retry_later, {s.retry_at, s.notification_id, claim});
      continue;
    }
    if (s.result == outcome::invalid_token) db.execute(notification::sql::drop_client, {s.fcm_token});
    db.execute(notification::sql::remove, {s.notification_id, claim});
  }
}

}  // namespace bbodok::notification::repository
