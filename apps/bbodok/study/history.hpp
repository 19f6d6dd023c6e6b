// The study history (contract §2.3 row 24, §7.4): per Seoul date of a reservation's start, the time studied
// (cancelled reservations included), sorted by date; cached per member and window asked for and recomputed
// whenever the member's reservations or study time change (§7.10).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "apps/bbodok/common/async.hpp"
#include "apps/bbodok/room/dto.hpp"
#include "platform/cache/refreshing_cache.hpp"

namespace platform::sql {
class connection;
class database;
}  // namespace platform::sql
namespace platform::kv {
class cache;
}

namespace bbodok::study {

struct day_total {
  std::int64_t seoul_day = 0;  // platform::time::seoul_day
  std::int64_t studied = 0;    // microseconds
};

// Reservations with from ≤ start < to, summed per Seoul date, in date order.
std::vector<day_total> daily_totals(platform::sql::connection& db, std::int64_t member_id, room::window w);

class history {
 public:
  history(platform::sql::database& db, platform::kv::cache& store);

  // [{calculatedAt:"YYYY-MM-DD", duration:"PT…"}] as JSON text.
  asio::awaitable<std::string> durations(std::int64_t member_id, room::window w);
  // After a committed change to the member's reservations or study time.
  asio::awaitable<void> changed(std::int64_t member_id);

 private:
  platform::sql::database& db_;
  platform::cache::refreshing_cache cache_;
};

}  // namespace bbodok::study
