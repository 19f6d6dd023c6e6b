// The withdrawal task table (migrations/bbodok/0005): one row per withdrawn member, moved from 'cleanup' to
// 'unlink' to 'done' by the worker. Plain reads and writes on the caller's connection, inside its transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/sql/connection.hpp"

namespace bbodok::withdrawal::repository {

inline constexpr const char* cleanup_stage = "cleanup";
inline constexpr const char* unlink_stage = "unlink";
inline constexpr const char* done_stage = "done";

struct task {
  std::int64_t member_id = 0;
  std::optional<std::int64_t> kakao_id;
  std::string stage;
  std::int64_t attempts = 0;
  std::int64_t next_attempt_at = 0;
};

// Marks a REGULAR member WITHDRAWN and records the cleanup, due now; false (nothing written) for any other.
bool record(platform::sql::connection& db, std::int64_t member_id, std::int64_t now);
std::optional<task> find(platform::sql::connection& db, std::int64_t member_id);
// Unfinished tasks due at `now`, the longest-waiting first, at most `limit`.
std::vector<std::int64_t> due(platform::sql::connection& db, std::int64_t now, std::int64_t limit);
std::int64_t unfinished(platform::sql::connection& db);
// Ends the cleanup stage (to 'unlink', or 'done' without a Kakao id, due now); false when the task is not at
// it. Call it first in the cleanup's transaction: its row lock keeps a concurrent cleanup out.
bool end_cleanup(platform::sql::connection& db, std::int64_t member_id, std::int64_t now);

// A claimed unlink: Kakao's id of the member and the failed attempts so far.
struct unlink_claim {
  std::int64_t kakao_id = 0;
  std::int64_t attempts = 0;
};
// Claims a due unlink by pushing its due time to lease_until, so that no other worker takes it meanwhile;
// nullopt when it is not due or not at that stage.
std::optional<unlink_claim> claim_unlink(platform::sql::connection& db, std::int64_t member_id, std::int64_t now,
                                         std::int64_t lease_until);
void end_unlink(platform::sql::connection& db, std::int64_t member_id, std::int64_t now);
// A failed attempt at `stage`: counted, and due again at `at`.
void retry_at(platform::sql::connection& db, std::int64_t member_id, std::string stage, std::int64_t at,
              std::int64_t now);

}  // namespace bbodok::withdrawal::repository
