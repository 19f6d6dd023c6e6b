// Bbodok's configuration, read and validated once at start (config/bbodok.toml + environment).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "apps/bbodok/chat/settings.hpp"
#include "apps/bbodok/withdrawal/settings.hpp"
#include "platform/auth/kakao.hpp"
#include "platform/auth/livekit.hpp"
#include "platform/http/server.hpp"
#include "platform/obs/settings.hpp"
#include "platform/openapi/settings.hpp"
#include "platform/push/fcm.hpp"

namespace platform::config {
class reader;
}

namespace bbodok {

struct settings {
  platform::http::server_options http;
  std::size_t io_threads = 0;
  std::size_t blocking_threads = 8;
  std::size_t blocking_max_pending = 10000;
  std::string sql_url;
  std::size_t sql_max_connections = 8;
  std::filesystem::path migrations;
  std::string kv_url;   // empty: in-process pub/sub, caches, leaderboards; "redis://host:port[/db]": Redis
  std::string jwt_key;  // decoded bytes of the Base64 `jwt.secret`
  std::chrono::seconds access_token_lifetime{};
  std::chrono::seconds refresh_token_lifetime{};
  std::optional<platform::auth::kakao_settings> kakao;  // unset: Kakao login answers 503
  bool dev_login = false;  // POST /api/v1/members/dev-login: for machines without Kakao credentials
  std::optional<platform::auth::livekit_settings> livekit;  // unset: the video routes answer 503
  std::optional<platform::push::fcm_settings> push;         // unset: web pushes are off
  std::int64_t push_max_attempts = 5;                       // sends of one notification before it is given up
  chat::chat_settings chat;  // its open_before is also the video rooms' (a room's live window)
  withdrawal::withdrawal_settings withdrawal;
  platform::openapi::settings openapi;  // GET /v3/api-docs and /swagger-ui/
  std::string log_level;
  platform::obs::observability_settings observability;  // log.format, metrics.enabled
  std::optional<std::int64_t> clock_start;              // test-only `clock.start`: the wall clock's reading at start
};

// Reads every key (the reader records what it read, for check-config) and rejects unknown ones; throws
// platform::config::config_error naming the offending key.
settings load_settings(platform::config::reader& config);

}  // namespace bbodok
