// Member withdrawal (contract §7.9): for now synchronous, in one transaction. The member is marked WITHDRAWN
// (member::find_active skips them from then on, so their tokens get 401), their refresh token and web-push
// client go, and they leave every group (the default one included) with group::leave_rows' cascade. After
// the commit the member's cached record is recomputed (their tokens stop working at once), each group's
// leaderboard entry goes and its rooms are announced as changed.
#pragma once

#include <cstdint>
#include <vector>

#include "apps/bbodok/common/async.hpp"
#include "platform/sql/connection.hpp"

namespace platform::sql {
class database;
}
namespace bbodok::group {
class service;
}
namespace bbodok::member {
class service;
}

namespace bbodok::withdrawal {

// The rows of a withdrawal inside the caller's transaction; the groups the member left (none when the member
// had already withdrawn).
std::vector<std::int64_t> withdraw_rows(platform::sql::connection& db, std::int64_t member_id, std::int64_t now);

class service {
 public:
  service(platform::sql::database& db, member::service& members, group::service& groups);

  asio::awaitable<void> withdraw(std::int64_t member_id);

 private:
  platform::sql::database& db_;
  member::service& members_;
  group::service& groups_;
};

}  // namespace bbodok::withdrawal
