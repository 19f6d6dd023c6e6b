// Wiring of the Bbodok process.
#include "apps/bbodok/app.hpp"

#include <spdlog/spdlog.h>

#include "apps/bbodok/common/envelope.hpp"
#include "apps/bbodok/member/service.hpp"
#include "apps/bbodok/room/booking.hpp"
#include "apps/bbodok/room/calendar.hpp"
#include "apps/bbodok/room/group_events.hpp"
#include "apps/bbodok/room/realtime.hpp"
#include "apps/bbodok/room/routes.hpp"
#include "apps/bbodok/room/service.hpp"
#include "apps/bbodok/study/history.hpp"
#include "apps/bbodok/study/routes.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/http/server.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/io/context_pool.hpp"
#include "platform/io/spawn.hpp"
#include "platform/kv/in_process_cache.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "platform/sql/database.hpp"
#include "platform/sql/migrate.hpp"
#include "platform/stomp/broker.hpp"
#include "platform/stomp/handler_factory.hpp"
#include "platform/time/seoul.hpp"
#include "platform/ws/session.hpp"

namespace bbodok {
namespace {

namespace http = platform::http;

std::size_t apply_migrations(platform::sql::database& db, const settings& config) {
  auto conn = db.acquire();
  const std::size_t applied = platform::sql::migrate(*conn, config.migrations);
  if (applied > 0) spdlog::info("applied {} migration(s) from {}", applied, config.migrations.string());
  return applied;
}

// GET /health: 200 SUCCESS with data null (the load balancer's check).
asio::awaitable<http::response> health(http::request) { co_return success(nullptr); }

// Fills the room caches before the server listens, so the first request after a start is a hit.
void warm_caches(room::calendar& rooms) {
  asio::io_context warming;
  asio::co_spawn(warming, rooms.warm(platform::time::now_micros()), platform::io::log_failure("room cache warm-up"));
  warming.run();
}

// STOMP at /bbodok-websocket: /app/* goes to room::realtime, /topic/* is the broker's.
platform::stomp::session_options stomp_options() {
  platform::stomp::session_options options;
  options.application_prefixes = {"/app"};
  return options;
}
platform::ws::session_options websocket_options() {
  platform::ws::session_options options;
  options.coalesce = true;  // STOMP frames are a byte stream: a backlog can go out as one message
  return options;
}

}  // namespace

int migrate(const settings& config) {
  platform::io::blocking_pool pool(1, 1);
  auto db = platform::sql::database::open(config.sql_url, pool, 1);
  apply_migrations(*db, config);
  return 0;
}

int serve(const settings& config) {
  platform::io::context_pool contexts(config.io_threads);
  platform::io::blocking_pool pool(config.blocking_threads, config.blocking_max_pending);
  auto db = platform::sql::database::open(config.sql_url, pool, config.sql_max_connections);
  apply_migrations(*db, config);

  platform::auth::token_issuer tokens(config.jwt_key, config.access_token_lifetime, config.refresh_token_lifetime);
  member::service members(*db, tokens);
  platform::kv::in_process_pubsub bus;
  platform::kv::in_process_cache caches;

  // Rooms: the calendar and history caches recompute on every change; the broker relays /topic/{groupId}.
  room::calendar calendars(*db, caches);
  study::history histories(*db, caches);
  const room::listeners room_changes{
      .rooms_changed = [&calendars](std::int64_t group_id) { return calendars.changed(group_id); },
      .reservations_changed = [&histories](std::int64_t member_id) { return histories.changed(member_id); },
      .studied = {}};  // empty until the ranking is wired: rank::service::add_study_time
  room::service rooms(*db, calendars, room_changes);
  room::booking bookings(*db, bus, room_changes);
  room::realtime room_stomp(members, bookings, *db);
  platform::stomp::broker stomp_relay(bus, platform::stomp::broker_options{.prefixes = {"/topic"}});
  // Another feature (leaving a group, withdrawal) changed a group's rooms: recompute its calendar.
  const auto group_rooms_feed = room::refresh_on_group_changes(bus, calendars, contexts.main().get_executor());
  warm_caches(calendars);
  asio::co_spawn(contexts.main(), calendars.keep_warm(), platform::io::log_failure("room cache daily warm-up"));

  http::router routes;
  routes.add(http::verb::get, "/health", health);
  room::register_routes(routes, members, rooms);
  study::register_routes(routes, members, histories);
  routes.add_websocket("/bbodok-websocket", platform::ws::endpoint(platform::stomp::handler_factory(
                                                                       stomp_relay, room_stomp, stomp_options()),
                                                                   websocket_options()));

  http::server server(contexts, config.http, routes, framework_error);
  const unsigned short port = server.start();
  spdlog::info("bbodok listening on {}:{} ({})", config.http.address, port, config.http.tls ? "https" : "http");
  contexts.run_until_signal([&server]() -> asio::awaitable<void> { co_await server.drain(); });
  pool.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace bbodok
