// `bbodok seed`: the demo set and the bulk set load into fresh databases with the invariants the features rely
// on, relative to the time of seeding, and a second demo load leaves a populated database alone.
#include <string>

#include <gtest/gtest.h>

#include "apps/bbodok/seed/seed.hpp"
#include "platform/auth/password.hpp"
#include "platform/time/seoul.hpp"
#include "tests/db/bbodok_database.hpp"

#ifndef SEED_DIR
#error "SEED_DIR must name seed/bbodok (set by tests/db/CMakeLists.txt)"
#endif

namespace {

using namespace test_db;
namespace seed = bbodok::seed;
namespace time = platform::time;

// 2023-07-01T11:40:00 in Seoul: the morning's rooms have ended, the evening's are ahead.
constexpr std::int64_t now = seoul_morning + 160 * time::micros_per_minute;

template <class Backend>
class BbodokSeed : public bbodok_database<Backend> {
 protected:
  BbodokSeed() : bbodok_database<Backend>("bbodok_seed") {}

  std::int64_t count(const std::string& sql) { return this->conn().query(sql)[0].as_int(0); }

  // Every invariant the demo and the bulk sets share; each query counts violations.
  void expect_consistent() {
    EXPECT_EQ(count("SELECT COUNT(*) FROM member m WHERE NOT EXISTS (SELECT 1 FROM membership g "
                    "WHERE g.member_id = m.member_id AND g.group_id = 1)"),
              0)
        << "members outside group 1";
    EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT group_id, start_time FROM room WHERE deleted = 0 "
                    "GROUP BY group_id, start_time HAVING COUNT(*) > 1) twice"),
              0)
        << "two live rooms in one slot";
    EXPECT_EQ(count("SELECT COUNT(*) FROM room WHERE end_time - start_time <> 1500000000 "
                    "OR start_time % 1800000000 <> 0"),
              0)
        << "rooms off the 30-minute grid or not 25 minutes long";
    EXPECT_EQ(count("SELECT COUNT(*) FROM reservation r JOIN room o ON o.room_id = r.room_id "
                    "WHERE r.start_time <> o.start_time OR r.end_time <> o.end_time"),
              0)
        << "reservations with other times than their room's";
    EXPECT_EQ(count("SELECT COUNT(*) FROM reservation r JOIN room o ON o.room_id = r.room_id WHERE NOT EXISTS "
                    "(SELECT 1 FROM membership m WHERE m.member_id = r.member_id AND m.group_id = o.group_id)"),
              0)
        << "reservations by non-members";
    EXPECT_EQ(count("SELECT COUNT(*) FROM membership m WHERE m.study_time <> (SELECT COALESCE(SUM(r.study_time), 0) "
                    "FROM reservation r JOIN room o ON o.room_id = r.room_id "
                    "WHERE r.member_id = m.member_id AND o.group_id = m.group_id)"),
              0)
        << "ranks that are not the sum of their reservations";
    EXPECT_EQ(count("SELECT COUNT(*) FROM reservation r WHERE r.study_time <> (SELECT COALESCE(SUM(e.exit_time - "
                    "e.enter_time), 0) FROM room_entry e WHERE e.reservation_id = r.reservation_id)"),
              0)
        << "reservations whose study time is not that of their entries";
    EXPECT_EQ(count("SELECT COUNT(*) FROM room_entry e JOIN reservation r ON r.reservation_id = e.reservation_id "
                    "WHERE e.exit_time IS NULL OR e.enter_time < r.start_time OR e.exit_time > r.end_time "
                    "OR e.exit_time <= e.enter_time"),
              0)
        << "entries outside their room";
    const std::int64_t today = time::seoul_midnight(time::seoul_day(now));
    EXPECT_EQ(this->count_at("SELECT COUNT(*) FROM room WHERE deleted = ? AND end_time < ?", {1, today}) +
                  this->count_at("SELECT COUNT(*) FROM room WHERE deleted = 0 AND end_time >= ?", {today}),
              count("SELECT COUNT(*) FROM room"))
        << "past days' rooms must be closed, today's and later ones live";
    EXPECT_EQ(this->count_at("SELECT COUNT(*) FROM reservation WHERE end_time > ? AND study_time <> 0", {now}), 0)
        << "study time earned in rooms that have not ended";
  }

  std::int64_t count_at(const std::string& sql, std::initializer_list<sql::value> params) {
    return this->conn().query(sql, params)[0].as_int(0);
  }
};
TYPED_TEST_SUITE(BbodokSeed, backends, backend_names);

