// The group calendar (GET /rooms) cached per group and window asked for, recomputed on every change to the
// group's rooms and warmed at start (contract §7.10, fixing §11.3).
#pragma once

#include <cstdint>
#include <string>

#include "apps/bbodok/common/async.hpp"
#include "apps/bbodok/room/dto.hpp"
#include "platform/cache/refreshing_cache.hpp"

namespace platform::sql {
class database;
}
namespace platform::kv {
class cache;
}

namespace bbodok::room {

class calendar {
 public:
  calendar(platform::sql::database& db, platform::kv::cache& store);

  // The RoomResponse array (with memberIds) of the group's live rooms inside the window, as JSON text.
  asio::awaitable<std::string> rooms(std::int64_t group_id, window w);
  // After a committed change to the group's rooms or reservations.
  asio::awaitable<void> changed(std::int64_t group_id);
  // The window the frontend asks for (today 00:00 in Seoul, 14 days) for every live group; at start and after
  // every Seoul midnight (apps/bbodok/nightly), when the frontend's window moves.
  asio::awaitable<void> warm(std::int64_t now);

 private:
  platform::sql::database& db_;
  platform::cache::refreshing_cache cache_;
};

}  // namespace bbodok::room
