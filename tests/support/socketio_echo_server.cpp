// Test-only server for tests/e2e/platform/socketio.test.mjs: a Socket.IO endpoint for the real socket.io-client.
//   CONNECT with auth {"refuse":true} is refused; any other is accepted
//   "echo" args...        emits "echo" with the same args back, and acknowledges with them
//   "join" room           joins the room; acknowledges ["joined", room]
//   "say" room, message   broadcasts "said" [message] to the room's other sockets
//   "bye"                 the server disconnects the socket
//   GET /stats            {"connected":N,"disconnected":N}
// Usage: socketio_echo_server PORT (0: any free port). Prints "listening on PORT" once serving. Environment:
// SOCKETIO_PING_INTERVAL_MS and SOCKETIO_PING_TIMEOUT_MS override the Engine.IO defaults; SOCKETIO_MAX_PAYLOAD
// the largest message.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "platform/http/server.hpp"
#include "platform/io/context_pool.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "platform/socketio/socket_server.hpp"

namespace {

namespace http = platform::http;
namespace sio = platform::socketio;

class echo_app final : public sio::application {
 public:
  platform::asio::awaitable<bool> on_connect(std::shared_ptr<sio::socket>, boost::json::value auth) override {
    const bool refused = auth.is_object() && auth.as_object().contains("refuse");
    if (!refused) ++connected;
    co_return !refused;
  }

  platform::asio::awaitable<void> on_event(std::shared_ptr<sio::socket> s, std::string name, boost::json::array args,
                                           std::optional<sio::acknowledge> ack) override {
    if (name == "echo") {
      s->emit("echo", args);
      if (ack) (*ack)(args);
    } else if (name == "join" && !args.empty() && args[0].is_string()) {
      const std::string room(args[0].get_string());
      s->join(room);
      if (ack) (*ack)(boost::json::array{"joined", room});
    } else if (name == "say" && args.size() == 2 && args[0].is_string()) {
      s->broadcast(args[0].get_string(), "said", boost::json::array{args[1]});
    } else if (name == "bye") {
      s->disconnect();
    }
    co_return;
  }

  void on_disconnect(const std::shared_ptr<sio::socket>&) override { ++disconnected; }

  std::atomic<int> connected{0};
  std::atomic<int> disconnected{0};
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
  sio::server_options options;
  options.engine.ping_interval = millis_from_env("SOCKETIO_PING_INTERVAL_MS", options.engine.ping_interval);
  options.engine.ping_timeout = millis_from_env("SOCKETIO_PING_TIMEOUT_MS", options.engine.ping_timeout);
  if (const char* limit = std::getenv("SOCKETIO_MAX_PAYLOAD")) {
    options.engine.max_payload = static_cast<std::size_t>(std::atoll(limit));
  }

  platform::io::context_pool contexts(2);
  platform::kv::in_process_pubsub bus;
  echo_app app;
  sio::socket_server sockets(bus, app);
  http::router routes;
  sio::register_endpoint(routes, "/socket.io", sockets.factory(), options);
  routes.add(http::verb::get, "/stats", [&app](http::request) -> platform::asio::awaitable<http::response> {
    co_return http::json_response(http::status::ok, fmt::format(R"({{"connected":{},"disconnected":{}}})",
                                                                app.connected.load(), app.disconnected.load()));
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
