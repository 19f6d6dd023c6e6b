// The scheduler's next and last fires on Seoul's wall clock: across midnight, month ends, leap days and the year
// end, for daily and every-N-minutes schedules.
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "platform/jobs/schedule.hpp"
#include "platform/time/seoul.hpp"

namespace {

using platform::jobs::asia_seoul;
using platform::jobs::schedule;
using namespace std::chrono_literals;

// A Seoul wall-clock reading as an instant ("2026-12-31T23:59:59").
std::int64_t seoul(const std::string& text) {
  const auto at = platform::time::parse_seoul_local_datetime(text);
  if (!at) throw std::invalid_argument("not a Seoul date-time: " + text);
  return *at;
}
std::string seoul_text(std::int64_t micros) { return platform::time::seoul_local_datetime(micros); }

const schedule midnight = schedule::daily_at(0min, asia_seoul);

TEST(JobSchedule, MidnightIsSeoulMidnightNotUtc) {
  // 00:00 KST is 15:00 UTC of the day before.
  EXPECT_EQ(midnight.next_after(seoul("2026-12-07T23:59:55")), seoul("2026-12-08T00:00:00"));
  EXPECT_EQ(midnight.next_after(seoul("2026-12-07T23:59:55")) % (24LL * 3600 * 1'000'000), 15LL * 3600 * 1'000'000);
}

TEST(JobSchedule, NextIsStrictlyAfterAFire) {
  EXPECT_EQ(seoul_text(midnight.next_after(seoul("2026-12-08T00:00:00"))), "2026-12-09T00:00:00");
  EXPECT_EQ(seoul_text(midnight.next_after(seoul("2026-12-08T00:00:00") - 1)), "2026-12-08T00:00:00");
  EXPECT_EQ(seoul_text(midnight.next_after(seoul("2026-12-08T08:59:59"))), "2026-12-09T00:00:00");
}

TEST(JobSchedule, LastIsAtOrBeforeTheInstant) {
  EXPECT_EQ(seoul_text(midnight.last_at_or_before(seoul("2026-12-08T00:00:00"))), "2026-12-08T00:00:00");
  EXPECT_EQ(seoul_text(midnight.last_at_or_before(seoul("2026-12-08T00:00:00") - 1)), "2026-12-07T00:00:00");
  EXPECT_EQ(seoul_text(midnight.last_at_or_before(seoul("2026-12-08T10:00:00"))), "2026-12-08T00:00:00");
}

TEST(JobSchedule, DailyCrossesMonthEndsAndLeapDays) {
  EXPECT_EQ(seoul_text(midnight.next_after(seoul("2026-04-30T12:00:00"))), "2026-05-01T00:00:00");
  EXPECT_EQ(seoul_text(midnight.next_after(seoul("2026-02-28T12:00:00"))), "2026-03-01T00:00:00");
  EXPECT_EQ(seoul_text(midnight.next_after(seoul("2028-02-28T12:00:00"))), "2028-02-29T00:00:00");
  EXPECT_EQ(seoul_text(midnight.last_at_or_before(seoul("2028-03-01T08:00:00") - 1)), "2028-03-01T00:00:00");
  EXPECT_EQ(seoul_text(midnight.last_at_or_before(seoul("2026-03-01T00:00:00") - 1)), "2026-02-28T00:00:00");
}

TEST(JobSchedule, DailyCrossesTheYearEnd) {
  EXPECT_EQ(seoul_text(midnight.next_after(seoul("2026-12-31T23:59:59"))), "2027-01-01T00:00:00");
  EXPECT_EQ(seoul_text(midnight.last_at_or_before(seoul("2027-01-01T00:00:00") - 1)), "2026-12-31T00:00:00");
  const schedule one_am = schedule::daily_at(1h, asia_seoul);
  EXPECT_EQ(seoul_text(one_am.next_after(seoul("2026-12-31T01:00:00"))), "2027-01-01T01:00:00");
  EXPECT_EQ(seoul_text(one_am.last_at_or_before(seoul("2027-01-01T00:30:00"))), "2026-12-31T01:00:00");
}

TEST(JobSchedule, DailyAtATimeOfDay) {
  const schedule half_past_one = schedule::daily_at(1h + 30min, asia_seoul);
  EXPECT_EQ(seoul_text(half_past_one.next_after(seoul("2026-12-08T00:00:00"))), "2026-12-08T01:30:00");
  EXPECT_EQ(seoul_text(half_past_one.next_after(seoul("2026-12-08T01:30:00"))), "2026-12-09T01:30:00");
  EXPECT_EQ(seoul_text(half_past_one.last_at_or_before(seoul("2026-12-08T01:29:59"))), "2026-12-07T01:30:00");
}

TEST(JobSchedule, EveryTenMinutesFromLocalMidnight) {
  const schedule ten = schedule::every(10min, asia_seoul);
  EXPECT_EQ(seoul_text(ten.next_after(seoul("2026-12-08T09:00:00"))), "2026-12-08T09:10:00");
  EXPECT_EQ(seoul_text(ten.next_after(seoul("2026-12-08T09:09:59"))), "2026-12-08T09:10:00");
  EXPECT_EQ(seoul_text(ten.next_after(seoul("2026-12-31T23:55:00"))), "2027-01-01T00:00:00");
  EXPECT_EQ(seoul_text(ten.last_at_or_before(seoul("2026-12-08T09:19:59"))), "2026-12-08T09:10:00");
  EXPECT_EQ(seoul_text(ten.last_at_or_before(seoul("2027-01-01T00:00:00") - 1)), "2026-12-31T23:50:00");
}

TEST(JobSchedule, APeriodThatDoesNotDivideTheDayStartsAgainAtMidnight) {
  // As cron's */7: 23:55 is the day's last fire, then 00:00, not 00:02.
  const schedule seven = schedule::every(7min, asia_seoul);
  EXPECT_EQ(seoul_text(seven.next_after(seoul("2026-11-30T23:50:00"))), "2026-11-30T23:55:00");
  EXPECT_EQ(seoul_text(seven.next_after(seoul("2026-11-30T23:55:00"))), "2026-12-01T00:00:00");
  EXPECT_EQ(seoul_text(seven.last_at_or_before(seoul("2026-12-01T00:01:00"))), "2026-12-01T00:00:00");
  EXPECT_EQ(seoul_text(seven.last_at_or_before(seoul("2026-12-01T00:00:00") - 1)), "2026-11-30T23:55:00");
}

TEST(JobSchedule, InstantsBeforeTheEpoch) {
  EXPECT_EQ(seoul_text(midnight.next_after(seoul("1969-12-31T12:00:00"))), "1970-01-01T00:00:00");
  EXPECT_EQ(seoul_text(midnight.last_at_or_before(seoul("1969-12-31T12:00:00"))), "1969-12-31T00:00:00");
}

TEST(JobSchedule, RefusesTimesOutsideADay) {
  EXPECT_THROW(schedule::daily_at(24h, asia_seoul), std::invalid_argument);
  EXPECT_THROW(schedule::daily_at(-1min, asia_seoul), std::invalid_argument);
  EXPECT_THROW(schedule::every(0min, asia_seoul), std::invalid_argument);
  EXPECT_THROW(schedule::every(25h, asia_seoul), std::invalid_argument);
}

TEST(JobSchedule, DescribesItselfForLogs) {
  EXPECT_EQ(midnight.describe(), "daily at 00:00 Asia/Seoul");
  EXPECT_EQ(schedule::every(10min, asia_seoul).describe(), "every 10 min Asia/Seoul");
  EXPECT_EQ(midnight.local_time(seoul("2026-12-08T00:00:00")), "2026-12-08T00:00:00 Asia/Seoul");
}

}  // namespace
