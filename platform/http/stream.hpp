// Streamed responses: a route kind whose handler writes its response in pieces (long-lived HTTP streams).
#pragma once

#include <functional>
#include <string_view>

#include "platform/http/message.hpp"
#include "platform/io/asio.hpp"

namespace platform::http {

// What a stream handler writes to. Calls run on the connection's executor, one at a time; every write has
// the server's read_timeout as deadline, so a peer that stops reading cannot hold the connection forever.
// The connection closes after a streamed response (it says `Connection: close`).
class response_writer {
 public:
  virtual ~response_writer() = default;

  // A whole response instead of a stream (a refusal, an error). Returns false when the peer is gone.
  virtual asio::awaitable<bool> respond(response whole) = 0;

  // The header of a chunked response; the server adds its CORS headers unless `head` sets its own, like for
  // whole responses. Then write() each piece and finish() it. Each returns false when the peer is gone.
  virtual asio::awaitable<bool> start(response head) = 0;
  virtual asio::awaitable<bool> write(std::string_view chunk) = 0;
  virtual asio::awaitable<bool> finish() = 0;
};

// Runs once the whole request (body included) has been read. The handler owns the connection until it returns;
// the server counts it as live and not idle, so drain() waits for it: an endpoint whose streams can last long
// ends them from a router::on_drain hook. A handler that neither responds nor starts gets a 500.
using stream_handler = std::function<asio::awaitable<void>(request, response_writer&)>;

}  // namespace platform::http
