// Which groups a member belongs to, for the checks every read inside a group makes (its rooms, its ranking, a
// STOMP subscription): answered from a kv cache rather than a database round trip per request, and recomputed
// when the member joins, leaves or withdraws. Writes check membership inside their own transaction instead.
#pragma once

#include <cstdint>

#include "apps/bbodok/common/async.hpp"
#include "platform/cache/refreshing_cache.hpp"

namespace platform::sql {
class database;
}
namespace platform::kv {
class cache;
}

namespace bbodok::group {

class memberships {
 public:
  memberships(platform::sql::database& db, platform::kv::cache& store);

  // The member belongs to the live group (group::is_member, as of the last change).
  asio::awaitable<bool> contains(std::int64_t member_id, std::int64_t group_id);
  // After a committed change to the member's memberships (joined, left, withdrew, their group deleted).
  asio::awaitable<void> changed(std::int64_t member_id);

 private:
  platform::cache::refreshing_cache cache_;
};

}  // namespace bbodok::group
