// Asia/Seoul has been UTC+9 without daylight saving since 1988, so a fixed offset is exact for our data.
#include "apps/daengtionary/common/dates.hpp"

#include <array>
#include <chrono>

#include <fmt/format.h>

namespace daengtionary {
namespace {

using namespace std::chrono;

struct seoul_time {
  year_month_day date{};
  weekday day{};
  hh_mm_ss<microseconds> time;
};

seoul_time to_seoul(std::int64_t micros) {
  const sys_time<microseconds> instant{microseconds(micros) + hours(9)};
  const auto day = floor<days>(instant);
  return {year_month_day(day), weekday(day), hh_mm_ss<microseconds>(instant - day)};
}

unsigned twelve_hour(const hh_mm_ss<microseconds>& time) {
  const auto hour = static_cast<unsigned>(time.hours().count()) % 12;
  return hour == 0 ? 12 : hour;
}

}  // namespace

std::int64_t now_micros() { return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count(); }

std::int64_t seoul_day(std::int64_t micros) {
  const sys_time<microseconds> instant{microseconds(micros) + hours(9)};
  return floor<days>(instant).time_since_epoch().count();
}

std::string korean_datetime(std::int64_t micros) {
  static constexpr std::array<std::string_view, 7> day_names{"일", "월", "화", "수", "목", "금", "토"};
  const seoul_time t = to_seoul(micros);
  return fmt::format("{:04}년 {:02}월 {:02}일 {}요일 {} {:02}:{:02}:{:02}", static_cast<int>(t.date.year()),
                     static_cast<unsigned>(t.date.month()), static_cast<unsigned>(t.date.day()),
                     day_names[t.day.c_encoding()], t.time.hours().count() < 12 ? "오전" : "오후", twelve_hour(t.time),
                     t.time.minutes().count(), t.time.seconds().count());
}

std::string short_datetime(std::int64_t micros) {
  const seoul_time t = to_seoul(micros);
  return fmt::format("{:02}-{:02}-{:02} {:02}:{:02}:{:02}", static_cast<int>(t.date.year()) % 100,
                     static_cast<unsigned>(t.date.month()), static_cast<unsigned>(t.date.day()), twelve_hour(t.time),
                     t.time.minutes().count(), t.time.seconds().count());
}

std::string iso_local_datetime(std::int64_t micros) {
  const seoul_time t = to_seoul(micros);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}", static_cast<int>(t.date.year()),
                     static_cast<unsigned>(t.date.month()), static_cast<unsigned>(t.date.day()), t.time.hours().count(),
                     t.time.minutes().count(), t.time.seconds().count(), t.time.subseconds().count());
}

}  // namespace daengtionary
