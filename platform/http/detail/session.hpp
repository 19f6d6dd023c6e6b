// Serving one accepted connection, plain or TLS, and the per-request dispatch behind it.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "platform/http/detail/connections.hpp"
#include "platform/http/server.hpp"
#include "platform/http/target.hpp"

namespace platform::http::detail {

// Shared by the listener and every session; read-only after start() except `ready`, `draining`, `live` and
// `handlers`.
struct server_context {
  // For make_shared: clang 14, which clang-tidy uses, cannot initialise an aggregate from parentheses.
  server_context(server_options opts, const router& table, error_renderer renderer)
      : options(std::move(opts)), routes(table), render_error(std::move(renderer)) {}

  server_options options;
  const router& routes;
  error_renderer render_error;
  std::atomic<bool> ready{false};     // readiness: set by start(), cleared by drain()
  std::atomic<bool> draining{false};  // from drain() on, every response closes its connection
  connections live;
  // Handlers still running, those past their deadline included: drain() waits for them too, since they
  // use the app's services.
  std::atomic<std::size_t> handlers{0};
};

// `live` is the connection's place in context->live, taken by the listener when it accepted the socket.
asio::awaitable<void> serve_plain(asio::ip::tcp::socket socket, connections::membership live,
                                  std::shared_ptr<server_context> context);
asio::awaitable<void> serve_tls(asio::ip::tcp::socket socket, connections::membership live,
                                std::shared_ptr<asio::ssl::context> tls, std::shared_ptr<server_context> context);

// What respond() answers, and the metrics of the route that answered it (http_route::unmatched() when none did).
struct answered {
  answered(response answer, const obs::http_route& by) : res(std::move(answer)), route(&by) {}
  response res;
  const obs::http_route* route;
};

// Routes one request and turns every failure into a response, a handler that misses its deadline
// included (503); never throws. `target` is raw's target parsed (nullopt: malformed).
asio::awaitable<answered> respond(std::shared_ptr<server_context> shared, raw_request raw,
                                  std::optional<parsed_target> target, std::string remote_ip, std::string request_id);

// The readiness probe's answer when `target` is options.readiness_path (GET and HEAD; other methods 405),
// else nullopt.
std::optional<response> answer_readiness(const server_context& context, const raw_request& raw,
                                         const parsed_target& target);

}  // namespace platform::http::detail
