// Sends the web push due at the start of every reserved room (contract §7.7), whatever minute the room starts at:
// one loop sleeps until the earliest due notification (or a reservation that adds an earlier one wakes it), claims
// what is due, sends it through FCM on the blocking pool and settles each row (sent, token invalid, retry later).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "apps/bbodok/common/async.hpp"

namespace platform::sql {
class database;
}
namespace platform::io {
class blocking_pool;
}
namespace platform::push {
class fcm_client;
}

namespace bbodok::notification {

inline constexpr std::string_view push_title = "뽀독뽀독 - 온라인 독서실";
inline constexpr std::string_view push_body = "공부방 입장 시간입니다.";

struct sender_options {
  std::int64_t max_attempts = 5;        // sends of one notification before it is given up
  std::chrono::seconds first_retry{1};  // doubled after each failed attempt
  std::chrono::seconds max_sleep{60};   // rows other instances wrote are found within this
  std::int64_t batch = 100;             // rows claimed at once
  std::size_t parallel_sends = 4;       // FCM calls in flight (each holds a blocking-pool thread)
  std::chrono::seconds lease{300};      // a crashed sender's claim is taken over after this (a batch takes far less)
};

class sender {
 public:
  // fcm null: pushes are off; due notifications are then discarded, so the table does not grow.
  sender(platform::sql::database& db, platform::io::blocking_pool& pool, const platform::push::fcm_client* fcm,
         const asio::any_io_executor& executor, sender_options options);

  // Runs until the process stops, on the executor given (a single-threaded one: the loop's state has no lock).
  asio::awaitable<void> run();

  // A notification was scheduled for `at` (after its transaction committed): the loop wakes when it planned to
  // sleep past it. Any thread.
  void scheduled(std::int64_t at);

 private:
  asio::awaitable<void> send_due(std::int64_t now);
  std::string next_claim();

  platform::sql::database& db_;
  platform::io::blocking_pool& pool_;
  const platform::push::fcm_client* fcm_;
  asio::any_io_executor executor_;
  sender_options options_;
  asio::steady_timer timer_;  // the loop's sleep; cancelled (on executor_) to wake it
  std::string instance_;      // random, so that claims of several instances never collide
  std::uint64_t claims_ = 0;
  // Written by the loop, read by scheduled() from any thread.
  std::atomic<std::int64_t> wake_at_{0};
  std::atomic<bool> woken_{false};
};

}  // namespace bbodok::notification
