// Wiring of the Daengtionary process.
#include "apps/daengtionary/app.hpp"

#include <spdlog/spdlog.h>

#include "apps/daengtionary/chat/realtime.hpp"
#include "apps/daengtionary/chat/service.hpp"
#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/common/image_references.hpp"
#include "apps/daengtionary/common/image_uploads.hpp"
#include "apps/daengtionary/common/storage_sweep_job.hpp"
#include "apps/daengtionary/community/service.hpp"
#include "apps/daengtionary/friend/service.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "apps/daengtionary/mypage/service.hpp"
#include "apps/daengtionary/place/service.hpp"
#include "apps/daengtionary/routes.hpp"
#include "apps/daengtionary/seed/seed.hpp"
#include "apps/daengtionary/trade/service.hpp"
#include "platform/auth/kakao.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/cache/fleet_generation.hpp"
#include "platform/cache/page_cache.hpp"
#include "platform/http/client.hpp"
#include "platform/http/metrics_route.hpp"
#include "platform/http/server.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/io/context_pool.hpp"
#include "platform/jobs/scheduler.hpp"
#include "platform/kv/open.hpp"
#include "platform/obs/metrics.hpp"
#include "platform/openapi/routes.hpp"
#include "platform/sockjs/server.hpp"
#include "platform/sql/database.hpp"
#include "platform/sql/migrate.hpp"
#include "platform/sql/transaction.hpp"
#include "platform/stomp/broker.hpp"
#include "platform/stomp/handler_factory.hpp"
#include "platform/storage/open.hpp"
#include "platform/storage/sweeper.hpp"

namespace daengtionary {
namespace {

using namespace std::chrono_literals;

constexpr auto access_token_lifetime = 3600s;  // the frontend is told 3600000 ms
constexpr auto refresh_token_lifetime = std::chrono::seconds(std::chrono::days(7));
constexpr auto outbound_timeout = std::chrono::milliseconds(10s);
// How stale a cached list page may be after another instance wrote to a shared database and its announcement
// was lost (a Redis outage).
constexpr auto list_page_max_age = std::chrono::milliseconds(1s);
// How long a claimed storage sweep keeps the other instances off before it counts as abandoned.
constexpr auto sweep_lease = std::chrono::minutes(30);
constexpr std::size_t list_pages_cached = 4096;

std::size_t apply_migrations(platform::sql::database& db, const settings& config) {
  auto conn = db.acquire();
  const std::size_t applied = platform::sql::migrate(*conn, config.migrations);
  if (applied > 0) spdlog::info("applied {} migration(s) from {}", applied, config.migrations.string());
  return applied;
}

// On SIGTERM/SIGINT: no new connections, in-flight requests finished, then no sweep left running.
asio::awaitable<void> shut_down(platform::http::server* server, platform::storage::sweeper* sweeps,
                                platform::jobs::scheduler* jobs) {
  spdlog::info("shutting down: draining connections");
  co_await server->drain();
  co_await sweeps->stop();
  co_await jobs->stop();
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

int seed_database(const settings& config, const std::filesystem::path& data_dir, std::size_t bulk_posts) {
  platform::io::blocking_pool pool(1, 1);
  auto db = platform::sql::database::open(config.sql_url, pool, 1);
  apply_migrations(*db, config);
  const auto store = platform::storage::open_store(config.storage, "images");
  auto conn = db->acquire();
  platform::sql::transaction tx(*conn);
  if (seed::load_demo(*conn, *store, data_dir)) {
    spdlog::info("loaded the demo data set from {}", data_dir.string());
  } else {
    spdlog::info("the database already has members: demo data not loaded");
  }
  if (bulk_posts > 0) {
    seed::add_bulk_posts(*conn, bulk_posts);
    spdlog::info("added {} synthetic posts of each kind", bulk_posts);
  }
  tx.commit();
  return 0;
}

int serve(const settings& config) {
  platform::obs::record_metrics(config.observability.metrics);
  platform::io::context_pool contexts(config.io_threads);
  platform::io::blocking_pool pool(config.blocking_threads, config.blocking_max_pending);
  auto db = platform::sql::database::open(config.sql_url, pool, config.sql_max_connections);
  apply_migrations(*db, config);

  const auto store_owner = platform::storage::open_store(config.storage, "images");  // local disk or S3
  platform::storage::object_store& store = *store_owner;
  platform::auth::token_issuer tokens(config.jwt_key, access_token_lifetime, refresh_token_lifetime);
  platform::http::http_client outbound(outbound_timeout);
  std::optional<platform::auth::kakao_client> kakao;
  if (config.kakao) kakao.emplace(*config.kakao, outbound);
  // Chat broadcasts; the STOMP broker subscribes to the room channels.
  auto kv = platform::kv::open_kv(config.kv_url);  // in-process, or Redis (kv.url)
  auto& broadcasts = kv.pubsub();

  image_uploads images(store, pool);
  // List pages live until any instance next writes to the database (or list_page_max_age passes).
  platform::cache::fleet_generation writes(broadcasts, "page-cache/daengtionary",
                                           [&db = *db] { return db.write_generation(); });
  db->on_write([&writes] { writes.wrote(); });
  platform::cache::page_cache pages([&writes] { return writes.value(); }, list_page_max_age, list_pages_cached);
  member::service members(*db, pool, tokens, kakao ? &*kakao : nullptr, config.admin_code);
  mypage::service dogs(*db, images);
  place::service places(*db, images);
  trade::service trades(*db, images);
  community::service posts(*db, images);
  chat::service chats(*db, broadcasts);
  matching::service matchings(*db, images, chats, dogs);
  // STOMP over SockJS at /wss/chat: the broker relays the room channels chat::service publishes on.
  platform::stomp::broker stomp_relay(broadcasts, platform::stomp::broker_options{});
  chat::realtime chat_stomp(members, chats);

  platform::http::router routes;
  site::register_routes(routes, store, pool);
  member::register_routes(routes, members);
  mypage::register_routes(routes, members, dogs);
  place::register_routes(routes, members, places, pages);
  community::register_routes(routes, members, posts, pages);
  trade::register_routes(routes, members, trades, pages);
  chat::register_routes(routes, members, chats);
  platform::sockjs::register_endpoint(routes, "/wss/chat", platform::stomp::handler_factory(stomp_relay, chat_stomp));
  matching::register_routes(routes, members, matchings, pages);
  platform::openapi::register_routes(routes, config.openapi);  // it checks the document against the above
  // After the check: /metrics is the operators' (private network), not the API's, and exists only when enabled.
  if (config.observability.metrics) platform::http::add_metrics_route(routes, "daengtionary");

  platform::http::server server(contexts, config.http, routes, framework_error);
  const unsigned short port = server.start();
  spdlog::info("daengtionary listening on {}:{} ({})", config.http.address, port, config.http.tls ? "https" : "http");

  // After listening, so the first sweep (on the blocking pool) does not delay readiness. One instance sweeps at
  // start and every interval; a fleet (kv.url set) sweeps once per interval across its instances.
  platform::storage::sweeper sweeps(
      contexts.main().get_executor(), store, pool, [&db] { return db->run(referenced_image_keys); },
      config.storage_sweep);
  platform::jobs::scheduler jobs(contexts.main().get_executor(), *db, sweep_lease);
  if (config.kv_url.empty()) {
    sweeps.start();
  } else {
    add_storage_sweep(jobs, sweeps, config.storage_sweep);
    jobs.start();
  }

  contexts.run_until_signal([&server, &sweeps, &jobs] { return shut_down(&server, &sweeps, &jobs); });
  pool.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace daengtionary
