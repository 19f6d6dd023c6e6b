// A SockJS 0.3.3 endpoint on an http::router, as sockjs-client 1.6 uses it: /info, the websocket transport
// (framed and raw), xhr_streaming, xhr polling and xhr_send, with sessions that implement messaging::connection.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "platform/http/message.hpp"
#include "platform/http/router.hpp"
#include "platform/messaging/connection.hpp"
#include "platform/sockjs/incoming.hpp"
#include "platform/sockjs/streaming.hpp"
#include "platform/ws/session.hpp"

namespace platform::sockjs {

// What a handler factory learns about the request that opens a session.
struct session_request {
  std::string path;  // e.g. /wss/chat/123/abcdefgh/xhr_streaming
  http::params query;
  std::string remote_ip;
  std::string id;  // request id, as in the access log
};

// Returns the protocol handler (STOMP, echo, ...) for a new session, or nullptr to refuse it (403).
using handler_factory = std::function<std::shared_ptr<messaging::handler>(const session_request&)>;

struct server_options {
  // An `h` frame goes to an idle receiver this often, so proxies keep the response open; a polling request
  // waits this long for messages before it is answered with `h`.
  std::chrono::milliseconds heartbeat_interval{25'000};
  // A session with no receiving request for this long is closed (its handler's on_close runs); a closed session
  // answers its close frame for this long before its id is forgotten.
  std::chrono::milliseconds disconnect_delay{5'000};
  std::size_t max_body_bytes = default_max_body_bytes;  // xhr_send bodies and framed WebSocket messages
  std::size_t streaming_byte_limit = xhr_streaming_byte_limit;
  // Sessions of every transport but the raw WebSocket, closed ones still answering included: past this, new
  // sessions are refused with 503 (xhr) or 403 (websocket).
  std::size_t max_sessions = 10'000;
  // Send queue of an xhr session, as ws::session_options; the WebSocket transport uses `websocket`'s.
  std::size_t queue_max_messages = 1024;
  std::size_t queue_max_bytes = 4 * 1024 * 1024;
  std::uint16_t overflow_code = messaging::close_codes::try_again_later;
  // Off: /info says "websocket":false and both WebSocket URLs answer 404, so clients fall back to xhr at once
  // (for load balancers that cannot carry WebSockets).
  bool websocket_enabled = true;
  // On: /info says "cookie_needed":true and the xhr transports set JSESSIONID (the request's own, else "dummy"),
  // for load balancers that stick sessions only by that cookie.
  bool cookie_needed = false;
  ws::session_options websocket;
};

// Registers the SockJS routes under `prefix` ("/wss/chat", no trailing slash) and a drain hook that closes every
// session with 1001 "Server shutting down" when the server drains. Every session gets one handler from
// `make_handler`; its callbacks run on the session's executor (the I/O thread of the request that opened it).
void register_endpoint(http::router& routes, std::string prefix, handler_factory make_handler,
                       server_options options = {});

}  // namespace platform::sockjs
