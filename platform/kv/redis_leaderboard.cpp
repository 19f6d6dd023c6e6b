// Sorted-set commands per leaderboard call; replies checked and parsed here.
#include "platform/kv/redis_leaderboard.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "platform/kv/redis_connection.hpp"
#include "platform/kv/unavailable.hpp"

namespace platform::kv {
namespace {

std::string key_of(const std::string& board) { return "kv:board:" + board; }

void refuse_errors(const std::optional<redis_reply>& reply) {
  if (reply && reply->type == redis_reply::kind::error) throw unavailable("leaderboard: redis refused: " + reply->text);
}

// The reply of a call that returns data: none is an outage the caller must hear of.
redis_reply answered(std::optional<redis_reply> reply) {
  if (!reply) throw unavailable("leaderboard: redis is unreachable");
  refuse_errors(reply);
  return std::move(*reply);
}

// A score as Redis prints it ("42", or "1e+20" beyond what we store).
std::int64_t score_of(const std::string& text) {
  std::int64_t score = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), score);
  if (ec == std::errc() && end == text.data() + text.size()) return score;
  double approximate = 0;
  const auto [end2, ec2] = std::from_chars(text.data(), text.data() + text.size(), approximate);
  if (ec2 != std::errc()) throw unavailable("leaderboard: redis sent a score that is no number: " + text);
  return static_cast<std::int64_t>(approximate);
}

}  // namespace

redis_leaderboard::redis_leaderboard(const asio::any_io_executor& executor, const redis_endpoint& endpoint) {
  connection_ = redis_connection::open(executor, endpoint, redis_connection::named("redis leaderboard", endpoint));
}

redis_leaderboard::~redis_leaderboard() { connection_->close(); }

asio::awaitable<std::int64_t> redis_leaderboard::add(std::string board, std::string member, std::int64_t delta) {
  redis_command command{"ZINCRBY", key_of(board), std::to_string(delta), std::move(member)};
  auto reply = co_await connection_->call(std::move(command));
  co_return score_of(answered(std::move(reply)).text);
}

asio::awaitable<void> redis_leaderboard::set(std::string board, std::string member, std::int64_t score) {
  redis_command command{"ZADD", key_of(board), std::to_string(score), std::move(member)};
  const auto reply = co_await connection_->call(std::move(command));
  refuse_errors(reply);  // no reply: dropped with the outage (redis_leaderboard.hpp)
}

asio::awaitable<void> redis_leaderboard::remove(std::string board, std::string member) {
  redis_command command{"ZREM", key_of(board), std::move(member)};
  const auto reply = co_await connection_->call(std::move(command));
  refuse_errors(reply);  // no reply: dropped with the outage (redis_leaderboard.hpp)
}

asio::awaitable<std::vector<leaderboard_entry>> redis_leaderboard::top(std::string board) {
  redis_command command{"ZREVRANGE", key_of(board), "0", "-1", "WITHSCORES"};
  auto received = co_await connection_->call(std::move(command));
  const auto reply = answered(std::move(received));
  std::vector<leaderboard_entry> out;
  out.reserve(reply.elements.size() / 2);
  for (std::size_t i = 0; i + 1 < reply.elements.size(); i += 2)
    out.push_back(leaderboard_entry{reply.elements[i].text, score_of(reply.elements[i + 1].text)});
  // ZREVRANGE breaks ties by member descending; the interface promises ascending.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.score != b.score ? a.score > b.score : a.member < b.member;
  });
  co_return out;
}

asio::awaitable<void> redis_leaderboard::replace(std::string board, std::vector<leaderboard_entry> entries) {
  const std::string key = key_of(board);
  std::vector<redis_command> commands;
  commands.push_back({"MULTI"});
  commands.push_back({"DEL", key});
  if (!entries.empty()) {
    redis_command zadd{"ZADD", key};
    zadd.reserve(2 + 2 * entries.size());
    for (auto& entry : entries) {
      zadd.push_back(std::to_string(entry.score));
      zadd.push_back(std::move(entry.member));
    }
    commands.push_back(std::move(zadd));
  }
  commands.push_back({"EXEC"});
  const auto reply = co_await connection_->call_all(std::move(commands));
  refuse_errors(reply);  // no reply: dropped with the outage (redis_leaderboard.hpp)
  // EXEC answers nil when the transaction was aborted, an array of the commands' replies otherwise.
  if (reply && reply->type != redis_reply::kind::array) throw unavailable("leaderboard: redis aborted the replace");
}

}  // namespace platform::kv
