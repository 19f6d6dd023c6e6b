// Room rules over REST (contract §2.3 rows 18–23, §7.2–7.3): calendars, my rooms, entering and leaving, and the
// nearest reservation. Refusals are failures, never HTTP.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/bbodok/common/async.hpp"
#include "apps/bbodok/common/failure.hpp"
#include "apps/bbodok/room/dto.hpp"
#include "apps/bbodok/room/listeners.hpp"

namespace platform::sql {
class database;
}
namespace bbodok::group {
class memberships;
}

namespace bbodok::room {

class calendar;

// The longest window a list may ask for: the frontend asks for 14 days (a year and a week for the history).
inline constexpr std::int64_t max_window_days = 400;
// from ≤ to and at most max_window_days long; otherwise 400.
result<window> checked_window(std::int64_t from, std::int64_t to);

class service {
 public:
  service(platform::sql::database& db, group::memberships& groups, calendar& rooms, const listeners& on_change);

  // The group's calendar as RoomResponse JSON (with memberIds); members of the group only.
  asio::awaitable<result<std::string>> group_rooms(std::int64_t member_id, std::int64_t group_id, window w);
  // The caller's reserved rooms in one group, or in all of them.
  asio::awaitable<result<std::vector<room_view>>> reserved_in_group(std::int64_t member_id, std::int64_t group_id,
                                                                    window w);
  asio::awaitable<std::vector<room_view>> reserved(std::int64_t member_id, window w);
  // Entering: enter time max(now, start); refused after the end or without a reservation; an open entry is
  // returned as it is.
  asio::awaitable<result<entry_record>> enter(std::int64_t member_id, std::int64_t room_id, std::int64_t now);
  // Leaving: nullopt before the start; exit time min(now, end); the time studied goes to the reservation and
  // the membership in one transaction, then to the listeners.
  asio::awaitable<result<std::optional<entry_record>>> leave(std::int64_t member_id, std::int64_t room_id,
                                                             std::int64_t now);
  // The live reservation whose room ends soonest after now.
  asio::awaitable<std::optional<room_view>> nearest(std::int64_t member_id, std::int64_t now);

 private:
  platform::sql::database& db_;
  group::memberships& groups_;
  calendar& rooms_;
  const listeners& on_change_;
};

}  // namespace bbodok::room
