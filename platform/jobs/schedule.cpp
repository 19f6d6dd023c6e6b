// Next and last fires by arithmetic on local days: with a fixed offset every day has exactly 24 hours.
#include "platform/jobs/schedule.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace platform::jobs {
namespace {

constexpr std::int64_t micros_per_minute = 60'000'000;
constexpr std::int64_t micros_per_day = 24 * 60 * micros_per_minute;

std::int64_t micros_of(std::chrono::minutes m) { return m.count() * micros_per_minute; }

// Floor division: instants before 1970 still land on the right day.
std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

schedule::schedule(std::int64_t first, std::int64_t period, zone where)
    : first_(first), period_(period), zone_(where) {}

schedule schedule::daily_at(std::chrono::minutes time_of_day, zone where) {
  if (time_of_day < std::chrono::minutes(0) || time_of_day >= std::chrono::hours(24)) {
    throw std::invalid_argument("schedule::daily_at: the time of day must be within 00:00..23:59");
  }
  return schedule(micros_of(time_of_day), micros_per_day, where);
}

schedule schedule::every(std::chrono::minutes period, zone where) {
  if (period < std::chrono::minutes(1) || period > std::chrono::hours(24)) {
    throw std::invalid_argument("schedule::every: the period must be 1 minute to 24 hours");
  }
  return schedule(0, micros_of(period), where);
}

std::int64_t schedule::last_at_or_before(std::int64_t micros) const {
  const std::int64_t local = micros + micros_of(zone_.utc_offset);
  const std::int64_t day = floor_div(local, micros_per_day) * micros_per_day;
  const std::int64_t into_day = local - day;
  std::int64_t fire = 0;
  if (into_day >= first_) {
    fire = day + first_ + (into_day - first_) / period_ * period_;
  } else {
    // The previous day's last fire.
    fire = day - micros_per_day + first_ + (micros_per_day - 1 - first_) / period_ * period_;
  }
  return fire - micros_of(zone_.utc_offset);
}

std::int64_t schedule::next_after(std::int64_t micros) const {
  const std::int64_t local = micros + micros_of(zone_.utc_offset);
  const std::int64_t day = floor_div(local, micros_per_day) * micros_per_day;
  const std::int64_t into_day = local - day;
  std::int64_t fire = 0;
  if (into_day < first_) {
    fire = day + first_;
  } else {
    const std::int64_t later = first_ + ((into_day - first_) / period_ + 1) * period_;
    fire = later < micros_per_day ? day + later : day + micros_per_day + first_;
  }
  return fire - micros_of(zone_.utc_offset);
}

std::string schedule::describe() const {
  if (period_ == micros_per_day) {
    const std::int64_t minutes = first_ / micros_per_minute;
    return fmt::format("daily at {:02}:{:02} {}", minutes / 60, minutes % 60, zone_.name);
  }
  return fmt::format("every {} min {}", period_ / micros_per_minute, zone_.name);
}

std::string schedule::local_time(std::int64_t micros) const {
  using namespace std::chrono;
  const sys_time<microseconds> local{microseconds(micros + micros_of(zone_.utc_offset))};
  const auto day = floor<days>(local);
  const year_month_day date(day);
  const hh_mm_ss<seconds> clock(floor<seconds>(local - day));
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02} {}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), clock.hours().count(),
                     clock.minutes().count(), clock.seconds().count(), zone_.name);
}

}  // namespace platform::jobs
