// The job lease (platform/jobs/lease.hpp) on Bbodok's job_run table, on SQLite and PostgreSQL: one claim per
// fire wins, also when instances race for it, and only an abandoned unfinished run can be taken over.
#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "platform/jobs/lease.hpp"
#include "platform/sql/transaction.hpp"
#include "tests/db/bbodok_database.hpp"

namespace {

using platform::jobs::claim;
using platform::jobs::record_finish;
using platform::jobs::try_claim;

constexpr std::int64_t midnight = test_db::seoul_morning + 15LL * 3600 * 1'000'000;
constexpr std::int64_t minute = 60'000'000;
constexpr std::int64_t lease = 10 * minute;

template <class Backend>
class JobLease : public test_db::bbodok_database<Backend> {
 protected:
  static constexpr std::size_t racers = 6;
  JobLease() : test_db::bbodok_database<Backend>("bbodok_job_runs", racers + 1) {}

  std::string column(const std::string& name, std::int64_t fire = midnight) {
    const auto rows = this->conn().query(
        "SELECT CAST(" + name + " AS TEXT) FROM job_run WHERE job = 'nightly' AND fire_at = ?", {fire});
    if (rows.empty()) return "no row";
    return rows[0].is_null(0) ? "NULL" : rows[0].as_text(0);
  }
  std::int64_t attempts() {
    return this->conn()
        .query("SELECT attempts FROM job_run WHERE job = 'nightly' AND fire_at = ?", {midnight})[0]
        .as_int(0);
  }
};
TYPED_TEST_SUITE(JobLease, test_db::backends, test_db::backend_names);

TYPED_TEST(JobLease, TheFirstClaimOfAFireWinsAndTheNextLoses) {
  EXPECT_TRUE(try_claim(this->conn(), claim("nightly", midnight, "a", midnight, lease)));
  EXPECT_FALSE(try_claim(this->conn(), claim("nightly", midnight, "b", midnight + 1, lease)));
  EXPECT_EQ(this->column("holder"), "a");
  EXPECT_EQ(this->attempts(), 1);
}

TYPED_TEST(JobLease, OtherFiresAndOtherJobsAreClaimedApart) {
  EXPECT_TRUE(try_claim(this->conn(), claim("nightly", midnight, "a", midnight, lease)));
  EXPECT_TRUE(try_claim(this->conn(), claim("nightly", midnight + 24 * 60 * minute, "a", midnight, lease)));
  EXPECT_TRUE(try_claim(this->conn(), claim("warm-up", midnight, "a", midnight, lease)));
  EXPECT_EQ(test_db::count_rows(this->conn(), "job_run"), 3);
}

TYPED_TEST(JobLease, OneOfManyRacingInstancesWins) {
  for (std::int64_t round = 0; round < 5; ++round) {
    const std::int64_t fire = midnight + round * minute;
    std::atomic<int> winners{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> instances;
    for (std::size_t i = 0; i < JobLease<TypeParam>::racers; ++i) {
      instances.emplace_back([&, i] {
        try {
          auto conn = this->db().acquire();
          platform::sql::transaction tx(*conn);
          if (try_claim(*conn, claim("nightly", fire, "instance " + std::to_string(i), fire, lease))) ++winners;
          tx.commit();
        } catch (const std::exception&) {
          ++failures;
        }
      });
    }
    for (auto& t : instances) t.join();
    EXPECT_EQ(winners.load(), 1) << "round " << round;
    EXPECT_EQ(failures.load(), 0) << "round " << round;
  }
}

TYPED_TEST(JobLease, AFinishedRunIsNeverClaimedAgain) {
  const claim held("nightly", midnight, "a", midnight, lease);
  ASSERT_TRUE(try_claim(this->conn(), held));
  record_finish(this->conn(), held, midnight + minute, 1234, "ok: cleared 2 todos");
  EXPECT_EQ(this->column("outcome"), "ok: cleared 2 todos");
  EXPECT_EQ(this->column("duration_micros"), "1234");
  // Long after the lease: a restart catching up with this fire finds it done.
  EXPECT_FALSE(try_claim(this->conn(), claim("nightly", midnight, "b", midnight + 10 * lease, lease)));
  EXPECT_EQ(this->column("holder"), "a");
}

TYPED_TEST(JobLease, AnAbandonedRunIsTakenOverOnlyAfterItsLease) {
  const claim died("nightly", midnight, "a", midnight, lease);
  ASSERT_TRUE(try_claim(this->conn(), died));
  EXPECT_FALSE(try_claim(this->conn(), claim("nightly", midnight, "b", midnight + lease - 1, lease)));
  const claim takes_over("nightly", midnight, "b", midnight + lease + 1, lease);
  EXPECT_TRUE(try_claim(this->conn(), takes_over));
  EXPECT_EQ(this->column("holder"), "b");
  EXPECT_EQ(this->attempts(), 2);
  // The first holder, had it only been slow, no longer records anything; the new holder does.
  record_finish(this->conn(), died, midnight + 2 * lease, 1, "ok: late");
  EXPECT_EQ(this->column("outcome"), "NULL");
  record_finish(this->conn(), takes_over, midnight + 2 * lease, 1, "ok: done");
  EXPECT_EQ(this->column("outcome"), "ok: done");
}

}  // namespace
