// Bbodok (뽀독뽀독) backend: for now the process, its config and /health; the features land feature by feature.
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "apps/bbodok/envelope.hpp"
#include "platform/config/reader.hpp"
#include "platform/http/server_config.hpp"
#include "platform/io/context_pool.hpp"
#include "platform/obs/logging.hpp"

namespace {

namespace http = platform::http;

// GET /health: 200 SUCCESS with data null (the load balancer's check).
platform::asio::awaitable<http::response> health(http::request) { co_return bbodok::success(nullptr); }

int serve(const std::string& config_file) {
  auto config = platform::config::reader::from_file(config_file, "BBODOK");
  auto http_config = http::read_server_config(config, 8081, {});
  const platform::obs::logging logs(config.text("log.level", "info"));
  config.finish();

  platform::io::context_pool contexts(http_config.io_threads);
  http::router routes;
  routes.add(http::verb::get, "/health", health);
  http::server server(contexts, http_config.options, routes, bbodok::framework_error);
  const unsigned short port = server.start();
  spdlog::info("bbodok listening on {}:{}", http_config.options.address, port);
  contexts.run_until_signal([&server]() -> platform::asio::awaitable<void> { co_await server.drain(); });
  spdlog::info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {  // NOLINT(bugprone-exception-escape): only CLI11 setup errors (a bug) escape
  CLI::App cli{"Bbodok (뽀독뽀독) backend"};
  std::string config_file = "config/bbodok.toml";
  cli.add_option("-c,--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);
  CLI11_PARSE(cli, argc, argv);
  try {
    return serve(config_file);
  } catch (const platform::config::config_error& e) {
    std::cerr << "bbodok: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bbodok: cannot start: " << e.what() << '\n';
    return 1;
  }
}
