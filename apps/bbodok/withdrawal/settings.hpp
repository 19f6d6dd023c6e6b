// How the withdrawal worker runs and retries, from configuration ([withdrawal]).
#pragma once

#include <chrono>
#include <cstddef>

namespace bbodok::withdrawal {

struct withdrawal_settings {
  std::size_t workers = 2;                      // the bounded executor's threads
  std::size_t queue = 64;                       // withdrawals waiting for a worker before the poller waits for room
  std::chrono::milliseconds poll{1000};         // how often due tasks are looked for besides a new withdrawal
  std::chrono::milliseconds retry_first{1000};  // the first retry's delay, doubled after each failure
  std::chrono::milliseconds retry_max{600'000};
  // An unlink claimed by a worker is not taken by another for this long: longer than a Kakao call can last.
  std::chrono::milliseconds unlink_lease{60'000};
};

}  // namespace bbodok::withdrawal
