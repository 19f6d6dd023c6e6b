// Mapping config keys to settings, with their defaults and ranges.
#include "apps/daengtionary/settings.hpp"

#include "platform/auth/settings.hpp"
#include "platform/config/reader.hpp"
#include "platform/http/server_config.hpp"
#include "platform/obs/settings.hpp"
#include "platform/openapi/settings.hpp"

namespace daengtionary {

settings load_settings(platform::config::reader& config) {
  settings s;

  auto http =
      platform::http::read_server_config(config, 8080, {"Authorization", "Refresh-Token", "Access-Token-Expire-Time"});
  s.http = std::move(http.options);
  s.io_threads = http.io_threads;

  s.blocking_threads = static_cast<std::size_t>(config.integer("blocking.threads", 8, 1, 256));
  s.blocking_max_pending = static_cast<std::size_t>(config.integer("blocking.max_pending", 10000, 1, 1000000));

  s.sql_url = config.text("sql.url", "sqlite:var/daengtionary/daengtionary.db");
  s.sql_max_connections = static_cast<std::size_t>(config.integer("sql.max_connections", 8, 1, 256));
  s.migrations = config.text("sql.migrations", "migrations/daengtionary");
  s.kv_url = config.text("kv.url", "");

  s.jwt_key = platform::auth::read_jwt_key(config, "DAENGTIONARY_JWT_SECRET");

  // An image is at most one request body: that bounds what reading it back from S3 may take.
  s.storage = platform::storage::read_store_settings(config, "var/daengtionary/images", s.http.body_limit);
  constexpr std::int64_t day = 24 * 3600;
  s.storage_sweep.grace = std::chrono::seconds(config.integer("storage.sweep_grace_seconds", 3600, 0, 30 * day));
  s.storage_sweep.interval = std::chrono::seconds(config.integer("storage.sweep_interval_seconds", 3600, 0, 30 * day));
  s.storage_sweep.max_removals =
      static_cast<std::size_t>(config.integer("storage.sweep_max_removals", 1000, 1, 1000000));

  s.kakao = platform::auth::read_kakao_settings(config);
  s.admin_code = config.optional_text("member.admin_code");
  s.openapi = platform::openapi::read_settings(config, "apps/daengtionary/api/openapi.json");
  s.log_level = config.text("log.level", "info");
  s.observability = platform::obs::read_observability_settings(config);
  config.finish();
  return s;
}

}  // namespace daengtionary
