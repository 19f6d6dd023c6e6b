// Keys "bbodok:rooms:{group}:{from}:{to}" tagged "bbodok:group:{group}".
#include "apps/bbodok/room/calendar.hpp"

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "apps/bbodok/room/json.hpp"
#include "apps/bbodok/room/repository.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::room {
namespace {

// Long enough to outlive any day's use; every change recomputes, so age never makes an entry wrong.
constexpr std::chrono::hours entry_lifetime{24};
constexpr std::int64_t warm_days = 14;
constexpr std::int64_t cached_days = 31;

std::string group_tag(std::int64_t group_id) { return fmt::format("bbodok:group:{}", group_id); }

std::string key_of(std::int64_t group_id, window w) {
  return fmt::format("bbodok:rooms:{}:{}:{}", group_id, w.from, w.to);
}

std::vector<std::int64_t> live_groups(platform::sql::connection& db) {
  std::vector<std::int64_t> ids;
  for (const auto& row : db.query("SELECT group_id FROM study_group WHERE deleted = 0")) ids.push_back(row.as_int(0));
  return ids;
}

std::string render(const std::vector<room_view>& rooms) { return boost::json::serialize(rooms_json(rooms, true)); }

asio::awaitable<platform::cache::computed> compute(platform::sql::database& db, std::string key) {
  std::int64_t group_id = 0;
  window w;
  if (std::sscanf(key.c_str(), "bbodok:rooms:%" SCNd64 ":%" SCNd64 ":%" SCNd64, &group_id, &w.from, &w.to) != 3) {
    throw std::invalid_argument("not a calendar key: " + key);
  }
  const auto rooms = co_await db.run(repository::group_rooms, group_id, w);
  co_return platform::cache::computed{render(rooms), {group_tag(group_id)}};
}

}  // namespace

calendar::calendar(platform::sql::database& db, platform::kv::cache& store)
    : db_(db),
      cache_(
          store, [&db](std::string key) { return compute(db, std::move(key)); },
          std::chrono::duration_cast<std::chrono::milliseconds>(entry_lifetime)) {}

asio::awaitable<std::string> calendar::rooms(std::int64_t group_id, window w) {
  if (cacheable(w, cached_days)) co_return co_await cache_.get(key_of(group_id, w));
  const auto rooms = co_await db_.run(repository::group_rooms, group_id, w);
  co_return render(rooms);
}

asio::awaitable<void> calendar::changed(std::int64_t group_id) { co_await cache_.change(group_tag(group_id)); }

asio::awaitable<void> calendar::warm(std::int64_t now) {
  const std::int64_t today = platform::time::seoul_midnight(platform::time::seoul_day(now));
  const window w{today, today + warm_days * platform::time::micros_per_day};
  for (const std::int64_t group_id : co_await db_.run(live_groups)) co_await cache_.warm(key_of(group_id, w));
}

}  // namespace bbodok::room
