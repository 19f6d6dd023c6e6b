// Reserving study rooms (contract §4.1, §7.2): /app/add makes a group's room for a slot (or joins the one the
// slot has: the database keeps one live room per group and start), /app/join toggles a reservation. Every
// change is broadcast on /topic/{groupId} as the REST RoomResponse, or as the start-time-only payload when a
// room empties.
#pragma once

#include <cstdint>
#include <string>

#include "apps/bbodok/common/async.hpp"
#include "apps/bbodok/common/failure.hpp"
#include "apps/bbodok/room/listeners.hpp"

namespace platform::sql {
class database;
}
namespace platform::kv {
class pubsub;
}

namespace bbodok::room {

inline constexpr std::int64_t room_length_micros = 25 * 60 * 1'000'000LL;

// The broker destination (and pub/sub channel) of a group's broadcasts.
std::string group_topic(std::int64_t group_id);

// 유효하지 않은 요청 시간입니다.
failure invalid_request_time();

class booking {
 public:
  booking(platform::sql::database& db, platform::kv::pubsub& bus, const listeners& on_change);

  // end − start must be exactly 25 minutes and now ≤ end; members of the group only.
  asio::awaitable<result<void>> add(std::int64_t member_id, std::int64_t group_id, std::int64_t start_time,
                                    std::int64_t end_time, std::int64_t now);
  // Reserves the room, or cancels the member's reservation (closing the room when it was the last); the room
  // must be the group's and not over; members of the group only.
  asio::awaitable<result<void>> toggle(std::int64_t member_id, std::int64_t room_id, std::int64_t group_id,
                                       std::int64_t now);

 private:
  asio::awaitable<void> announce(std::int64_t member_id, std::int64_t group_id, std::string payload);

  platform::sql::database& db_;
  platform::kv::pubsub& bus_;
  const listeners& on_change_;
};

}  // namespace bbodok::room
