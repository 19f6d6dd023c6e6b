// Registration of a SockJS endpoint: its routes, WebSocket endpoints and drain hook.
#include "platform/sockjs/server.hpp"

#include <variant>

#include "platform/http/upgrade.hpp"
#include "platform/sockjs/endpoint.hpp"
#include "platform/sockjs/url.hpp"

namespace platform::sockjs {

std::optional<std::string> session_id_of(const endpoint& sockjs, std::string_view path) {
  auto parsed = parse_path(sockjs.prefix, path);
  auto* session = parsed ? std::get_if<session_route>(&*parsed) : nullptr;
  if (session == nullptr) return std::nullopt;
  return std::move(session->session_id);
}

void register_endpoint(http::router& routes, std::string prefix, handler_factory make_handler, server_options options) {
  auto xhr_options = std::make_shared<const xhr_session_options>(
      xhr_session_options{options.heartbeat_interval, options.disconnect_delay, options.queue_max_messages,
                          options.queue_max_bytes, options.overflow_code});
  auto sessions = std::make_shared<messaging::session_table>(options.max_sessions);
  auto sockjs = std::make_shared<const endpoint>(
      endpoint{std::move(prefix), std::move(make_handler), std::move(options), std::move(xhr_options), sessions});

  add_http_routes(routes, sockjs);
  if (sockjs->options.websocket_enabled) {
    routes.add_websocket(sockjs->prefix + "/{server}/{session}/websocket", framed_websocket_endpoint(sockjs));
    // Raw WebSocket: the handler's messages go as they are, so it is an ordinary ws::endpoint.
    auto raw_factory = [sockjs](const http::upgrade_request& up) {
      return sockjs->make_handler(session_request{up.path, up.query, up.remote_ip, up.id});
    };
    routes.add_websocket(sockjs->prefix + "/websocket", ws::endpoint(raw_factory, sockjs->options.websocket));
  }
  routes.on_drain([sessions] { sessions->close_all(messaging::close_codes::going_away, "Server shutting down"); });
}

}  // namespace platform::sockjs
