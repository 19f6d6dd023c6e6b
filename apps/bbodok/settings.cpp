// Mapping config keys to settings, with their defaults and ranges.
#include "apps/bbodok/settings.hpp"

#include "platform/auth/settings.hpp"
#include "platform/config/reader.hpp"
#include "platform/http/server_config.hpp"
#include "platform/obs/settings.hpp"
#include "platform/openapi/settings.hpp"
#include "platform/push/settings.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok {

settings load_settings(platform::config::reader& config) {
  settings s;

  auto http = platform::http::read_server_config(config, 8081, {});
  s.http = std::move(http.options);
  s.io_threads = http.io_threads;

  s.blocking_threads = static_cast<std::size_t>(config.integer("blocking.threads", 8, 1, 256));
  s.blocking_max_pending = static_cast<std::size_t>(config.integer("blocking.max_pending", 10000, 1, 1000000));

  s.sql_url = config.text("sql.url", "sqlite:var/bbodok/bbodok.db");
  s.sql_max_connections = static_cast<std::size_t>(config.integer("sql.max_connections", 8, 1, 256));
  s.migrations = config.text("sql.migrations", "migrations/bbodok");
  s.kv_url = config.text("kv.url", "");

  s.jwt_key = platform::auth::read_jwt_key(config, "BBODOK_JWT_SECRET");
  constexpr std::int64_t day = 24 * 3600;
  // The frontend never stores a refreshed token (contract §1), so the access token's lifetime is the session's.
  s.access_token_lifetime = std::chrono::seconds(config.integer("jwt.access_ttl_seconds", day / 2, 60, 30 * day));
  s.refresh_token_lifetime = std::chrono::seconds(config.integer("jwt.refresh_ttl_seconds", 14 * day, 60, 365 * day));

  s.kakao = platform::auth::read_kakao_settings(config);
  s.dev_login = config.boolean("member.dev_login", false);
  s.livekit = platform::auth::read_livekit_settings(config);
  s.push = platform::push::read_fcm_settings(config);
  s.push_max_attempts = config.integer("push.max_attempts", 5, 1, 100);
  s.chat.open_before = std::chrono::minutes(config.integer("live.open_before_minutes", 10, 0, 24 * 60));
  s.chat.max_message_bytes = static_cast<std::size_t>(config.integer("chat.max_message_bytes", 4096, 64, 1 << 20));
  s.chat.messages_per_second = static_cast<double>(config.integer("chat.messages_per_second", 5, 1, 1000));
  s.chat.burst = static_cast<double>(config.integer("chat.burst", 20, 1, 10000));
  s.withdrawal.workers = static_cast<std::size_t>(config.integer("withdrawal.workers", 2, 1, 64));
  s.withdrawal.queue = static_cast<std::size_t>(config.integer("withdrawal.queue", 64, 1, 100000));
  s.withdrawal.poll = std::chrono::milliseconds(config.integer("withdrawal.poll_ms", 1000, 10, 3'600'000));
  s.withdrawal.retry_first =
      std::chrono::milliseconds(config.integer("withdrawal.retry_first_ms", 1000, 10, 3'600'000));
  s.withdrawal.retry_max =
      std::chrono::milliseconds(config.integer("withdrawal.retry_max_ms", 600'000, 10, 86'400'000));
  s.withdrawal.unlink_lease =
      std::chrono::milliseconds(config.integer("withdrawal.unlink_lease_ms", 60'000, 100, 3'600'000));
  s.openapi = platform::openapi::read_settings(config, "apps/bbodok/api/openapi.json");
  s.log_level = config.text("log.level", "info");
  s.observability = platform::obs::read_observability_settings(config);
  if (const auto start = config.optional_text("clock.start")) {
    s.clock_start = platform::time::parse_seoul_local_datetime(*start);
    if (!s.clock_start) throw platform::config::config_error("clock.start: expected a Seoul local date-time");
  }
  config.finish();
  return s;
}

}  // namespace bbodok
