// The job loops: an Asio timer per job on one executor, the claims and the jobs' blocking work on the pool.
#include "platform/jobs/scheduler.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <spdlog/spdlog.h>

#include "platform/io/spawn.hpp"
#include "platform/jobs/lease.hpp"
#include "platform/obs/platform_metrics.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/clock.hpp"

namespace platform::jobs {
namespace {

// The wall clock can be stepped (NTP, or clock.start in tests) while a timer waits on the steady clock, so
// a wait never lasts longer than this before the wall clock is read again.
constexpr std::int64_t longest_wait_micros = 60'000'000;

std::int64_t elapsed_micros(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

scheduler::scheduler(const asio::any_io_executor& executor, sql::database& db, std::chrono::minutes lease)
    : executor_(executor),
      db_(db),
      lease_micros_(std::chrono::duration_cast<std::chrono::microseconds>(lease).count()),
      instance_(this_instance()),
      finished_(executor, asio::steady_timer::time_point::max()) {}

void scheduler::add(std::string name, schedule when, runs where, job_body body) {
  jobs_.push_back(std::make_unique<job>(std::move(name), when, where, std::move(body), executor_));
}

void scheduler::start() {
  for (const auto& j : jobs_) {
    ++running_;
    spdlog::info("job {}: {}{}", j->name, j->when.describe(),
                 j->where == runs::once_across_instances ? ", once across instances" : "");
    asio::co_spawn(executor_, loop(*j), [this, name = j->name](const std::exception_ptr& failure) {
      io::log_escaped("job loop " + name, failure);
      if (--running_ == 0) finished_.cancel();
    });
  }
}

asio::awaitable<void> scheduler::stop() {
  stopping_ = true;
  for (const auto& j : jobs_) j->timer.cancel();
  if (running_ == 0) co_return;
  // operation_aborted is the expected outcome: the last loop cancelled finished_ as it ended.
  co_await finished_.async_wait(asio::as_tuple(asio::use_awaitable));
}

asio::awaitable<void> scheduler::loop(job& j) {
  // A shared job's last fire is run now unless some instance claimed it: after a start past a missed fire
  // that is the catch-up; otherwise the claim finds the fire done and nothing runs.
  if (j.where == runs::once_across_instances) co_await fire(j, j.when.last_at_or_before(time::now_micros()));
  std::int64_t after = time::now_micros();
  while (!stopping_) {
    const std::int64_t next = j.when.next_after(after);
    if (!co_await wait_until(j, next)) break;
    co_await fire(j, next);
    // Fires that passed during a long run are skipped, not queued: the next run covers them (idempotent).
    after = std::max(next, time::now_micros());
  }
}

asio::awaitable<bool> scheduler::wait_until(job& j, std::int64_t at) {
  for (;;) {
    if (stopping_) co_return false;
    const std::int64_t now = time::now_micros();
    if (now >= at) co_return true;
    j.timer.expires_after(std::chrono::microseconds(std::min(at - now, longest_wait_micros)));
    // operation_aborted means stop() cancelled the wait; the check above ends it.
    co_await j.timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

asio::awaitable<void> scheduler::fire(job& j, std::int64_t at) {
  const std::string when = j.when.local_time(at);
  std::optional<claim> held;
  if (j.where == runs::once_across_instances) {
    claim wanted(j.name, at, instance_, time::now_micros(), lease_micros_);
    try {
      if (!co_await db_.transact(try_claim, wanted)) {
        spdlog::info("job {} ({}): already claimed, by another instance or an earlier run", j.name, when);
        co_return;
      }
    } catch (const std::exception& e) {
      spdlog::error("job {} ({}): not run, the claim failed: {}", j.name, when, e.what());
      co_return;
    }
    held.emplace(std::move(wanted));
  }

  const auto started = std::chrono::steady_clock::now();
  std::string outcome;
  try {
    const std::string summary = co_await j.body(at);
    spdlog::info("job {} ({}) done in {} ms: {}", j.name, when, elapsed_micros(started) / 1000, summary);
    outcome = "ok: " + summary;
    obs::count_job_run(j.name, true);
  } catch (const std::exception& e) {
    outcome = std::string("failed: ") + e.what();
    obs::count_job_run(j.name, false);
    spdlog::error("job {} ({}) failed after {} ms: {}", j.name, when, elapsed_micros(started) / 1000, e.what());
  }
  if (!held) co_return;
  const std::int64_t duration = elapsed_micros(started);
  try {
    co_await db_.transact(record_finish, *held, time::now_micros(), duration, outcome);
  } catch (const std::exception& e) {
    spdlog::warn("job {} ({}): its outcome was not recorded: {}", j.name, when, e.what());
  }
}

}  // namespace platform::jobs
