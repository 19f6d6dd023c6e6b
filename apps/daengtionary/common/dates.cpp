// The Korean renderings of the platform's Seoul wall clock.
#include "apps/daengtionary/common/dates.hpp"

#include <array>

#include <fmt/format.h>

namespace daengtionary {
namespace {

unsigned twelve_hour(const std::chrono::hh_mm_ss<std::chrono::microseconds>& time) {
  const auto hour = static_cast<unsigned>(time.hours().count()) % 12;
  return hour == 0 ? 12 : hour;
}

}  // namespace

std::string korean_datetime(std::int64_t micros) {
  static constexpr std::array<std::string_view, 7> day_names{"일", "월", "화", "수", "목", "금", "토"};
  const auto t = platform::time::seoul_clock_of(micros);
  return fmt::format("{:04}년 {:02}월 {:02}일 {}요일 {} {:02}:{:02}:{:02}", static_cast<int>(t.date.year()),
                     static_cast<unsigned>(t.date.month()), static_cast<unsigned>(t.date.day()),
                     day_names[t.day.c_encoding()], t.time.hours().count() < 12 ? "오전" : "오후", twelve_hour(t.time),
                     t.time.minutes().count(), t.time.seconds().count());
}

std::string short_datetime(std::int64_t micros) {
  const auto t = platform::time::seoul_clock_of(micros);
  return fmt::format("{:02}-{:02}-{:02} {:02}:{:02}:{:02}", static_cast<int>(t.date.year()) % 100,
                     static_cast<unsigned>(t.date.month()), static_cast<unsigned>(t.date.day()), twelve_hour(t.time),
                     t.time.minutes().count(), t.time.seconds().count());
}

std::string iso_local_datetime(std::int64_t micros) {
  const auto t = platform::time::seoul_clock_of(micros);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}", static_cast<int>(t.date.year()),
                     static_cast<unsigned>(t.date.month()), static_cast<unsigned>(t.date.day()), t.time.hours().count(),
                     t.time.minutes().count(), t.time.seconds().count(), t.time.subseconds().count());
}

}  // namespace daengtionary
