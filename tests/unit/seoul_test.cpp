// Seoul wall-clock rendering and parsing, and Java's Duration text.
#include "platform/time/seoul.hpp"

#include <gtest/gtest.h>

namespace {

using namespace platform::time;

// 2023-07-01T00:00:00Z, i.e. 09:00 in Seoul.
constexpr std::int64_t july_first_utc = 1688169600LL * micros_per_second;

TEST(SeoulTime, RendersWholeSecondsWithoutFraction) {
  EXPECT_EQ(seoul_local_datetime(july_first_utc), "2023-07-01T09:00:00");
  EXPECT_EQ(seoul_local_datetime(july_first_utc + 90 * micros_per_minute), "2023-07-01T10:30:00");
}

TEST(SeoulTime, RendersFractionWithoutTrailingZeros) {
  EXPECT_EQ(seoul_local_datetime(july_first_utc + 123456), "2023-07-01T09:00:00.123456");
  EXPECT_EQ(seoul_local_datetime(july_first_utc + 500000), "2023-07-01T09:00:00.5");
  EXPECT_EQ(seoul_local_datetime(july_first_utc + 1200), "2023-07-01T09:00:00.0012");
}

TEST(SeoulTime, DayTurnsAtSeoulMidnight) {
  const std::int64_t late_utc = july_first_utc + 15 * 60 * micros_per_minute;  // 2023-07-02T00:00 in Seoul
  EXPECT_EQ(seoul_local_date(late_utc - 1), "2023-07-01");
  EXPECT_EQ(seoul_local_date(late_utc), "2023-07-02");
  EXPECT_EQ(seoul_day(late_utc), seoul_day(late_utc - 1) + 1);
  EXPECT_EQ(seoul_midnight(seoul_day(late_utc)), late_utc);
  EXPECT_EQ(seoul_local_datetime(seoul_midnight(seoul_day(july_first_utc))), "2023-07-01T00:00:00");
}

TEST(SeoulTime, ClockGivesTheSeoulFieldsOfAnInstant) {
  const auto clock = seoul_clock_of(july_first_utc + 15 * 60 * micros_per_minute - 1);  // 23:59:59.999999 in Seoul
  EXPECT_EQ(clock.date, std::chrono::year(2023) / 7 / 1);
  EXPECT_EQ(clock.day, std::chrono::Saturday);
  EXPECT_EQ(clock.time.hours().count(), 23);
  EXPECT_EQ(clock.time.subseconds().count(), 999999);
  EXPECT_EQ(seoul_clock_of(-1).date, std::chrono::year(1970) / 1 / 1) << "Seoul is on 1970-01-01 while UTC is not yet";
  EXPECT_EQ(seoul_clock_of(-10 * 60 * micros_per_minute).day, std::chrono::Wednesday) << "floors before the epoch";
}

TEST(SeoulTime, ParsesWhatItRenders) {
  for (const std::int64_t t : {july_first_utc, july_first_utc + 123456, july_first_utc - 1, std::int64_t{0}}) {
    EXPECT_EQ(parse_seoul_local_datetime(seoul_local_datetime(t)), t);
  }
}

TEST(SeoulTime, ParsesOptionalSecondsAndLongFractions) {
  EXPECT_EQ(parse_seoul_local_datetime("2023-07-01T09:00"), july_first_utc);
  EXPECT_EQ(parse_seoul_local_datetime("2023-07-01T09:00:00.123456789"), july_first_utc + 123456);
  EXPECT_EQ(parse_seoul_local_datetime("2023-07-01T09:00:00.1"), july_first_utc + 100000);
}

TEST(SeoulTime, RefusesMalformedOrImpossibleTimes) {
  for (const char* text :
       {"", "2023-07-01", "2023-07-01 09:00:00", "2023-7-01T09:00:00", "2023-02-30T00:00:00", "2023-13-01T00:00:00",
        "2023-07-01T24:00:00", "2023-07-01T09:60:00", "2023-07-01T09:00:60", "2023-07-01T09:00:00.",
        "2023-07-01T09:00:00.1234567890", "2023-07-01T09:00:00Z", "2023-07-01T09:00:0x", "+2023-07-01T09:00:00"}) {
    EXPECT_FALSE(parse_seoul_local_datetime(text).has_value()) << text;
  }
}

TEST(IsoDuration, PrintsAsJavaDurationToString) {
  EXPECT_EQ(iso_duration(0), "PT0S");
  EXPECT_EQ(iso_duration(3 * 3600 * micros_per_second), "PT3H");
  EXPECT_EQ(iso_duration(50 * 3600 * micros_per_second), "PT50H");
  EXPECT_EQ(iso_duration(24 * micros_per_minute + 59 * micros_per_second + 876543), "PT24M59.876543S");
  EXPECT_EQ(iso_duration(3600 * micros_per_second + 23 * micros_per_minute + 4500000), "PT1H23M4.5S");
  EXPECT_EQ(iso_duration(60 * micros_per_minute + 5 * micros_per_second), "PT1H5S");
  EXPECT_EQ(iso_duration(1), "PT0.000001S");
}

TEST(IsoDuration, PrintsNegativeSpansAsJavaDoes) {
  EXPECT_EQ(iso_duration(-90 * micros_per_second), "PT-1M-30S");
  EXPECT_EQ(iso_duration(-500000), "PT-0.5S");
  EXPECT_EQ(iso_duration(-90 * micros_per_second - 500000), "PT-1M-30.5S");
}

}  // namespace
