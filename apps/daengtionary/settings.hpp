// Daengtionary's configuration, read and validated once at start (config/daengtionary.toml + environment).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "platform/auth/kakao.hpp"
#include "platform/http/server.hpp"
#include "platform/obs/settings.hpp"
#include "platform/openapi/settings.hpp"
#include "platform/storage/open.hpp"
#include "platform/storage/sweep.hpp"

namespace platform::config {
class reader;
}

namespace daengtionary {

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
  platform::storage::store_settings storage;  // local disk, or an S3 bucket (storage.url)
  platform::storage::sweep_settings storage_sweep;
  std::optional<platform::auth::kakao_settings> kakao;  // unset: Kakao login answers 503
  std::optional<std::string> admin_code;                // unset: nobody can sign up as ADMIN
  platform::openapi::settings openapi;                  // GET /v3/api-docs and /swagger-ui/
  std::string log_level;
  platform::obs::observability_settings observability;  // log.format, metrics.enabled
};

// Reads every key (the reader records what it read, for check-config) and rejects unknown ones; throws
// platform::config::config_error naming the offending key.
settings load_settings(platform::config::reader& config);

}  // namespace daengtionary
