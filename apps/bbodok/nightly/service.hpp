// The jobs Bbodok runs at midnight in Seoul (contract §7.8, fixing §11.3 and §11.5): done todos cleared and
// ended rooms closed once across instances, then the room caches refreshed; a missed midnight catches up at start.
#pragma once

#include <cstdint>
#include <string>

#include "apps/bbodok/common/async.hpp"

namespace platform::sql {
class database;
}
namespace platform::jobs {
class scheduler;
}

namespace bbodok::room {
class calendar;
}

namespace bbodok::nightly {

class service {
 public:
  service(platform::sql::database& db, room::calendar& calendars);

  // Clears the todos done before `midnight` and closes the rooms that ended by then, in one transaction, then
  // recomputes the calendars of the groups whose rooms closed and warms the day that `midnight` starts.
  // Idempotent: a second run finds nothing left to change. Returns a summary for the job log.
  asio::awaitable<std::string> clean_up(std::int64_t midnight);
  // Warms this instance's calendars for the day that `midnight` starts (the frontend's window moves then).
  asio::awaitable<std::string> warm_rooms(std::int64_t midnight);

 private:
  platform::sql::database& db_;
  room::calendar& calendars_;
};

// "nightly-cleanup" (once across instances) and "room-cache-warm-up" (on every instance), both at 00:00 in Seoul.
void register_jobs(platform::jobs::scheduler& jobs, service& nightly);

}  // namespace bbodok::nightly
