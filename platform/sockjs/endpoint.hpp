// What the routes of one SockJS endpoint share: its options, handler factory and session table.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "platform/http/router.hpp"
#include "platform/messaging/session_table.hpp"
#include "platform/sockjs/server.hpp"
#include "platform/sockjs/xhr_session.hpp"

namespace platform::sockjs {

struct endpoint {
  std::string prefix;
  handler_factory make_handler;
  server_options options;
  std::shared_ptr<const xhr_session_options> xhr_options;
  std::shared_ptr<messaging::session_table> sessions;
};

// The session id of a session URL under the endpoint's prefix; nullopt for any other path and for ids the
// protocol forbids (empty, with dots).
std::optional<std::string> session_id_of(const endpoint& sockjs, std::string_view path);

// The SockJS routes that are not WebSockets: greeting, /info, xhr, xhr_send, xhr_streaming and their preflights,
// and the 405s of the methods SockJS does not define on its transports' URLs.
void add_http_routes(http::router& routes, const std::shared_ptr<const endpoint>& sockjs);

// <prefix>/<server>/<session>/websocket: SockJS frames over a WebSocket.
http::websocket_endpoint framed_websocket_endpoint(const std::shared_ptr<const endpoint>& sockjs);

}  // namespace platform::sockjs
