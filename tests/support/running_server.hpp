// A real platform::http::server on an ephemeral loopback port with its I/O threads, and what blocking test
// clients need around it: sockets bounded by a watchdog, plain HTTP requests, and draining.
#pragma once

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "platform/http/message.hpp"
#include "platform/http/router.hpp"
#include "platform/http/server.hpp"
#include "platform/io/context_pool.hpp"

namespace test_support {

class running_server {
 public:
  using fields = std::vector<std::pair<platform::http::beast_http::field, std::string>>;

  // Serves `routes` (kept by reference: they must outlive the server) on two I/O threads. Past
  // `client_deadline` every client socket is shut down, so a test waiting on a server that never answers
  // fails instead of hanging.
  explicit running_server(const platform::http::router& routes,
                          std::chrono::seconds client_deadline = std::chrono::seconds(30));
  // The same with the caller's limits and error renderer; address, port, access log, drain delay (none) and
  // drain timeout are set here.
  running_server(const platform::http::router& routes, platform::http::server_options options,
                 platform::http::error_renderer render_error,
                 std::chrono::seconds client_deadline = std::chrono::seconds(30));
  running_server(const running_server&) = delete;
  running_server& operator=(const running_server&) = delete;
  // Drains (ending the sessions a test left open) and joins the I/O threads.
  ~running_server();

  unsigned short port() const { return port_; }

  // Starts the server's drain: it stops accepting and closes what is open. Idempotent.
  std::future<void> start_drain();
  // Runs the drain to its end; false if it did not end within ten seconds.
  bool drain();

  // A blocking client socket connected to the server, optionally with a small receive buffer so the
  // server's writes back up.
  boost::asio::ip::tcp::socket connect(std::optional<int> receive_buffer = std::nullopt);

  // One request on its own connection; the response as read.
  platform::http::response request(platform::http::verb method, const std::string& target, std::string body = "",
                                   const fields& extra = {});

  // Where unconnected client sockets are made; never run.
  boost::asio::io_context& client_context() { return client_context_; }

 private:
  void track(int fd);

  platform::io::context_pool pool_{2};
  std::unique_ptr<platform::http::server> server_;
  unsigned short port_ = 0;
  std::vector<boost::asio::io_context*> contexts_;
  std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guards_;
  std::vector<std::jthread> threads_;
  boost::asio::io_context client_context_;
  std::mutex sockets_mutex_;
  std::vector<int> sockets_;
  std::jthread watchdog_;
};

// Writes one HTTP/1.1 request on a connected socket.
void write_request(boost::asio::ip::tcp::socket& socket, platform::http::verb method, const std::string& target,
                   std::string body = "", const running_server::fields& extra = {});

}  // namespace test_support
