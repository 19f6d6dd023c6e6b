// Routing of request paths under a SockJS prefix (e.g. /wss/chat) to the protocol's endpoints.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace platform::sockjs {

enum class transport {
  websocket,
  xhr,  // xhr-polling receive
  xhr_send,
  xhr_streaming,
  unsupported,  // a transport SockJS defines that we do not serve (eventsource, htmlfile, jsonp, ...)
};

struct greeting_route {};       // <prefix> or <prefix>/: "Welcome to SockJS!\n"
struct info_route {};           // <prefix>/info
struct iframe_route {};         // <prefix>/iframe.html, <prefix>/iframe-<version>.html
struct raw_websocket_route {};  // <prefix>/websocket: plain WebSocket, no SockJS framing

struct session_route {
  std::string server_id;  // for load balancers only; the server ignores it
  std::string session_id;
  sockjs::transport transport;
};

using route = std::variant<greeting_route, info_route, iframe_route, raw_websocket_route, session_route>;

// `prefix` without a trailing slash, `path` without the query string. nullopt for any path the
// protocol does not define (the caller answers 404): wrong prefix, empty or dotted ids, unknown
// transport names, extra or missing segments, trailing slashes.
std::optional<route> parse_path(std::string_view prefix, std::string_view path);

}  // namespace platform::sockjs
