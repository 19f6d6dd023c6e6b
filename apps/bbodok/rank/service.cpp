// The ranking over the leaderboard.
#include "apps/bbodok/rank/service.hpp"

#include <charconv>
#include <chrono>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <spdlog/spdlog.h>

#include "apps/bbodok/group/memberships.hpp"
#include "apps/bbodok/rank/json.hpp"
#include "apps/bbodok/rank/repository.hpp"
#include "platform/kv/leaderboard.hpp"
#include "platform/kv/unavailable.hpp"
#include "platform/sql/database.hpp"

namespace bbodok::rank {
namespace {

// Idle rankings leave after a while; a change recomputes an entry whatever its age.
constexpr std::chrono::minutes entry_lifetime{30};
constexpr std::string_view board_prefix = "bbodok.ranks.";
// Rendered rankings live in the cache under their own keys: a Redis behind both would hold a sorted set and a
// string side by side.
constexpr std::string_view rendered_prefix = "bbodok:ranking:";

// The whole of `text` as a decimal id.
std::optional<std::int64_t> number_in(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return id;
}

std::string rendered_key(std::int64_t group_id) { return std::string(rendered_prefix) + std::to_string(group_id); }

std::optional<std::int64_t> group_of(std::string_view rendered) {
  if (!rendered.starts_with(rendered_prefix)) return std::nullopt;
  return number_in(rendered.substr(rendered_prefix.size()));
}

}  // namespace

std::string board_of(std::int64_t group_id) { return std::string(board_prefix) + std::to_string(group_id); }

service::service(platform::sql::database& db, platform::kv::leaderboard& boards, group::memberships& groups,
                 platform::kv::cache& store)
    : db_(db),
      boards_(boards),
      groups_(groups),
      rendered_(
          store, [this](std::string key) { return render(std::move(key)); },
          std::chrono::duration_cast<std::chrono::milliseconds>(entry_lifetime)) {}

asio::awaitable<void> service::rebuild() {
  const auto groups = co_await db_.run(study_times);
  for (const auto& [group_id, times] : groups) {
    std::vector<platform::kv::leaderboard_entry> entries;
    entries.reserve(times.size());
    for (const auto& time : times) entries.push_back({std::to_string(time.member_id), time.study_time});
    co_await boards_.replace(board_of(group_id), std::move(entries));
    co_await changed(group_id);
  }
}

asio::awaitable<void> service::add_study_time(std::int64_t group_id, std::int64_t member_id, std::int64_t micros) {
  try {
    co_await boards_.add(board_of(group_id), std::to_string(member_id), micros);
  } catch (const platform::kv::unavailable&) {
    missed_writes();  // the time is in the database (the record); the ranking reads it from there now
  }
  co_await changed(group_id);
}

asio::awaitable<void> service::forget(std::int64_t group_id, std::int64_t member_id) {
  co_await boards_.remove(board_of(group_id), std::to_string(member_id));
  co_await changed(group_id);
}

asio::awaitable<result<std::string>> service::ranking(std::int64_t caller, std::int64_t group_id) {
  // Awaited into a variable: GCC 12 miscompiles a co_await inside an if condition of this coroutine shape.
  const bool member = co_await groups_.contains(caller, group_id);
  if (!member) co_return not_a_member(caller, group_id);
  std::string ranking = co_await rendered_.get(rendered_key(group_id));
  co_return std::move(ranking);
}

asio::awaitable<void> service::changed(std::int64_t group_id) { co_await rendered_.change(rendered_key(group_id)); }

// The board's order with the names the database has now; tagged with its own key.
asio::awaitable<platform::cache::computed> service::render(std::string key) {
  const auto group_id = group_of(key);
  if (!group_id) throw std::invalid_argument("not a ranking key: " + key);
  auto names = co_await db_.run(names_in_group, *group_id);
  const auto board = co_await this->board(*group_id);
  std::vector<rank_entry> out;
  out.reserve(board.size());
  for (const auto& entry : board) {
    const auto member_id = number_in(entry.member);
    if (!member_id) continue;
    const auto named = names.find(*member_id);
    if (named == names.end()) continue;  // withdrawn, or left since the board was read
    out.push_back(rank_entry{*member_id, named->second.profile, named->second.nickname, entry.score});
    names.erase(named);
  }
  // Members who joined after the board was read have earned nothing yet: last, by id.
  for (auto& [member_id, named] : names) {
    out.push_back(rank_entry{member_id, std::move(named.profile), std::move(named.nickname), 0});
  }
  co_return platform::cache::computed{ranking_json(out), {std::move(key)}};
}

asio::awaitable<std::vector<platform::kv::leaderboard_entry>> service::board(std::int64_t group_id) {
  if (!boards_missed_writes_) {
    try {
      auto top = co_await boards_.top(board_of(group_id));
      co_return top;
    } catch (const platform::kv::unavailable&) {
      missed_writes();
    }
  }
  const auto times = co_await db_.run(study_times_in_group, group_id);
  std::vector<platform::kv::leaderboard_entry> entries;
  entries.reserve(times.size());
  for (const auto& time : times) entries.push_back({std::to_string(time.member_id), time.study_time});
  co_return entries;
}

void service::missed_writes() {
  if (!boards_missed_writes_.exchange(true)) {
    spdlog::warn("rankings: the leaderboard store is unreachable; rankings come from the database until restart");
  }
}

}  // namespace bbodok::rank
