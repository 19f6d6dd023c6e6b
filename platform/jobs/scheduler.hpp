// Runs jobs on their schedules (platform/jobs/schedule.hpp) against the wall clock platform::time::now_micros()
// reads, logs every run with its duration and outcome, and runs a shared job once per fire across the
// instances that share a database (platform/jobs/lease.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "platform/io/asio.hpp"
#include "platform/jobs/schedule.hpp"

namespace platform::sql {
class database;
}

namespace platform::jobs {

// What a job does for one fire (the scheduled instant, UTC microseconds); it returns a one-line summary for
// the log ("cleared 3 todos"). It runs on the scheduler's executor, an I/O thread, so anything blocking goes
// through the blocking pool (sql::database::run/transact do). It must be idempotent: a fire can be run again
// after a crash, and a missed one is caught up with.
using job_body = std::function<asio::awaitable<std::string>(std::int64_t fire_at)>;

enum class runs {
  // On every instance at every fire (warming this process's caches). Nothing to catch up at start.
  on_every_instance,
  // On one instance per fire, claimed in the shared database; at start the last fire is run if no instance
  // has claimed it (the process was down then), so a missed fire catches up once.
  once_across_instances,
};

// Lives on one executor (the main I/O context): add(), start(), stop() and the job loops all run there, so its
// state needs no lock.
class scheduler {
 public:
  // lease: how long a claimed, unfinished run keeps others off before it counts as abandoned.
  scheduler(const asio::any_io_executor& executor, sql::database& db, std::chrono::minutes lease);
  scheduler(const scheduler&) = delete;
  scheduler& operator=(const scheduler&) = delete;

  // Before start(). `name` keys the job's lease rows, so it must stay the same across versions.
  void add(std::string name, schedule when, runs where, job_body body);
  // Spawns one loop per job: the catch-up of a missed fire, then every fire in turn.
  void start();
  // Cancels the waits and resumes once every run in progress has finished (the services and the database it
  // uses must outlive it), so call it while draining.
  asio::awaitable<void> stop();

 private:
  struct job {
    job(std::string job_name, schedule fires, runs scope, job_body work, const asio::any_io_executor& executor)
        : name(std::move(job_name)), when(fires), where(scope), body(std::move(work)), timer(executor) {}
    std::string name;
    schedule when;
    runs where;
    job_body body;
    asio::steady_timer timer;
  };

  asio::awaitable<void> loop(job& j);
  // Waits until the wall clock reaches `at`; false when stop() came first.
  asio::awaitable<bool> wait_until(job& j, std::int64_t at);
  // One fire: claims it if the job is shared, runs it, logs and records how it went.
  asio::awaitable<void> fire(job& j, std::int64_t at);

  asio::any_io_executor executor_;
  sql::database& db_;
  std::int64_t lease_micros_;
  std::string instance_;
  std::vector<std::unique_ptr<job>> jobs_;
  std::size_t running_ = 0;  // loops not yet ended
  bool stopping_ = false;
  asio::steady_timer finished_;  // never expires; cancelled when the last loop ends, which wakes stop()
};

}  // namespace platform::jobs
