// A token bucket: at most `burst` events at once and `rate` per second on average, for bounding what one client
// may send (chat messages per socket). Not thread-safe: its owner keeps it on one executor.
#pragma once

#include <algorithm>
#include <chrono>

namespace platform::messaging {

class token_bucket {
 public:
  using clock = std::chrono::steady_clock;

  token_bucket(double rate_per_second, double burst, clock::time_point now)
      : rate_(rate_per_second), burst_(burst), tokens_(burst), last_(now) {}

  // Takes one token if there is one; false means the event is over the limit (drop it).
  bool try_take(clock::time_point now) {
    const std::chrono::duration<double> elapsed = now - last_;
    last_ = std::max(last_, now);
    tokens_ = std::min(burst_, tokens_ + std::max(0.0, elapsed.count()) * rate_);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

 private:
  double rate_;
  double burst_;
  double tokens_;
  clock::time_point last_;
};

}  // namespace platform::messaging
