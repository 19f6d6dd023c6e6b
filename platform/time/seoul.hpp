// Instants and the Korean wall clock: both apps store UTC microseconds and speak naive Asia/Seoul times.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/time/clock.hpp"

namespace platform::time {

inline constexpr std::int64_t micros_per_second = 1'000'000;
inline constexpr std::int64_t micros_per_minute = 60 * micros_per_second;
inline constexpr std::int64_t micros_per_day = 24 * 60 * micros_per_minute;

// The Asia/Seoul day of an instant, as days since 1970-01-01 in Seoul (the unit of "once a day", "today").
std::int64_t seoul_day(std::int64_t micros);
// The instant of 00:00 in Seoul on a seoul_day().
std::int64_t seoul_midnight(std::int64_t day);

// The Seoul wall clock of an instant field by field, for the formats an app renders itself.
struct seoul_clock {
  std::chrono::year_month_day date{};
  std::chrono::weekday day{};
  std::chrono::hh_mm_ss<std::chrono::microseconds> time;
};
seoul_clock seoul_clock_of(std::int64_t micros);

// "2023-07-01T10:30:00", "2023-07-01T10:31:02.123456": a Java LocalDateTime as Jackson writes it (seconds
// always, a fraction only when non-zero and without trailing zeros), in Seoul time.
std::string seoul_local_datetime(std::int64_t micros);
// "2023-07-01": the Seoul date of an instant.
std::string seoul_local_date(std::int64_t micros);

// Reads "YYYY-MM-DDTHH:mm", "…:ss" or "…:ss.fffffffff" (ISO_LOCAL_DATE_TIME) as Seoul time; digits past
// microseconds are dropped. nullopt for anything else, impossible dates included (2023-02-30).
std::optional<std::int64_t> parse_seoul_local_datetime(std::string_view text);

// Java's Duration.toString() of a span: "PT0S", "PT24M59.876543S", "PT50H" (hours are never folded into
// days), "PT-1M-30S".
std::string iso_duration(std::int64_t micros);

}  // namespace platform::time
