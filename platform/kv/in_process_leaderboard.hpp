// Embedded leaderboard backend: boards in this process's memory, under one small lock.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform/kv/leaderboard.hpp"

namespace platform::kv {

// Threading: one mutex guards every board; it is held only for the map operation (and for the copy and
// sort of one board in top()), never across a suspension, so callers on any thread wait microseconds.
// Boards are as large as a study group, so sorting per top() is cheaper than keeping a second index.
class in_process_leaderboard final : public leaderboard {
 public:
  in_process_leaderboard() = default;

  asio::awaitable<std::int64_t> add(std::string board, std::string member, std::int64_t delta) override;
  asio::awaitable<void> set(std::string board, std::string member, std::int64_t score) override;
  asio::awaitable<void> remove(std::string board, std::string member) override;
  asio::awaitable<std::vector<leaderboard_entry>> top(std::string board) override;
  asio::awaitable<void> replace(std::string board, std::vector<leaderboard_entry> entries) override;

 private:
  using scores = std::map<std::string, std::int64_t, std::less<>>;

  std::mutex mutex_;
  std::unordered_map<std::string, scores> boards_;  // guarded by mutex_
};

}  // namespace platform::kv
