// The sender's side of the notification rows: when the next one is due, claiming what is due, settling what was
// tried. Each function is one step on the caller's connection; claim and settle run in a transaction each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/sql/connection.hpp"

namespace bbodok::notification::repository {

namespace sql = platform::sql;

// The earliest instant a row is due (its room's start, or its retry), nullopt when there is none.
std::optional<std::int64_t> next_due(sql::connection& db);

struct due {
  std::int64_t notification_id = 0;
  std::int64_t attempts = 0;             // this one included
  std::optional<std::string> fcm_token;  // nullopt: the member has no client any more
};

// Drops rows whose room has ended, then marks up to `limit` due rows as this sender's (`claim`, unique per call)
// until `lease_until`, counting the attempt; returns them. A row claimed by another sender is skipped until its
// lease ends (the other crashed) or it is settled.
std::vector<due> claim_due(sql::connection& db, const std::string& claim, std::int64_t now, std::int64_t lease_until,
                           std::int64_t limit);

enum class outcome { done, invalid_token, retry };

struct settled {
  std::int64_t notification_id = 0;
  outcome result = outcome::done;
  std::string fcm_token;      // for invalid_token: the clients holding it are removed
  std::int64_t retry_at = 0;  // for retry
};

// Applies the outcomes of one claim: done rows are deleted, an invalid token's clients and rows are deleted, the
// others wait until their retry_at. Rows no longer under `claim` are left alone.
void settle(sql::connection& db, const std::string& claim, const std::vector<settled>& outcomes);

}  // namespace bbodok::notification::repository
