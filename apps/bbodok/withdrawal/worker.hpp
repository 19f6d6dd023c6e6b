// Finishes recorded withdrawals (repository.hpp's tasks): a poller on an I/O context finds the due ones and
// hands each to a bounded executor, whose workers run its stages. The cleanup is one idempotent transaction;
// the Kakao unlink is retried with back-off (doubling from retry_first up to retry_max) until Kakao agrees,
// and never undoes the cleanup. Nothing is lost on a crash: a task is only finished in the database, so after
// a restart the poller finds what was left. The executor's bounded queue makes the poller wait when the
// workers fall behind: the backlog stays in the table, not in memory.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <unordered_set>

#include <boost/asio/steady_timer.hpp>

#include "apps/bbodok/common/async.hpp"
#include "apps/bbodok/withdrawal/cleanup.hpp"
#include "apps/bbodok/withdrawal/settings.hpp"

namespace platform::auth {
class kakao_client;
}
namespace platform::io {
class blocking_pool;
}
namespace platform::jobs {
class bounded_executor;
}
namespace platform::kv {
class pubsub;
}
namespace platform::sql {
class database;
}
namespace bbodok::group {
class service;
}

namespace bbodok::withdrawal {

// What the worker uses; kakao is null when Kakao is not configured (then a member with a Kakao id waits,
// retried, until it is).
struct worker_parts {
  platform::sql::database& db;
  platform::io::blocking_pool& pool;
  platform::jobs::bounded_executor& jobs;
  group::service& groups;
  platform::kv::pubsub& bus;
  const platform::auth::kakao_client* kakao;
};

class worker {
 public:
  // where: the I/O context the poller runs on.
  worker(const worker_parts& parts, const withdrawal_settings& settings, const asio::any_io_executor& where);

  // The poller; returns when the executor stops. Spawn it once on `where`. Join the executor before the worker
  // is destroyed: a job that ends tells the worker.
  asio::awaitable<void> run();
  // A withdrawal was recorded: look for due tasks now rather than at the next poll. Any thread.
  void wake();
  // Runs the task's remaining stages that are due: the job the poller hands to the executor (tests call it
  // directly).
  asio::awaitable<void> process(std::int64_t member_id);

 private:
  asio::awaitable<void> clean_up(std::int64_t member_id);
  asio::awaitable<void> retry_cleanup(std::int64_t member_id);
  asio::awaitable<void> unlink(std::int64_t member_id);
  asio::awaitable<void> announce(std::int64_t member_id, const departure& done);
  // When a task that failed `attempts` times before this failure is due again.
  std::int64_t retry_time(std::int64_t attempts, std::int64_t now) const;
  // The in-flight set: a task handed to the executor is not handed again until its job ends.
  bool take(std::int64_t member_id);
  void give_back(std::int64_t member_id);
  std::size_t in_flight();

  worker_parts parts_;
  withdrawal_settings settings_;
  asio::steady_timer timer_;
  std::atomic<bool> woken_{false};
  std::mutex in_flight_mutex_;
  std::unordered_set<std::int64_t> in_flight_;
};

}  // namespace bbodok::withdrawal
