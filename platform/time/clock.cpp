// The shifted wall clock: one offset, written once at start and read on every call.
#include "platform/time/clock.hpp"

#include <atomic>
#include <chrono>

namespace platform::time {
namespace {

std::int64_t system_micros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::atomic<std::int64_t> offset{0};

}  // namespace

std::int64_t now_micros() { return system_micros() + offset.load(std::memory_order_relaxed); }

void start_clock_at(std::int64_t start) { offset.store(start - system_micros(), std::memory_order_relaxed); }

}  // namespace platform::time