TYPED_TEST(BbodokSeed, LoadsTheDemoSetConsistently) {
  ASSERT_TRUE(seed::load_demo(this->conn(), SEED_DIR, now));
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM member"), 12);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM study_group WHERE deleted = 0"), 6);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM membership WHERE group_id <> 1 AND color IS NULL"), 0);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM todo"), 20);
  EXPECT_GT(this->count("SELECT COUNT(*) FROM membership WHERE group_id = 1 AND study_time > 0"), 6);
  EXPECT_GT(this->count("SELECT COUNT(*) FROM todo WHERE done = 1"), 0);
  this->expect_consistent();
}

TYPED_TEST(BbodokSeed, BooksEveryDayOfTheComingFortnight) {
  ASSERT_TRUE(seed::load_demo(this->conn(), SEED_DIR, now));
  const std::int64_t today = time::seoul_day(now);
  for (std::int64_t day = today; day < today + 14; ++day) {
    EXPECT_GT(this->count_at("SELECT COUNT(*) FROM room WHERE deleted = 0 AND start_time >= ? AND start_time < ?",
                             {time::seoul_midnight(day), time::seoul_midnight(day + 1)}),
              0)
        << "no room on day " << day - today;
  }
  EXPECT_EQ(this->count_at("SELECT COUNT(*) FROM room WHERE start_time >= ?", {time::seoul_midnight(today + 14)}), 0);
  EXPECT_GT(this->count_at("SELECT COUNT(*) FROM reservation WHERE end_time < ? AND study_time > 0",
                           {time::seoul_midnight(today)}),
            0)
      << "no study history before today";
}

TYPED_TEST(BbodokSeed, HashesTheSecretGroupsPassword) {
  ASSERT_TRUE(seed::load_demo(this->conn(), SEED_DIR, now));
  const auto rows = this->conn().query("SELECT path, password_hash FROM study_group WHERE secret = 1");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].as_text("path"), "gongsi-2024");
  EXPECT_TRUE(platform::auth::verify_password("bbodok1234", rows[0].as_text("password_hash")));
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM study_group WHERE secret = 0 AND password_hash IS NOT NULL"), 0);
}

TYPED_TEST(BbodokSeed, LeavesAPopulatedDatabaseAlone) {
  ASSERT_TRUE(seed::load_demo(this->conn(), SEED_DIR, now));
  const char* fingerprint =
      "SELECT (SELECT COUNT(*) FROM member) + (SELECT COUNT(*) FROM study_group) + (SELECT COUNT(*) FROM room) + "
      "(SELECT COUNT(*) FROM reservation) + (SELECT COUNT(*) FROM room_entry) + (SELECT COUNT(*) FROM todo) + "
      "(SELECT COALESCE(SUM(study_time), 0) FROM membership)";
  const std::int64_t before = this->count(fingerprint);
  EXPECT_FALSE(seed::load_demo(this->conn(), SEED_DIR, now + time::micros_per_day));
  EXPECT_EQ(this->count(fingerprint), before);
}

TYPED_TEST(BbodokSeed, AddsBulkDataBesideTheDemoSet) {
  ASSERT_TRUE(seed::load_demo(this->conn(), SEED_DIR, now));
  seed::add_bulk(this->conn(), {.groups = 3, .members = 40}, now);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM member"), 52);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM study_group WHERE path LIKE 'bench-%'"), 3);
  // A quarter of the grid, 28 days, per bulk group and in group 1.
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM room r JOIN study_group g ON g.group_id = r.group_id "
                        "WHERE g.path LIKE 'bench-%'"),
            3 * 12 * 28);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM membership WHERE group_id <> 1 AND member_id > 12"), 80);
  this->expect_consistent();
}

}  // namespace
