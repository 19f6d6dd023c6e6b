// Interface of sorted score boards (study-time rankings): in-process now, Redis sorted sets later behind it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/io/asio.hpp"

namespace platform::kv {

struct leaderboard_entry {
  std::string member;
  std::int64_t score = 0;

  bool operator==(const leaderboard_entry&) const = default;
};

// Named boards of (member, integer score), like Redis sorted sets (ZINCRBY, ZADD, ZREM, ZREVRANGE). The
// methods are awaitables because a networked backend waits for its server; the in-process one completes
// without suspending.
//
// Threading: every method may be called from any thread, concurrently; each one is atomic (a reader never
// sees half of a replace()). Order of top(): score descending, ties by member ascending (byte order), so
// equal scores always come back in the same order.
class leaderboard {
 public:
  virtual ~leaderboard();

  // Adds delta to the member's score (a missing member starts at 0) and returns the new score.
  virtual asio::awaitable<std::int64_t> add(std::string board, std::string member, std::int64_t delta) = 0;
  virtual asio::awaitable<void> set(std::string board, std::string member, std::int64_t score) = 0;
  // A missing board or member is no error.
  virtual asio::awaitable<void> remove(std::string board, std::string member) = 0;
  // Every entry of the board, in the order above; empty for a missing board.
  virtual asio::awaitable<std::vector<leaderboard_entry>> top(std::string board) = 0;
  // The board holds exactly `entries` afterwards (a rebuild from the database); a member listed twice keeps
  // its last score, and an empty list removes the board.
  virtual asio::awaitable<void> replace(std::string board, std::vector<leaderboard_entry> entries) = 0;

 protected:
  leaderboard() = default;
  leaderboard(const leaderboard&) = default;
  leaderboard& operator=(const leaderboard&) = default;
  leaderboard(leaderboard&&) = default;
  leaderboard& operator=(leaderboard&&) = default;
};

}  // namespace platform::kv
