// The ranking over the leaderboard.
#include "apps/bbodok/rank/service.hpp"

#include <charconv>
#include <utility>

#include "apps/bbodok/rank/repository.hpp"
#include "platform/kv/leaderboard.hpp"
#include "platform/sql/database.hpp"

namespace bbodok::rank {
namespace {

std::optional<std::int64_t> member_of(const std::string& key) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
  if (ec != std::errc() || end != key.data() + key.size()) return std::nullopt;
  return id;
}

}  // namespace

std::string board_of(std::int64_t group_id) { return "bbodok.ranks." + std::to_string(group_id); }

service::service(platform::sql::database& db, platform::kv::leaderboard& boards) : db_(db), boards_(boards) {}

asio::awaitable<void> service::rebuild() {
  const auto groups = co_await db_.run(study_times);
  for (const auto& [group_id, times] : groups) {
    std::vector<platform::kv::leaderboard_entry> entries;
    entries.reserve(times.size());
    for (const auto& time : times) entries.push_back({std::to_string(time.member_id), time.study_time});
    co_await boards_.replace(board_of(group_id), std::move(entries));
  }
}

asio::awaitable<void> service::add_study_time(std::int64_t group_id, std::int64_t member_id, std::int64_t micros) {
  co_await boards_.add(board_of(group_id), std::to_string(member_id), micros);
}

asio::awaitable<void> service::forget(std::int64_t group_id, std::int64_t member_id) {
  co_await boards_.remove(board_of(group_id), std::to_string(member_id));
}

asio::awaitable<result<std::vector<rank_entry>>> service::ranking(std::int64_t caller, std::int64_t group_id) {
  auto names = co_await db_.run(names_in_group, caller, group_id);
  if (!names) co_return names.error();
  const auto board = co_await boards_.top(board_of(group_id));
  std::vector<rank_entry> out;
  out.reserve(board.size());
  for (const auto& entry : board) {
    const auto member_id = member_of(entry.member);
    if (!member_id) continue;
    const auto named = names->find(*member_id);
    if (named == names->end()) continue;  // withdrawn, or left since the board was read
    out.push_back(rank_entry{*member_id, named->second.profile, named->second.nickname, entry.score});
    names->erase(named);
  }
  // Members who joined after the board was read have earned nothing yet: last, by id.
  for (auto& [member_id, named] : *names) {
    out.push_back(rank_entry{member_id, std::move(named.profile), std::move(named.nickname), 0});
  }
  co_return out;
}

}  // namespace bbodok::rank
