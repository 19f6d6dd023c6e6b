// Keys "bbodok:memberships:{member}" hold the member's live group ids as decimal text, space-separated.
#include "apps/bbodok/group/memberships.hpp"

#include <charconv>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "platform/sql/database.hpp"

namespace bbodok::group {
namespace {

// Idle entries leave after a while; a change recomputes an entry whatever its age.
constexpr std::chrono::minutes entry_lifetime{30};

constexpr const char* live_groups_of =
    "SELECT m.group_id FROM membership m JOIN study_group g ON g.group_id = m.group_id "
    "WHERE m.member_id = ? AND g.deleted = 0";

std::string key_of(std::int64_t member_id) { return fmt::format("bbodok:memberships:{}", member_id); }

std::string group_ids(platform::sql::connection& db, std::int64_t member_id) {
  std::string ids;
  for (const auto& row : db.query(live_groups_of, {member_id})) {
    if (!ids.empty()) ids += ' ';
    ids += std::to_string(row.as_int(0));
  }
  return ids;
}

asio::awaitable<platform::cache::computed> compute(platform::sql::database& db, std::string key) {
  std::int64_t member_id = 0;
  if (std::sscanf(key.c_str(), "bbodok:memberships:%" SCNd64, &member_id) != 1) {
    throw std::invalid_argument("not a memberships key: " + key);
  }
  auto ids = co_await db.run(group_ids, member_id);
  co_return platform::cache::computed{std::move(ids), {key}};
}

bool lists(std::string_view ids, std::int64_t group_id) {
  const char* at = ids.data();
  const char* const end = at + ids.size();
  while (at < end) {
    std::int64_t id = 0;
    at = std::from_chars(at, end, id).ptr;
    if (id == group_id) return true;
    ++at;  // the separating space
  }
  return false;
}

}  // namespace

memberships::memberships(platform::sql::database& db, platform::kv::cache& store)
    : cache_(
          store, [&db](std::string key) { return compute(db, std::move(key)); },
          std::chrono::duration_cast<std::chrono::milliseconds>(entry_lifetime)) {}

asio::awaitable<bool> memberships::contains(std::int64_t member_id, std::int64_t group_id) {
  const std::string ids = co_await cache_.get(key_of(member_id));
  co_return lists(ids, group_id);
}

asio::awaitable<void> memberships::changed(std::int64_t member_id) { co_await cache_.change(key_of(member_id)); }

}  // namespace bbodok::group
