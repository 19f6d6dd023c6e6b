// Asia/Seoul has been UTC+9 without daylight saving since 1988, so a fixed offset is exact for our data.
#include "platform/time/seoul.hpp"

#include <charconv>
#include <chrono>

#include <fmt/format.h>

namespace platform::time {
namespace {

using namespace std::chrono;

constexpr std::int64_t seoul_offset = 9 * 60 * micros_per_minute;

// The fraction of a second as Java prints it: nothing for zero, else "." and the digits without trailing zeros.
std::string fraction(std::int64_t micros_of_second) {
  if (micros_of_second == 0) return {};
  std::string digits = fmt::format(".{:06}", micros_of_second);
  digits.erase(digits.find_last_not_of('0') + 1);
  return digits;
}

// Reads exactly `width` decimal digits at `at`, advancing it.
std::optional<int> digits(std::string_view text, std::size_t& at, std::size_t width) {
  if (at + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[at + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  at += width;
  return value;
}

bool expect(std::string_view text, std::size_t& at, char c) {
  if (at >= text.size() || text[at] != c) return false;
  ++at;
  return true;
}

}  // namespace

std::int64_t seoul_day(std::int64_t micros) {
  const sys_time<microseconds> local{microseconds(micros + seoul_offset)};
  return floor<days>(local).time_since_epoch().count();
}

std::int64_t seoul_midnight(std::int64_t day) { return day * micros_per_day - seoul_offset; }

seoul_clock seoul_clock_of(std::int64_t micros) {
  const sys_time<microseconds> local{microseconds(micros + seoul_offset)};
  const auto day = floor<days>(local);
  return {year_month_day(day), weekday(day), hh_mm_ss<microseconds>(local - day)};
}

std::string seoul_local_datetime(std::int64_t micros) {
  const auto [date, day, clock] = seoul_clock_of(micros);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), clock.hours().count(),
                     clock.minutes().count(), clock.seconds().count(), fraction(clock.subseconds().count()));
}

std::string seoul_local_date(std::int64_t micros) {
  const year_month_day date{sys_days(days(seoul_day(micros)))};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

std::optional<std::int64_t> parse_seoul_local_datetime(std::string_view text) {
  std::size_t at = 0;
  const auto y = digits(text, at, 4);
  if (!y || !expect(text, at, '-')) return std::nullopt;
  const auto mo = digits(text, at, 2);
  if (!mo || !expect(text, at, '-')) return std::nullopt;
  const auto d = digits(text, at, 2);
  if (!d || !expect(text, at, 'T')) return std::nullopt;
  const auto h = digits(text, at, 2);
  if (!h || !expect(text, at, ':')) return std::nullopt;
  const auto mi = digits(text, at, 2);
  if (!mi) return std::nullopt;
  int s = 0;
  std::int64_t micros = 0;
  if (at < text.size()) {
    if (!expect(text, at, ':')) return std::nullopt;
    const auto sec = digits(text, at, 2);
    if (!sec) return std::nullopt;
    s = *sec;
    if (at < text.size()) {
      if (!expect(text, at, '.') || at == text.size() || text.size() - at > 9) return std::nullopt;
      std::int64_t scale = 100000;
      for (; at < text.size(); ++at, scale /= 10) {
        if (text[at] < '0' || text[at] > '9') return std::nullopt;
        micros += (text[at] - '0') * scale;
      }
    }
  }
  const year_month_day date{year(*y), month(static_cast<unsigned>(*mo)), day(static_cast<unsigned>(*d))};
  if (!date.ok() || *h > 23 || *mi > 59 || s > 59) return std::nullopt;
  const auto local = sys_days(date) + hours(*h) + minutes(*mi) + seconds(s);
  return duration_cast<microseconds>(local.time_since_epoch()).count() + micros - seoul_offset;
}

std::string iso_duration(std::int64_t micros) {
  // Java keeps floor(seconds) and a non-negative fraction; printing follows Duration.toString().
  std::int64_t total_seconds = micros / micros_per_second;
  std::int64_t fraction_micros = micros % micros_per_second;
  if (fraction_micros < 0) {
    fraction_micros += micros_per_second;
    --total_seconds;
  }
  const std::int64_t effective = (total_seconds < 0 && fraction_micros > 0) ? total_seconds + 1 : total_seconds;
  const std::int64_t h = effective / 3600;
  const std::int64_t m = (effective % 3600) / 60;
  const std::int64_t s = effective % 60;
  std::string out = "PT";
  if (h != 0) out += fmt::format("{}H", h);
  if (m != 0) out += fmt::format("{}M", m);
  if (s == 0 && fraction_micros == 0 && out.size() > 2) return out;
  if (total_seconds < 0 && fraction_micros > 0) {
    out += s == 0 ? std::string("-0") : fmt::format("{}", s);
    out += fraction(micros_per_second - fraction_micros);
  } else {
    out += fmt::format("{}", s);
    out += fraction(fraction_micros);
  }
  out += 'S';
  return out;
}

}  // namespace platform::time
