// Rankings (contract §7.5): per group, the study time each member earned in the group's rooms since joining.
// The database (membership.study_time) is the record; a platform::kv leaderboard per group keeps the order,
// rebuilt from the database at start and kept current by the features that change it, after their commits. The
// rendered ranking of each group is cached and recomputed on every change to its board. When the leaderboard's
// store is unreachable (kv::unavailable: a Redis outage) the rankings come from the database, and keep coming from
// it until the next start rebuilds the boards: a board that missed writes would show stale times.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "apps/bbodok/common/async.hpp"
#include "apps/bbodok/common/failure.hpp"
#include "platform/cache/refreshing_cache.hpp"

namespace platform::kv {
class cache;
class leaderboard;
struct leaderboard_entry;
}  // namespace platform::kv
namespace platform::sql {
class database;
}

namespace bbodok::group {
class memberships;
}

namespace bbodok::rank {

// The leaderboard that holds a group's ranking.
std::string board_of(std::int64_t group_id);

class service {
 public:
  service(platform::sql::database& db, platform::kv::leaderboard& boards, group::memberships& groups,
          platform::kv::cache& store);

  // Every group's board from membership.study_time (at start, before serving).
  asio::awaitable<void> rebuild();
  // After the commit that earned it (the room feature's exit) or that made the membership (micros 0: the new
  // member shows with PT0S, and a member who was there keeps their time).
  asio::awaitable<void> add_study_time(std::int64_t group_id, std::int64_t member_id, std::int64_t micros);
  // After the commit that ended the membership (leaving the group, withdrawal).
  asio::awaitable<void> forget(std::int64_t group_id, std::int64_t member_id);
  // The group's ranking (the RankResponse array as JSON text), most study time first; members who withdrew are
  // skipped. not_a_member (404) when the caller is not in the group: a ranking names its members, so only they
  // may read it.
  asio::awaitable<result<std::string>> ranking(std::int64_t caller, std::int64_t group_id);

 private:
  asio::awaitable<platform::cache::computed> render(std::string key);
  // The group's board in leaderboard order, from the database once the leaderboard missed a write.
  asio::awaitable<std::vector<platform::kv::leaderboard_entry>> board(std::int64_t group_id);
  void missed_writes();
  asio::awaitable<void> changed(std::int64_t group_id);

  platform::sql::database& db_;
  platform::kv::leaderboard& boards_;
  group::memberships& groups_;
  platform::cache::refreshing_cache rendered_;
  std::atomic<bool> boards_missed_writes_{false};
};

}  // namespace bbodok::rank
