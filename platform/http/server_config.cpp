// The shared `[http]` config section.
#include "platform/http/server_config.hpp"

#include "platform/config/reader.hpp"

namespace platform::http {

server_config read_server_config(config::reader& config, unsigned short default_port,
                                 std::vector<std::string> exposed_headers) {
  server_config result;
  server_options& http = result.options;
  http.address = config.text("http.address", "0.0.0.0");
  http.port = static_cast<unsigned short>(config.integer("http.port", default_port, 0, 65535));
  http.body_limit = static_cast<std::size_t>(config.integer("http.body_limit_mb", 25, 1, 1024)) * 1024 * 1024;
  http.access_log = config.boolean("http.access_log", true);
  http.handler_timeout = std::chrono::seconds(config.integer("http.handler_timeout_s", 30, 1, 3600));
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
