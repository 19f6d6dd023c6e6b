// Boards in memory: each method takes the lock, does its map operation and returns without suspending.
#include "platform/kv/in_process_leaderboard.hpp"

#include <algorithm>
#include <utility>

namespace platform::kv {

asio::awaitable<std::int64_t> in_process_leaderboard::add(std::string board, std::string member, std::int64_t delta) {
  const std::scoped_lock lock(mutex_);
  co_return boards_[std::move(board)][std::move(member)] += delta;
}

asio::awaitable<void> in_process_leaderboard::set(std::string board, std::string member, std::int64_t score) {
  const std::scoped_lock lock(mutex_);
  boards_[std::move(board)][std::move(member)] = score;
  co_return;
}

asio::awaitable<void> in_process_leaderboard::remove(std::string board, std::string member) {
  const std::scoped_lock lock(mutex_);
  const auto found = boards_.find(board);
  if (found == boards_.end()) co_return;
  found->second.erase(member);
  if (found->second.empty()) boards_.erase(found);
}

asio::awaitable<std::vector<leaderboard_entry>> in_process_leaderboard::top(std::string board) {
  std::vector<leaderboard_entry> out;
  {
    const std::scoped_lock lock(mutex_);
    const auto found = boards_.find(board);
    if (found != boards_.end()) {
      out.reserve(found->second.size());
      for (const auto& [member, score] : found->second) out.push_back({member, score});
    }
  }
  // The map yields members in ascending order already, so a stable sort by score keeps ties by member.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  co_return out;
}

asio::awaitable<void> in_process_leaderboard::replace(std::string board, std::vector<leaderboard_entry> entries) {
  scores fresh;
  for (auto& entry : entries) fresh[std::move(entry.member)] = entry.score;
  const std::scoped_lock lock(mutex_);
  if (fresh.empty()) {
    boards_.erase(board);
  } else {
    boards_[std::move(board)] = std::move(fresh);
  }
  co_return;
}

}  // namespace platform::kv
