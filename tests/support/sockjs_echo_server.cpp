// Test-only server for tests/e2e/platform/sockjs.test.mjs and the public SockJS protocol suite (see
// tests/support/README.md): SockJS echo endpoints for the real sockjs-client.
//   /echo                     echoes every message; "burst N" answers with N numbered messages
//   /disabled_websocket_echo  /echo with the WebSocket transport off
//   /cookie_needed_echo       /echo with cookie_needed: the xhr transports set JSESSIONID
//   /close                    closes every session as it opens with 3000 "Go away!" (the protocol suite's `close`)
//   /close_after_echo         echoes the first message, then closes the session with 4001 "closing after first message"
//   GET /stats  {"opened":N,"closed":N}: how many sessions the handlers saw open and close
// Usage: sockjs_echo_server PORT (0: any free port). Prints "listening on PORT" once serving. Environment:
// SOCKJS_HEARTBEAT_MS, SOCKJS_DISCONNECT_DELAY_MS and SOCKJS_STREAMING_LIMIT override the SockJS defaults.
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "platform/http/server.hpp"
#include "platform/io/context_pool.hpp"
#include "platform/sockjs/server.hpp"

namespace {

namespace http = platform::http;
namespace messaging = platform::messaging;
namespace sockjs = platform::sockjs;

struct counters {
  std::atomic<int> opened{0};
  std::atomic<int> closed{0};
};

enum class behaviour { echo, close_at_open, close_after_echo };

class echo_handler : public messaging::handler {
 public:
  echo_handler(counters& seen, behaviour does) : seen_(seen), does_(does) {}

  void on_open(std::shared_ptr<messaging::connection> c) override {
    ++seen_.opened;
    if (does_ == behaviour::close_at_open) c->close(3000, "Go away!");  // what the protocol suite expects
  }

  platform::asio::awaitable<void> on_message(std::shared_ptr<messaging::connection> c, std::string message) override {
    if (message.starts_with("burst ")) {
      std::size_t count = 0;
      std::from_chars(message.data() + 6, message.data() + message.size(), count);
      for (std::size_t i = 0; i < count; ++i) c->send(std::to_string(i));
    } else {
      c->send(std::move(message));
    }
    if (does_ == behaviour::close_after_echo) c->close(4001, "closing after first message");
    co_return;
  }

  void on_close(std::shared_ptr<messaging::connection>) override { ++seen_.closed; }

 private:
  counters& seen_;
  behaviour does_;
};

std::chrono::milliseconds millis_from_env(const char* name, std::chrono::milliseconds fallback) {
  const char* value = std::getenv(name);
  return value == nullptr ? fallback : std::chrono::milliseconds(std::atoll(value));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  counters seen;
  sockjs::server_options options;
  options.heartbeat_interval = millis_from_env("SOCKJS_HEARTBEAT_MS", options.heartbeat_interval);
  options.disconnect_delay = millis_from_env("SOCKJS_DISCONNECT_DELAY_MS", options.disconnect_delay);
  if (const char* limit = std::getenv("SOCKJS_STREAMING_LIMIT")) {
    options.streaming_byte_limit = static_cast<std::size_t>(std::atoll(limit));
  }
  options.websocket.read_message_max = 1024 * 1024;
  options.max_body_bytes = 1024 * 1024;

  platform::io::context_pool contexts(2);
  http::router routes;
  const auto serve = [&routes, &seen](std::string prefix, behaviour does, const sockjs::server_options& with) {
    sockjs::register_endpoint(
        routes, std::move(prefix),
        [&seen, does](const sockjs::session_request&) { return std::make_shared<echo_handler>(seen, does); }, with);
  };
  serve("/echo", behaviour::echo, options);
  serve("/close", behaviour::close_at_open, options);
  serve("/close_after_echo", behaviour::close_after_echo, options);
  auto websocket_off = options;
  websocket_off.websocket_enabled = false;
  serve("/disabled_websocket_echo", behaviour::echo, websocket_off);
  auto cookie_needed = options;
  cookie_needed.cookie_needed = true;
  serve("/cookie_needed_echo", behaviour::echo, cookie_needed);
  routes.add(http::verb::get, "/stats", [&seen](http::request) -> platform::asio::awaitable<http::response> {
    co_return http::json_response(
        http::status::ok, fmt::format(R"({{"opened":{},"closed":{}}})", seen.opened.load(), seen.closed.load()));
  });

  http::server_options server_options;
  server_options.address = "127.0.0.1";
  server_options.port = static_cast<unsigned short>(std::atoi(argv[1]));
  server_options.access_log = false;
  server_options.drain_timeout = std::chrono::seconds(5);
  http::server server(contexts, server_options, routes,
                      [](const http::problem& p) { return http::text_response(p.code, std::string(p.message)); });
  std::printf("listening on %u\n", server.start());
  std::fflush(stdout);
  contexts.run_until_signal([&server]() -> platform::asio::awaitable<void> { co_await server.drain(); });
  return 0;
}
