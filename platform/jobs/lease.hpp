// The claim on one scheduled fire of a job, kept in the database the instances share, so that exactly one of
// them runs it. The app's migrations create the table (Bbodok: migrations/bbodok/0007_job_runs.sql):
//   job_run (job TEXT, fire_at BIGINT, holder TEXT, claimed_at BIGINT, lease_until BIGINT, attempts INTEGER,
//            finished_at BIGINT NULL, duration_micros BIGINT NULL, outcome TEXT NULL, PRIMARY KEY (job, fire_at))
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace platform::sql {
class connection;
}

namespace platform::jobs {

// Who holds a claim: "host:pid:random", unique per process.
std::string this_instance();

// The fire to claim and the claimant's terms. A class rather than an aggregate: it travels through
// blocking_pool::run (GCC 12 mis-copies brace-initialised aggregates around coroutines).
class claim {
 public:
  claim(std::string job_name, std::int64_t fire, std::string claimant, std::int64_t claimed_at, std::int64_t lease)
      : job(std::move(job_name)),
        fire_at(fire),
        holder(std::move(claimant)),
        now(claimed_at),
        lease_until(claimed_at + lease) {}

  std::string job;
  std::int64_t fire_at;
  std::string holder;
  std::int64_t now;
  std::int64_t lease_until;  // past it an unfinished run counts as abandoned (its instance died)
};

// One INSERT that only one instance can win: true when this claim now holds the fire, either first or by
// taking over an abandoned, unfinished run. False when the fire is finished or another instance's live
// lease holds it. Safe under concurrency on SQLite and PostgreSQL (the primary key decides).
bool try_claim(sql::connection& db, const claim& wanted);

// Records how the claimed run ended. Nothing happens when another instance has taken the claim over.
void record_finish(sql::connection& db, const claim& held, std::int64_t finished_at, std::int64_t duration_micros,
                   const std::string& outcome);

}  // namespace platform::jobs
