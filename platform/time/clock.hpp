// The wall clock every business rule reads (slots, live windows, jobs), with a test-only starting point.
#pragma once

#include <cstdint>

namespace platform::time {

// Microseconds since the Unix epoch, UTC: the unit of instants in both apps' tables.
std::int64_t now_micros();

// Test-only (configuration `clock.start`): from this call on, now_micros() reads `start` and runs on at real
// speed from there, so an end-to-end test can reach 10:00 or midnight in seconds. Token lifetimes, timeouts
// and logs keep the real clocks. Call once, before any thread reads the clock.
void start_clock_at(std::int64_t start);

}  // namespace platform::time
