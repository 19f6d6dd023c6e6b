// The nightly cleanup's transaction and the cache refreshes after it.
#include "apps/bbodok/nightly/service.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include <fmt/format.h>

#include "apps/bbodok/nightly/sql.hpp"
#include "apps/bbodok/room/calendar.hpp"
#include "platform/jobs/scheduler.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/clock.hpp"

namespace bbodok::nightly {
namespace {

namespace psql = platform::sql;

struct cleaned {
  std::int64_t todos = 0;
  std::int64_t rooms = 0;
  std::vector<std::int64_t> groups;  // of the closed rooms, each once
};

cleaned clear_and_close(psql::connection& db, std::int64_t midnight, std::int64_t now) {
  cleaned out;
  out.todos = db.execute(sql::clear_done_todos, {midnight});
  const auto closed = db.query(sql::close_ended_rooms, {now, midnight});
  out.rooms = static_cast<std::int64_t>(closed.size());
  for (const auto& row : closed) out.groups.push_back(row.as_int("group_id"));
  std::sort(out.groups.begin(), out.groups.end());
  out.groups.erase(std::unique(out.groups.begin(), out.groups.end()), out.groups.end());
  return out;
}

}  // namespace

service::service(psql::database& db, room::calendar& calendars) : db_(db), calendars_(calendars) {}

asio::awaitable<std::string> service::clean_up(std::int64_t midnight) {
  const cleaned done = co_await db_.transact(clear_and_close, midnight, platform::time::now_micros());
  for (const std::int64_t group_id : done.groups) co_await calendars_.changed(group_id);
  co_await calendars_.warm(midnight);
  co_return fmt::format("cleared {} done todos, closed {} ended rooms in {} groups", done.todos, done.rooms,
                        done.groups.size());
}

asio::awaitable<std::string> service::warm_rooms(std::int64_t midnight) {
  co_await calendars_.warm(midnight);
  co_return "warmed the room calendars";
}

void register_jobs(platform::jobs::scheduler& jobs, service& nightly) {
  using platform::jobs::runs;
  const auto midnight = platform::jobs::schedule::daily_at(std::chrono::minutes(0), platform::jobs::asia_seoul);
  jobs.add("nightly-cleanup", midnight, runs::once_across_instances,
           [&nightly](std::int64_t at) { return nightly.clean_up(at); });
  // Every instance keeps caches of its own (in process), so each warms them.
  jobs.add("room-cache-warm-up", midnight, runs::on_every_instance,
           [&nightly](std::int64_t at) { return nightly.warm_rooms(at); });
}

}  // namespace bbodok::nightly
