// The sender's loop. Rows are claimed in a transaction (see repository::claim_due), so with several instances on one
// database each row goes out once; a token shared by several rows (two reservations starting together, or two
// members on one browser) gets one push.
#include "apps/bbodok/notification/sender.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "apps/bbodok/notification/repository.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/io/spawn.hpp"
#include "platform/push/fcm.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/clock.hpp"

namespace bbodok::notification {
namespace {

namespace push = platform::push;
using repository::outcome;
using std::chrono::microseconds;

// After the database failed, the loop waits this long before reading it again.
constexpr std::chrono::seconds after_failure{5};

// One device token of a claim and the rows it answers for.
struct send_job {
  std::string token;
  std::vector<std::int64_t> rows;
  std::int64_t attempts = 0;  // the most any of its rows has had
  push::delivery result = push::delivery::failed;
};

push::delivery deliver(const push::fcm_client* fcm, const std::string& token) {
  const push::notification message{std::string(push_title), std::string(push_body)};
  return fcm->send(token, message);
}

// What the workers of one batch share. They all run on the sender's executor (one thread), so it needs no lock.
class batch_state {
 public:
  batch_state(const asio::any_io_executor& executor, std::vector<send_job> to_send)
      : jobs(std::move(to_send)), done(executor, asio::steady_timer::time_point::max()) {}

  std::vector<send_job> jobs;
  std::size_t next = 0;
  std::size_t running = 0;
  asio::steady_timer done;  // cancelled by the last worker
};

asio::awaitable<void> send_worker(std::shared_ptr<batch_state> batch, const push::fcm_client* fcm,
                                  platform::io::blocking_pool* pool) {
  while (batch->next < batch->jobs.size()) {
    auto& job = batch->jobs[batch->next++];
    try {
      job.result = co_await pool->run(deliver, fcm, job.token);
    } catch (const platform::io::pool_saturated&) {
      job.result = push::delivery::failed;  // retried like any failure
    }
  }
  if (--batch->running == 0) batch->done.cancel();
}

std::vector<send_job> by_token(const std::vector<repository::due>& rows) {
  std::map<std::string, send_job> jobs;
  for (const auto& row : rows) {
    auto& job = jobs[*row.fcm_token];
    job.token = *row.fcm_token;
    job.rows.push_back(row.notification_id);
    job.attempts = std::max(job.attempts, row.attempts);
  }
  std::vector<send_job> out;
  out.reserve(jobs.size());
  for (auto& [token, job] : jobs) out.push_back(std::move(job));
  return out;
}

}  // namespace

sender::sender(platform::sql::database& db, platform::io::blocking_pool& pool, const platform::push::fcm_client* fcm,
               const asio::any_io_executor& executor, sender_options options)
    : db_(db),
      pool_(pool),
      fcm_(fcm),
      executor_(executor),
      options_(options),
      timer_(executor),
      instance_(fmt::format("{:016x}", std::random_device()() * 0x1'0000'0000ULL + std::random_device()())) {}

void sender::scheduled(std::int64_t at) {
  woken_.store(true);
  if (at < wake_at_.load()) asio::post(executor_, [this] { timer_.cancel(); });
}

std::string sender::next_claim() { return fmt::format("{}-{}", instance_, ++claims_); }

asio::awaitable<void> sender::run() {
  if (fcm_ == nullptr) spdlog::info("push notifications are off (push.service_account_file is not set)");
  for (;;) {
    bool failed = false;
    try {
      woken_.store(false);
      const auto next = co_await db_.run(repository::next_due);
      const std::int64_t now = platform::time::now_micros();
      if (next && *next <= now) {
        co_await send_due(now);
        continue;
      }
      // A reservation committed while the database was read: read again rather than sleep past it.
      if (woken_.load()) continue;
      auto sleep = std::chrono::duration_cast<microseconds>(options_.max_sleep);
      if (next) sleep = std::min(sleep, microseconds(*next - now));
      wake_at_.store(now + sleep.count());
      timer_.expires_after(sleep);
      co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));  // cancelled: woken by scheduled()
    } catch (const std::exception& e) {
      spdlog::error("push: {}", e.what());
      failed = true;
    }
    if (failed) {
      timer_.expires_after(after_failure);
      co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));  // cancelled: a schedule came, try now
    }
  }
}

asio::awaitable<void> sender::send_due(std::int64_t now) {
  const auto claim = next_claim();
  const std::int64_t lease_until = now + std::chrono::duration_cast<microseconds>(options_.lease).count();
  const auto rows = co_await db_.transact(repository::claim_due, claim, now, lease_until, options_.batch);

  std::vector<repository::settled> outcomes;
  std::vector<repository::due> sendable;
  for (const auto& row : rows) {
    // The member has no client any more (withdrawn, or FCM said its token was invalid), or pushes are off.
    if (!row.fcm_token || fcm_ == nullptr) {
      outcomes.emplace_back(repository::settled{row.notification_id, outcome::done, {}, 0});
    } else {
      sendable.push_back(row);
    }
  }
  auto batch = std::make_shared<batch_state>(executor_, by_token(sendable));
  batch->running = std::min(options_.parallel_sends, batch->jobs.size());
  for (std::size_t i = 0; i < batch->running; ++i) {
    asio::co_spawn(executor_, send_worker(batch, fcm_, &pool_), platform::io::log_failure("push send"));
  }
  if (batch->running > 0) co_await batch->done.async_wait(asio::as_tuple(asio::use_awaitable));

  const std::int64_t sent_at = platform::time::now_micros();  // retries count from the end of the batch
  std::size_t sent = 0, invalid = 0, retried = 0, given_up = 0;
  for (const auto& job : batch->jobs) {
    outcome result = outcome::done;
    std::int64_t retry_at = 0;
    if (job.result == push::delivery::sent) {
      ++sent;
    } else if (job.result == push::delivery::invalid_token) {
      result = outcome::invalid_token;
      ++invalid;
    } else if (job.attempts >= options_.max_attempts) {
      ++given_up;
    } else {
      result = outcome::retry;
      const auto wait = options_.first_retry * (std::int64_t{1} << std::min<std::int64_t>(job.attempts - 1, 16));
      retry_at = sent_at + std::chrono::duration_cast<microseconds>(wait).count();
      ++retried;
    }
    for (const auto id : job.rows) outcomes.emplace_back(repository::settled{id, result, job.token, retry_at});
  }
  co_await db_.transact(repository::settle, claim, std::move(outcomes));
  if (!batch->jobs.empty()) {
    spdlog::info("push: {} sent, {} invalid token(s) removed, {} to retry, {} given up after {} attempts", sent,
                 invalid, retried, given_up, options_.max_attempts);
  }
}

}  // namespace bbodok::notification
