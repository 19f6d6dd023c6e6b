// Test-only server for tests/e2e/platform/socketio.test.mjs and the public Socket.IO and Engine.IO protocol test
// suites (tests/support/README.md): by default configured as those suites expect of their reference server
// (pingInterval 300 ms, pingTimeout 200 ms, maxPayload 1,000,000, connectTimeout 1 s, CORS "*").
// Socket.IO at /socket.io/, namespaces "/" and "/custom", both served alike:
//   on connection          emits "auth" with the CONNECT's auth object ({} when none), 20 ms after the CONNECT answer:
//                          the suites' client (ws 8.5) drops a message that arrives in the same read as the one
//                          before it, which the reference server, one WebSocket write at a time, never sends so close
//                          behind
//   CONNECT with auth {"refuse":true} is refused ("Not authorized"); any other is accepted
//   "message" args...      emits "message-back" with the same args
//   "message-with-ack" args...  acknowledges with the same args
//   "echo" args...         emits "echo" with the same args back, and acknowledges with them
//   "join" room            joins the room; acknowledges ["joined", room]
//   "say" room, message    broadcasts "said" [message] to the room's other sockets
//   "bye"                  the server disconnects the socket (the whole session)
// Engine.IO alone at /engine.io/: each message is sent back as it came.
//   GET /stats             {"connected":N,"disconnected":N}, Socket.IO sockets of either namespace
// Usage: socketio_echo_server PORT (0: any free port). Prints "listening on PORT" once serving. Environment:
// SOCKETIO_PING_INTERVAL_MS, SOCKETIO_PING_TIMEOUT_MS, SOCKETIO_CONNECT_TIMEOUT_MS and SOCKETIO_MAX_PAYLOAD override
// the defaults above; SOCKETIO_IO_THREADS (1 by default: like the reference Node server, requests on different
// connections are handled in the order they arrive, which the suites' races between a poll and a POST assume). Only the
// two endpoints answer cross-origin requests; /stats follows the server-wide CORS policy, which is off.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/object.hpp>
#include <fmt/format.h>

#include "platform/http/server.hpp"
#include "platform/io/context_pool.hpp"
#include "platform/io/spawn.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "platform/socketio/socket_server.hpp"

namespace {

namespace http = platform::http;
namespace sio = platform::socketio;

class echo_app final : public sio::application {
 public:
  explicit echo_app(boost::asio::any_io_executor timers) : timers_(std::move(timers)) {}

  platform::asio::awaitable<bool> on_connect(std::shared_ptr<sio::socket>, boost::json::value auth) override {
    const bool refused = auth.is_object() && auth.as_object().contains("refuse");
    if (!refused) ++connected;
    co_return !refused;
  }

  void on_connected(const std::shared_ptr<sio::socket>& s) override {
    platform::asio::co_spawn(timers_, emit_auth(s, timers_), platform::io::log_failure("auth emit"));
  }

  platform::asio::awaitable<void> on_event(std::shared_ptr<sio::socket> s, std::string name, boost::json::array args,
                                           std::optional<sio::acknowledge> ack) override {
    if (name == "message") {
      s->emit("message-back", std::move(args));
    } else if (name == "message-with-ack") {
      if (ack) (*ack)(std::move(args));
    } else if (name == "echo") {
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

 private:
  static platform::asio::awaitable<void> emit_auth(std::shared_ptr<sio::socket> s,
                                                   boost::asio::any_io_executor timers) {
    boost::asio::steady_timer delay(timers, std::chrono::milliseconds(20));
    co_await delay.async_wait(platform::asio::use_awaitable);
    s->emit("auth", boost::json::array{s->auth().is_null() ? boost::json::value(boost::json::object()) : s->auth()});
  }

  boost::asio::any_io_executor timers_;
};

// The Engine.IO echo the Engine.IO test suite talks to.
class engine_echo final : public platform::messaging::handler {
 public:
  void on_open(std::shared_ptr<platform::messaging::connection>) override {}
  platform::asio::awaitable<void> on_message(std::shared_ptr<platform::messaging::connection> c,
                                             std::string message) override {
    c->send(std::move(message));
    co_return;
  }
  void on_close(std::shared_ptr<platform::messaging::connection>) override {}
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
  options.engine.ping_interval = millis_from_env("SOCKETIO_PING_INTERVAL_MS", std::chrono::milliseconds(300));
  options.engine.ping_timeout = millis_from_env("SOCKETIO_PING_TIMEOUT_MS", std::chrono::milliseconds(200));
  options.engine.max_payload = 1'000'000;
  if (const char* limit = std::getenv("SOCKETIO_MAX_PAYLOAD")) {
    options.engine.max_payload = static_cast<std::size_t>(std::atoll(limit));
  }
  options.cors = http::cors_policy{};  // any origin
  sio::socket_options socket_options;
  socket_options.connect_timeout = millis_from_env("SOCKETIO_CONNECT_TIMEOUT_MS", std::chrono::milliseconds(1000));

  const char* threads = std::getenv("SOCKETIO_IO_THREADS");
  platform::io::context_pool contexts(threads == nullptr ? 1 : static_cast<std::size_t>(std::atoi(threads)));
  platform::kv::in_process_pubsub bus;
  echo_app app(contexts.main().get_executor());
  sio::socket_server sockets(bus, app, socket_options);
  sockets.add_namespace("/custom", app);
  http::router routes;
  sio::register_endpoint(routes, "/socket.io", sockets.factory(), options);
  sio::register_endpoint(
      routes, "/engine.io",
      [](const sio::session_request&) -> std::shared_ptr<platform::messaging::handler> {
        return std::make_shared<engine_echo>();
      },
      options);
  routes.add(http::verb::get, "/stats", [&app](http::request) -> platform::asio::awaitable<http::response> {
    co_return http::json_response(http::status::ok, fmt::format(R"({{"connected":{},"disconnected":{}}})",
                                                                app.connected.load(), app.disconnected.load()));
  });

  http::server_options server_options;
  server_options.address = "127.0.0.1";
  server_options.port = static_cast<unsigned short>(std::atoi(argv[1]));
  server_options.access_log = false;
  server_options.drain_timeout = std::chrono::seconds(5);
  server_options.cors.allowed_origins.clear();
  http::server server(contexts, server_options, routes,
                      [](const http::problem& p) { return http::text_response(p.code, std::string(p.message)); });
  std::printf("listening on %u\n", server.start());
  std::fflush(stdout);
  contexts.run_until_signal([&server]() -> platform::asio::awaitable<void> { co_await server.drain(); });
  return 0;
}
