// Reads the `[http]` section every app's config file shares into server_options.
#pragma once

#include <cstddef>

#include "platform/http/server.hpp"

namespace platform::config {
class reader;
}

namespace platform::http {

struct server_config {
  server_options options;
  std::size_t io_threads = 0;  // 0: one per core
};

// Keys: http.address, http.port, http.io_threads, http.body_limit_mb, http.access_log, http.cors_origins,
// http.handler_timeout_s (default 30), http.max_connections (default 0: derived from the file-descriptor
// limit), http.drain_delay_s (default 3), http.drain_timeout_s (default 20), http.instance_name (default
// empty), http.tls.certificate + http.tls.private_key. `exposed_headers` are the headers the frontend must read.
server_config read_server_config(config::reader& config, unsigned short default_port,
                                 std::vector<std::string> exposed_headers);

}  // namespace platform::http
