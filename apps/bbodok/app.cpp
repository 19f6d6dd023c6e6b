// Wiring of the Bbodok process.
#include "apps/bbodok/app.hpp"

#include <exception>
#include <utility>

#include <spdlog/spdlog.h>

#include "apps/bbodok/chat/realtime.hpp"
#include "apps/bbodok/common/envelope.hpp"
#include "apps/bbodok/group/memberships.hpp"
#include "apps/bbodok/group/service.hpp"
#include "apps/bbodok/member/service.hpp"
#include "apps/bbodok/nightly/service.hpp"
#include "apps/bbodok/notification/sender.hpp"
#include "apps/bbodok/rank/service.hpp"
#include "apps/bbodok/room/booking.hpp"
#include "apps/bbodok/room/calendar.hpp"
#include "apps/bbodok/room/group_events.hpp"
#include "apps/bbodok/room/realtime.hpp"
#include "apps/bbodok/room/service.hpp"
#include "apps/bbodok/routes.hpp"
#include "apps/bbodok/seed/seed.hpp"
#include "apps/bbodok/study/history.hpp"
#include "apps/bbodok/todo/service.hpp"
#include "apps/bbodok/video/service.hpp"
#include "apps/bbodok/withdrawal/service.hpp"
#include "apps/bbodok/withdrawal/worker.hpp"
#include "platform/auth/kakao.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/http/client.hpp"
#include "platform/http/metrics_route.hpp"
#include "platform/http/server.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/io/context_pool.hpp"
#include "platform/io/spawn.hpp"
#include "platform/jobs/bounded_executor.hpp"
#include "platform/jobs/scheduler.hpp"
#include "platform/kv/open.hpp"
#include "platform/obs/metrics.hpp"
#include "platform/openapi/routes.hpp"
#include "platform/push/fcm.hpp"
#include "platform/socketio/server.hpp"
#include "platform/sql/database.hpp"
#include "platform/sql/migrate.hpp"
#include "platform/sql/transaction.hpp"
#include "platform/stomp/broker.hpp"
#include "platform/stomp/handler_factory.hpp"
#include "platform/time/seoul.hpp"
#include "platform/ws/session.hpp"

