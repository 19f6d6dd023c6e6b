// Serving one accepted connection, plain or TLS, and the per-request dispatch behind it.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "platform/http/detail/connections.hpp"
#include "platform/http/server.hpp"

namespace platform::http::detail {

// Shared by the listener and every session; read-only after start() except `draining` and `live`.
struct server_context {
  server_options options;
  const router& routes;
  error_renderer render_error;
  std::atomic<bool> draining{false};
  connections live;
};

asio::awaitable<void> serve_plain(asio::ip::tcp::socket socket, std::shared_ptr<server_context> context);
asio::awaitable<void> serve_tls(asio::ip::tcp::socket socket, std::shared_ptr<asio::ssl::context> tls,
                                std::shared_ptr<server_context> context);

// Routes one request and turns every failure into a response; never throws.
asio::awaitable<response> respond(server_context& context, raw_request raw, std::string remote_ip,
                                  std::string request_id);

}  // namespace platform::http::detail
