// When a job fires: every N minutes or once a day at a time of day, on the wall clock of a fixed-offset zone.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace platform::jobs {

// A time zone without daylight saving, which is all a fixed offset can describe exactly (Asia/Seoul has been
// UTC+9 since 1988). GCC 12's libstdc++ has no tzdb, and our apps need none.
struct zone {
  std::string_view name;
  std::chrono::minutes utc_offset;
};
inline constexpr zone asia_seoul{"Asia/Seoul", std::chrono::hours(9)};

// Fires at `first` after each local midnight and then every `period` until the day ends, as cron's
// "*/N" minutes do: every(10) fires at 00:00, 00:10, …, 23:50; every(7) at 00:00 … 23:55, then 00:00 again.
// Instants are UTC microseconds, as platform::time::now_micros() reads them.
class schedule {
 public:
  // Once a day at `time_of_day` (00:00 <= time_of_day < 24:00) local time.
  static schedule daily_at(std::chrono::minutes time_of_day, zone where);
  // Every `period` (1 minute to 24 hours) from local midnight.
  static schedule every(std::chrono::minutes period, zone where);

  // The first fire strictly after `micros`.
  std::int64_t next_after(std::int64_t micros) const;
  // The latest fire at or before `micros` (the one a process that was down would have missed).
  std::int64_t last_at_or_before(std::int64_t micros) const;
  // "daily at 00:00 Asia/Seoul", "every 10 min Asia/Seoul": for logs.
  std::string describe() const;
  // "2026-12-08T00:00:00 Asia/Seoul": an instant on this schedule's wall clock, for logs.
  std::string local_time(std::int64_t micros) const;

 private:
  schedule(std::int64_t first, std::int64_t period, zone where);

  std::int64_t first_;   // microseconds after local midnight
  std::int64_t period_;  // microseconds
  zone zone_;
};

}  // namespace platform::jobs
