// The error a networked kv backend throws when its server cannot answer a call that has no sensible
// degraded result.
#pragma once

#include <stdexcept>

namespace platform::kv {

// Thrown by redis_leaderboard while Redis is unreachable (see redis_leaderboard.hpp); the caller computes the
// answer from its database instead, or fails the one request.
struct unavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace platform::kv
