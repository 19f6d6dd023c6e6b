// The poller's loop and a task's stages.
#include "apps/bbodok/withdrawal/worker.hpp"

#include <algorithm>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <spdlog/spdlog.h>

#include "apps/bbodok/group/service.hpp"
#include "apps/bbodok/room/booking.hpp"
#include "apps/bbodok/withdrawal/repository.hpp"
#include "platform/auth/kakao.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/jobs/bounded_executor.hpp"
#include "platform/kv/pubsub.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::withdrawal {
namespace {

std::int64_t micros(std::chrono::milliseconds d) { return static_cast<std::int64_t>(d.count()) * 1000; }

bool unlink_user(const platform::auth::kakao_client* kakao, std::int64_t kakao_id) {
  if (kakao == nullptr) {
    spdlog::warn("withdrawal: kakao user {} cannot be unlinked while Kakao is not configured", kakao_id);
    return false;
  }
  return kakao->unlink(kakao_id);
}

// Keeps a task in the in-flight set for as long as its job's frame lives, however the job ends.
class in_flight_entry {
 public:
  explicit in_flight_entry(std::function<void()> release) : release_(std::move(release)) {}
  in_flight_entry(const in_flight_entry&) = delete;
  in_flight_entry& operator=(const in_flight_entry&) = delete;
  ~in_flight_entry() { release_(); }

 private:
  std::function<void()> release_;
};

}  // namespace

worker::worker(const worker_parts& parts, const withdrawal_settings& settings, const asio::any_io_executor& where)
    : parts_(parts), settings_(settings), timer_(where) {}

asio::awaitable<void> worker::run() {
  // A round hands over at most what the executor can hold besides what it runs, so it never waits long; it
  // reads as many more rows as tasks are in flight, since those come first and are skipped.
  const auto batch = settings_.queue + settings_.workers;
  bool busy = false;
  for (;;) {
    woken_ = false;
    std::vector<std::int64_t> due;
    try {
      const auto limit = static_cast<std::int64_t>(batch + in_flight());
      due = co_await parts_.db.run(repository::due, platform::time::now_micros(), limit);
    } catch (const std::exception& e) {
      spdlog::error("withdrawal: looking for due tasks failed: {}", e.what());
    }
    std::size_t handed = 0;
    for (const auto member_id : due) {
      if (!take(member_id)) continue;
      platform::jobs::bounded_executor::job work = [this, member_id] { return process(member_id); };
      try {
        co_await parts_.jobs.submit(std::move(work));
      } catch (const platform::jobs::executor_stopped&) {
        give_back(member_id);
        co_return;
      }
      ++handed;
    }
    busy = busy || handed > 0;
    if (handed == batch) continue;  // more may be due already
    if (busy && due.empty() && in_flight() == 0) {
      spdlog::info("withdrawal: every due task finished; peak queue depth so far {}", parts_.jobs.peak_depth());
      busy = false;
    }
    if (woken_) continue;
    boost::system::error_code ignored;
    timer_.expires_after(settings_.poll);
    co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
}

void worker::wake() {
  woken_ = true;
  asio::post(timer_.get_executor(), [this] { timer_.cancel(); });
}

asio::awaitable<void> worker::process(std::int64_t member_id) {
  const in_flight_entry entry([this, member_id] { give_back(member_id); });
  // Each stage checks its own guard in the database, so trying one the task is past costs a statement.
  co_await clean_up(member_id);
  co_await unlink(member_id);
}

asio::awaitable<void> worker::clean_up(std::int64_t member_id) {
  std::optional<departure> done;
  bool failed = false;
  try {
    done = co_await parts_.db.transact(cleanup_rows, member_id, platform::time::now_micros());
  } catch (const std::exception& e) {
    spdlog::error("withdrawal of member {}: cleanup failed (rolled back whole), retried later: {}", member_id,
                  e.what());
    failed = true;
  }
  if (failed) {
    co_await retry_cleanup(member_id);
    co_return;
  }
  // nullopt: the task is past its cleanup (an earlier attempt, another worker).
  if (done) co_await announce(member_id, *done);
}

asio::awaitable<void> worker::retry_cleanup(std::int64_t member_id) {
  const auto task = co_await parts_.db.run(repository::find, member_id);
  if (!task) co_return;
  const auto now = platform::time::now_micros();
  co_await parts_.db.transact(repository::retry_at, member_id, std::string(repository::cleanup_stage),
                              retry_time(task->attempts, now), now);
}

asio::awaitable<void> worker::unlink(std::int64_t member_id) {
  const auto now = platform::time::now_micros();
  const auto claim =
      co_await parts_.db.transact(repository::claim_unlink, member_id, now, now + micros(settings_.unlink_lease));
  if (!claim) co_return;
  const bool unlinked = co_await parts_.pool.run(unlink_user, parts_.kakao, claim->kakao_id);
  const auto after = platform::time::now_micros();
  if (unlinked) {
    co_await parts_.db.transact(repository::end_unlink, member_id, after);
    co_return;
  }
  const auto at = retry_time(claim->attempts, after);
  spdlog::warn("withdrawal of member {}: Kakao unlink failed (attempt {}), retried in {} ms", member_id,
               claim->attempts + 1, (at - after) / 1000);
  co_await parts_.db.transact(repository::retry_at, member_id, std::string(repository::unlink_stage), at, after);
}

asio::awaitable<void> worker::announce(std::int64_t member_id, const departure& done) {
  for (const auto group_id : done.groups_left) co_await parts_.groups.departed(member_id, group_id);
  for (const auto& room : done.rooms) {
    parts_.bus.publish(room::group_topic(room.group_id), std::make_shared<const std::string>(room.payload));
  }
}

std::int64_t worker::retry_time(std::int64_t attempts, std::int64_t now) const {
  const auto first = micros(settings_.retry_first);
  const auto most = micros(settings_.retry_max);
  std::int64_t delay = first;
  for (std::int64_t i = 0; i < attempts && delay < most; ++i) delay *= 2;
  return now + std::min(delay, most);
}

bool worker::take(std::int64_t member_id) {
  const std::lock_guard lock(in_flight_mutex_);
  return in_flight_.insert(member_id).second;
}

void worker::give_back(std::int64_t member_id) {
  {
    const std::lock_guard lock(in_flight_mutex_);
    in_flight_.erase(member_id);
  }
  wake();  // a place in the executor is free: hand over the next due task now
}

std::size_t worker::in_flight() {
  const std::lock_guard lock(in_flight_mutex_);
  return in_flight_.size();
}

}  // namespace bbodok::withdrawal
