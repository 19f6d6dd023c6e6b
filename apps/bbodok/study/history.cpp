// Keys "bbodok:history:{member}:{from}:{to}" tagged "bbodok:member:{member}".
#include "apps/bbodok/study/history.hpp"

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <stdexcept>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::study {
namespace {

constexpr std::chrono::hours entry_lifetime{24};
// The frontend asks for {last year}-12-25 until tomorrow: up to a year and a week.
constexpr std::int64_t cached_days = 380;
constexpr const char* reservations_in_window =
    "SELECT start_time, study_time FROM reservation WHERE member_id = ? AND start_time >= ? AND start_time < ?";

std::string member_tag(std::int64_t member_id) { return fmt::format("bbodok:member:{}", member_id); }

std::string key_of(std::int64_t member_id, room::window w) {
  return fmt::format("bbodok:history:{}:{}:{}", member_id, w.from, w.to);
}

std::string render(const std::vector<day_total>& days) {
  boost::json::array out;
  for (const auto& day : days) {
    out.emplace_back(boost::json::object{
        {"calculatedAt", platform::time::seoul_local_date(platform::time::seoul_midnight(day.seoul_day))},
        {"duration", platform::time::iso_duration(day.studied)}});
  }
  return boost::json::serialize(out);
}

asio::awaitable<platform::cache::computed> compute(platform::sql::database& db, std::string key) {
  std::int64_t member_id = 0;
  room::window w;
  if (std::sscanf(key.c_str(), "bbodok:history:%" SCNd64 ":%" SCNd64 ":%" SCNd64, &member_id, &w.from, &w.to) != 3) {
    throw std::invalid_argument("not a history key: " + key);
  }
  const auto days = co_await db.run(daily_totals, member_id, w);
  co_return platform::cache::computed{render(days), {member_tag(member_id)}};
}

}  // namespace

std::vector<day_total> daily_totals(platform::sql::connection& db, std::int64_t member_id, room::window w) {
  std::map<std::int64_t, std::int64_t> per_day;
  for (const auto& row : db.query(reservations_in_window, {member_id, w.from, w.to})) {
    per_day[platform::time::seoul_day(row.as_int(0))] += row.as_int(1);
  }
  std::vector<day_total> days;
  days.reserve(per_day.size());
  for (const auto& [day, studied] : per_day) days.push_back(day_total{day, studied});
  return days;
}

history::history(platform::sql::database& db, platform::kv::cache& store)
    : db_(db),
      cache_(
          store, [&db](std::string key) { return compute(db, std::move(key)); },
          std::chrono::duration_cast<std::chrono::milliseconds>(entry_lifetime)) {}

asio::awaitable<std::string> history::durations(std::int64_t member_id, room::window w) {
  if (room::cacheable(w, cached_days)) co_return co_await cache_.get(key_of(member_id, w));
  const auto days = co_await db_.run(daily_totals, member_id, w);
  co_return render(days);
}

asio::awaitable<void> history::changed(std::int64_t member_id) { co_await cache_.change(member_tag(member_id)); }

}  // namespace bbodok::study
