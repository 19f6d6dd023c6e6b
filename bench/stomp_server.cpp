// A small STOMP-over-WebSocket server for bench/stomp_fanout: the real broker and sessions behind platform::http,
// with an application that lets everybody in and relays SEND /pub/bench to the broker destination in `to`.
#include <iostream>

#include <CLI/CLI.hpp>

#include "platform/http/server.hpp"
#include "platform/io/context_pool.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "platform/obs/logging.hpp"
#include "platform/stomp/handler_factory.hpp"
#include "platform/ws/session.hpp"

namespace {

namespace stomp = platform::stomp;
namespace asio = platform::asio;

class relay_application final : public stomp::application {
 public:
  explicit relay_application(platform::kv::pubsub& bus) : bus_(bus) {}

  asio::awaitable<stomp::answer<stomp::principal>> authenticate(stomp::frame connect, std::string) override {
    std::string name(connect.header("login").value_or("bench"));
    co_return stomp::principal{name, name};
  }

  asio::awaitable<stomp::verdict> authorize_subscribe(stomp::principal, std::string) override {
    co_return std::nullopt;
  }

  // What a chat's SEND does minus the database: publish the body, shared by every subscriber.
  asio::awaitable<stomp::verdict> on_send(stomp::principal, std::string, stomp::frame sent) override {
    const auto to = sent.header("to");
    if (!to) co_return stomp::refusal{"SEND /pub/bench needs a to header"};
    bus_.publish(*to, std::make_shared<const std::string>(std::move(sent.body)));
    co_return std::nullopt;
  }

 private:
  platform::kv::pubsub& bus_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"STOMP bench server"};
  unsigned short port = 0;
  std::size_t threads = 0;
  std::string log_level = "info";
  cli.add_option("--port", port, "Loopback port (0: any; the chosen one is printed as 'port N')");
  cli.add_option("--threads", threads, "I/O threads (0: one per core)");
  cli.add_option("--log-level", log_level);
  CLI11_PARSE(cli, argc, argv);

  const platform::obs::logging logs(log_level);
  platform::io::context_pool contexts(threads);
  platform::kv::in_process_pubsub bus;
  stomp::broker broker(bus, stomp::broker_options{});
  relay_application app(bus);
  platform::http::router routes;
  platform::ws::session_options ws_options;
  ws_options.coalesce = true;  // STOMP frames are a stream: a backlog goes out as one WebSocket message
  routes.add_websocket("/stomp", platform::ws::endpoint(stomp::handler_factory(broker, app), ws_options));

  platform::http::server_options options;
  options.address = "127.0.0.1";
  options.port = port;
  options.access_log = false;
  platform::http::server server(contexts, options, routes, [](const platform::http::problem& p) {
    return platform::http::text_response(p.code, std::string(p.message));
  });
  // Started before the line is written: start() logs, and its line must not land inside "port N".
  const auto bound = server.start();
  std::cout << "port " << bound << std::endl;
  contexts.run_until_signal([&server]() -> asio::awaitable<void> { co_await server.drain(); });
  return 0;
}
