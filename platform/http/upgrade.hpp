// The hand-over of an upgraded connection from the HTTP server to a WebSocket endpoint (platform::ws).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "platform/http/message.hpp"
#include "platform/io/asio.hpp"

namespace platform::http {

using plain_stream = boost::beast::tcp_stream;
using tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// What the server knows about an upgrade request it hands over.
struct upgrade_request {
  raw_request raw;     // the whole request, header read and body empty: give it to websocket::stream::accept
  std::string path;    // percent-decoded, without a trailing slash
  params query;        // as in request::query
  params path_params;  // captured `{name}` segments of the WebSocket route
  std::string remote_ip;
  std::string id;  // request id, as in the access log
  // The endpoint stores here what to do when the server drains (close with 1001 going-away). The server
  // calls it on the connection's executor, possibly more than once and before the handshake has finished.
  std::shared_ptr<std::function<void()>> on_drain = std::make_shared<std::function<void()>>();
};

// Type-erased so that platform::http does not depend on platform::ws. Each coroutine owns the stream
// from then on and returns when the connection is over; the server counts the connection as live until then.
// An endpoint without `tls` refuses upgrades on a TLS server (the connection is closed).
struct websocket_endpoint {
  std::function<asio::awaitable<void>(plain_stream, upgrade_request)> plain;
  std::function<asio::awaitable<void>(tls_stream, upgrade_request)> tls;
};

}  // namespace platform::http