namespace bbodok {
namespace {

namespace http = platform::http;
using namespace std::chrono_literals;

constexpr auto outbound_timeout = std::chrono::milliseconds(10s);
// How long a claimed nightly run keeps other instances off before it counts as abandoned (its instance died).
constexpr std::chrono::minutes job_lease{15};

std::size_t apply_migrations(platform::sql::database& db, const settings& config) {
  auto conn = db.acquire();
  const std::size_t applied = platform::sql::migrate(*conn, config.migrations);
  if (applied > 0) spdlog::info("applied {} migration(s) from {}", applied, config.migrations.string());
  return applied;
}

// Runs start-up work (the leaderboard rebuild, the room caches' warm-up) to completion before the server takes
// requests, so the first request after a start is answered from them.
void run_before_serving(asio::awaitable<void> work) {
  asio::io_context ctx;
  std::exception_ptr failure;
  asio::co_spawn(ctx, std::move(work), [&failure](std::exception_ptr e) { failure = std::move(e); });
  ctx.run();
  if (failure) std::rethrow_exception(failure);
}

// GET /health: 200 SUCCESS with data null (the load balancer's check).
asio::awaitable<http::response> health(http::request) { co_return success(nullptr); }

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

std::vector<platform::sql::migration_state> migration_status(const settings& config) {
  platform::io::blocking_pool pool(1, 1);
  auto db = platform::sql::database::open(config.sql_url, pool, 1);
  auto conn = db->acquire();
  return platform::sql::migration_status(*conn, config.migrations);
}

int seed_database(const settings& config, const std::filesystem::path& data_dir, seed::bulk_size bulk) {
  platform::io::blocking_pool pool(1, 1);
  auto db = platform::sql::database::open(config.sql_url, pool, 1);
  apply_migrations(*db, config);
  auto conn = db->acquire();
  platform::sql::transaction tx(*conn);
  const std::int64_t now = platform::time::now_micros();
  if (seed::load_demo(*conn, data_dir, now)) {
    spdlog::info("loaded the demo data set from {}", data_dir.string());
  } else {
    spdlog::info("the database already has members: demo data not loaded");
  }
  if (bulk.groups > 0 || bulk.members > 0) {
    seed::add_bulk(*conn, bulk, now);
    spdlog::info("added {} synthetic groups and {} synthetic members with their rooms", bulk.groups, bulk.members);
  }
  tx.commit();
  return 0;
}

int serve(const settings& config) {
  platform::obs::record_metrics(config.observability.metrics);
  if (config.clock_start) {
    platform::time::start_clock_at(*config.clock_start);
    spdlog::warn("clock.start is set: the wall clock starts at {} (tests only)",
                 platform::time::seoul_local_datetime(*config.clock_start));
  }
  platform::io::context_pool contexts(config.io_threads);
  platform::io::blocking_pool pool(config.blocking_threads, config.blocking_max_pending);
  auto db = platform::sql::database::open(config.sql_url, pool, config.sql_max_connections);
  apply_migrations(*db, config);

  platform::auth::token_issuer tokens(config.jwt_key, config.access_token_lifetime, config.refresh_token_lifetime);
  http::http_client outbound(outbound_timeout);
  std::optional<platform::auth::kakao_client> kakao;
  if (config.kakao) kakao.emplace(*config.kakao, outbound);
  if (config.dev_login) {
    spdlog::warn(
        "dev sign-in is on: POST /api/v1/members/dev-login makes a member for anyone who asks "
        "(member.dev_login; never on a public server)");
  }
  // Broadcasts and events (STOMP topics, Socket.IO rooms, what one feature announces to others) go through
  // pub/sub, rankings through a leaderboard, caches through a kv cache: in-process, or Redis (kv.url).
  auto kv = platform::kv::open_kv(config.kv_url);
  auto& broadcasts = kv.pubsub();
  auto& boards = kv.leaderboard();
  auto& caches = kv.cache();

  member::service members(*db, pool, caches, tokens, kakao ? &*kakao : nullptr, config.dev_login);
  group::memberships memberships(*db, caches);
  rank::service ranks(*db, boards, memberships, caches);
  run_before_serving(ranks.rebuild());
  group::service groups(*db, pool, memberships, ranks, broadcasts);
  todo::service todos(*db);
  // Withdrawals are recorded by the request and finished by the worker on a bounded executor (joined below,
  // before the worker and what it uses go).
  platform::jobs::bounded_executor withdrawal_jobs("withdrawal", config.withdrawal.workers, config.withdrawal.queue);
  const withdrawal::worker_parts withdrawal_parts{*db,    pool,       withdrawal_jobs,
                                                  groups, broadcasts, kakao ? &*kakao : nullptr};
  withdrawal::worker withdrawal_worker(withdrawal_parts, config.withdrawal, contexts.main().get_executor());
  withdrawal::service withdrawals(*db, members, ranks, withdrawal_worker);
  asio::co_spawn(contexts.main(), withdrawal_worker.run(), platform::io::log_failure("withdrawal worker"));

  // Web pushes at the start of every reserved room; a reservation that adds an earlier one wakes the sender.
  std::optional<platform::push::fcm_client> fcm;
  if (config.push) fcm.emplace(*config.push, outbound);
  notification::sender pushes(*db, pool, fcm ? &*fcm : nullptr, contexts.main().get_executor(),
                              notification::sender_options{.max_attempts = config.push_max_attempts});

  // Rooms: the calendar and history caches recompute on every change; the broker relays /topic/{groupId}.
  room::calendar calendars(*db, caches);
  study::history histories(*db, caches);
  const room::listeners room_changes{
      .rooms_changed = [&calendars](std::int64_t group_id) { return calendars.changed(group_id); },
      .reservations_changed = [&histories](std::int64_t member_id) { return histories.changed(member_id); },
      .studied = [&ranks](std::int64_t group_id, std::int64_t member_id,
                          std::int64_t micros) { return ranks.add_study_time(group_id, member_id, micros); },
      .push_scheduled = [&pushes](std::int64_t at) { pushes.scheduled(at); }};
  room::service rooms(*db, memberships, calendars, room_changes);
  room::booking bookings(*db, broadcasts, room_changes);
  room::realtime room_stomp(members, bookings, memberships);
  platform::stomp::broker stomp_relay(broadcasts, platform::stomp::broker_options{.prefixes = {"/topic"}});
  // Another feature (leaving a group, withdrawal) changed a group's rooms: recompute its calendar.
  auto group_refreshes = room::calendar_refreshes(calendars);
  const auto group_rooms_feed =
      room::refresh_on_group_changes(broadcasts, group_refreshes, contexts.main().get_executor());
  run_before_serving(calendars.warm(platform::time::now_micros()));
  // Midnight in Seoul: the cleanup once across instances (a missed one catches up now), the warm-up on each.
  nightly::service nightly_work(*db, calendars);
  platform::jobs::scheduler jobs(contexts.main().get_executor(), *db, job_lease);
  nightly::register_jobs(jobs, nightly_work);
  jobs.start();
  asio::co_spawn(contexts.main(), pushes.run(), platform::io::log_failure("push sender"));

  // The study room's companions: LiveKit tokens and the Socket.IO chat.
  video::service videos(*db, config.livekit, config.chat.open_before);
  chat::realtime chat_rooms(*db, config.chat);
  platform::socketio::socket_server chat_sockets(broadcasts, chat_rooms);

  http::router routes;
  routes.add(http::verb::get, "/health", health);
  member::register_routes(routes, members);
  group::register_routes(routes, members, groups);
  rank::register_routes(routes, members, ranks);
  todo::register_routes(routes, members, todos);
  withdrawal::register_routes(routes, members, withdrawals);
  room::register_routes(routes, members, rooms);
  study::register_routes(routes, members, histories);
  routes.add_websocket("/bbodok-websocket", platform::ws::endpoint(platform::stomp::handler_factory(
                                                                       stomp_relay, room_stomp, stomp_options()),
                                                                   websocket_options()));
  video::register_routes(routes, videos);
  platform::socketio::server_options chat_endpoint;
  chat_endpoint.instance_name = config.http.instance_name;  // sids name the instance, for the proxy to route by
  platform::socketio::register_endpoint(routes, "/socket.io", chat_sockets.factory(), chat_endpoint);
  platform::openapi::register_routes(routes, config.openapi);  // it checks the document against the above
  // After the check: /metrics is the operators' (private network), not the API's, and exists only when enabled.
  if (config.observability.metrics) http::add_metrics_route(routes, "bbodok");

  http::server server(contexts, config.http, routes, framework_error);
  const unsigned short port = server.start();
  spdlog::info("bbodok listening on {}:{} ({})", config.http.address, port, config.http.tls ? "https" : "http");
  contexts.run_until_signal([&server, &jobs]() -> asio::awaitable<void> {
    co_await jobs.stop();
    co_await server.drain();
  });
  withdrawal_jobs.join();
  pool.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace bbodok
