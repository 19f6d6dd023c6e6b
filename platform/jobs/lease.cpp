// The lease rows: a claim is an upsert whose update applies only to an abandoned run.
#include "platform/jobs/lease.hpp"

#include <array>
#include <random>

#include <fmt/format.h>
#include <unistd.h>

#include "platform/sql/connection.hpp"

namespace platform::jobs {
namespace {

// A conflicting row is taken over only when its run never finished and its lease ran out; RETURNING gives a
// row exactly when this statement inserted or took over.
constexpr const char* claim_sql =
    "INSERT INTO job_run (job, fire_at, holder, claimed_at, lease_until, attempts) VALUES (?, ?, ?, ?, ?, 1) "
    "ON CONFLICT (job, fire_at) DO UPDATE SET holder = excluded.holder, claimed_at = excluded.claimed_at, "
    "lease_until = excluded.lease_until, attempts = job_run.attempts + 1 "
    "WHERE job_run.finished_at IS NULL AND job_run.lease_until < excluded.claimed_at "
    "RETURNING attempts";
constexpr const char* finish_sql =
    "UPDATE job_run SET finished_at = ?, duration_micros = ?, outcome = ? WHERE job = ? AND fire_at = ? AND holder = ?";

}  // namespace

std::string this_instance() {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  std::random_device device;
  return fmt::format("{}:{}:{:08x}", host.data(), static_cast<long>(getpid()), device());
}

bool try_claim(sql::connection& db, const claim& wanted) {
  return !db.query(claim_sql, {wanted.job, wanted.fire_at, wanted.holder, wanted.now, wanted.lease_until}).empty();
}

void record_finish(sql::connection& db, const claim& held, std::int64_t finished_at, std::int64_t duration_micros,
                   const std::string& outcome) {
  db.execute(finish_sql, {finished_at, duration_micros, outcome, held.job, held.fire_at, held.holder});
}

}  // namespace platform::jobs
