// Leaderboards on Redis sorted sets, shared by every instance.
#pragma once

#include <memory>

#include <boost/asio/any_io_executor.hpp>

#include "platform/io/asio.hpp"
#include "platform/kv/leaderboard.hpp"
#include "platform/kv/redis_url.hpp"

namespace platform::kv {

class redis_connection;

// Board "b" is the sorted set "kv:board:b" (ZINCRBY, ZADD, ZREM, ZREVRANGE WITHSCORES; replace() is DEL and ZADD
// inside MULTI/EXEC, so no reader sees half of it). Scores are Redis doubles: integers stay exact up to 2^53.
//
// Outage (Redis unreachable, or no reply within redis_connection::reply_timeout): top() and add(), which return
// data, throw kv::unavailable (unavailable.hpp) for the caller to answer from its database; set(), remove() and
// replace() are dropped (the connection logs the outage once). Nothing is retried, so a board misses the writes
// of an outage until the caller rebuilds it from its database (replace()). An error reply (a bug, not an outage)
// throws kv::unavailable from every method.
class redis_leaderboard final : public leaderboard {
 public:
  redis_leaderboard(const asio::any_io_executor& executor, const redis_endpoint& endpoint);
  ~redis_leaderboard() override;
  redis_leaderboard(const redis_leaderboard&) = delete;
  redis_leaderboard& operator=(const redis_leaderboard&) = delete;
  redis_leaderboard(redis_leaderboard&&) = delete;
  redis_leaderboard& operator=(redis_leaderboard&&) = delete;

  asio::awaitable<std::int64_t> add(std::string board, std::string member, std::int64_t delta) override;
  asio::awaitable<void> set(std::string board, std::string member, std::int64_t score) override;
  asio::awaitable<void> remove(std::string board, std::string member) override;
  asio::awaitable<std::vector<leaderboard_entry>> top(std::string board) override;
  asio::awaitable<void> replace(std::string board, std::vector<leaderboard_entry> entries) override;

 private:
  std::shared_ptr<redis_connection> connection_;
};

}  // namespace platform::kv
