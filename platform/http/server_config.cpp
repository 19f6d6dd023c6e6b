// The shared `[http]` config section.
#include "platform/http/server_config.hpp"

#include <algorithm>
#include <string_view>

#include "platform/config/reader.hpp"

namespace platform::http {
namespace {

bool is_instance_name(std::string_view name) {
  return name.size() <= 32 && std::ranges::all_of(name, [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
         });
}

}  // namespace

server_config read_server_config(config::reader& config, unsigned short default_port,
                                 std::vector<std::string> exposed_headers) {
  server_config result;
  server_options& http = result.options;
  http.address = config.text("http.address", "0.0.0.0");
  http.port = static_cast<unsigned short>(config.integer("http.port", default_port, 0, 65535));
  http.body_limit = static_cast<std::size_t>(config.integer("http.body_limit_mb", 25, 1, 1024)) * 1024 * 1024;
  http.access_log = config.boolean("http.access_log", true);
  http.handler_timeout = std::chrono::seconds(config.integer("http.handler_timeout_s", 30, 1, 3600));
  http.drain_delay = std::chrono::seconds(config.integer("http.drain_delay_s", 3, 0, 600));
  http.drain_timeout = std::chrono::seconds(config.integer("http.drain_timeout_s", 20, 1, 3600));
  http.instance_name = config.text("http.instance_name", "");
  if (!is_instance_name(http.instance_name)) {
    throw config::config_error(
        "config key 'http.instance_name': letters, digits, '-' and '_' only, at most 32 (a proxy routes by it)");
  }
  http.max_connections = static_cast<std::size_t>(config.integer("http.max_connections", 0, 0, 10'000'000));
  http.cors.allowed_origins = config.texts("http.cors_origins", {"*"});
  http.cors.exposed_headers = std::move(exposed_headers);
  auto certificate = config.optional_text("http.tls.certificate");
  auto private_key = config.optional_text("http.tls.private_key");
  if (certificate.has_value() != private_key.has_value()) {
    throw config::config_error("config keys 'http.tls.certificate' and 'http.tls.private_key' go together");
  }
  if (certificate) http.tls = tls_files{*certificate, *private_key};
  result.io_threads = static_cast<std::size_t>(config.integer("http.io_threads", 0, 0, 256));
  return result;
}

}  // namespace platform::http
