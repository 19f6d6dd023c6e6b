// An Engine.IO v4 endpoint on an http::router, as socket.io-client 4 uses it: the polling handshake, HTTP
// long-polling (GET receives, POST sends), WebSocket, and the upgrade from polling to WebSocket. Each session is
// a messaging::connection carrying Engine.IO messages to a protocol handler (Socket.IO, see socket_server.hpp).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "platform/http/cors.hpp"
#include "platform/http/message.hpp"
#include "platform/http/router.hpp"
#include "platform/messaging/connection.hpp"
#include "platform/socketio/engine_session.hpp"
#include "platform/ws/session.hpp"

namespace platform::socketio {

// What a handler factory learns about the request that opens a session.
struct session_request {
  http::params query;
  std::string remote_ip;
  std::string id;  // request id, as in the access log
};

// Returns the protocol handler for a new session, or nullptr to refuse it (403).
using handler_factory = std::function<std::shared_ptr<messaging::handler>(const session_request&)>;

struct server_options {
  engine_options engine;
  std::size_t max_sessions = 10'000;  // past it, handshakes are refused with 503
  bool websocket_enabled = true;
  ws::session_options websocket;  // read_message_max is set from engine.max_payload
  std::string instance_name;      // non-empty: sids are "<instance_name>.<random>" (http.instance_name)
  // Set: the endpoint's own CORS policy (the reference server's `cors` option): it answers its preflights (OPTIONS)
  // and puts Access-Control-Allow-Origin on its responses by this policy, whatever the server-wide one says. Unset:
  // the server-wide policy applies, as on every route.
  std::optional<http::cors_policy> cors;
};

// Registers GET and POST on `path` ("/socket.io": the router drops the trailing slash) and its WebSocket
// endpoint, and a drain hook that closes every session. Errors are answered as the reference server does:
// 400 {"code":0,"message":"Transport unknown"}, 1 "Session ID unknown", 2 "Bad handshake method",
// 3 "Bad request", 5 "Unsupported protocol version"; 413 for a body over maxPayload. Other methods (PUT, PATCH,
// DELETE) are 400 "Bad handshake method" too.
void register_endpoint(http::router& routes, const std::string& path, handler_factory make_handler,
                       server_options options = {});

}  // namespace platform::socketio
