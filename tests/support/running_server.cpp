#include "running_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <sys/socket.h>

namespace test_support {

namespace asio = boost::asio;
namespace http = platform::http;
using tcp = asio::ip::tcp;

running_server::running_server(const http::router& routes, std::chrono::seconds client_deadline)
    : running_server(
          routes, http::server_options{},
          [](const http::problem& p) { return http::text_response(p.code, std::string(p.message)); }, client_deadline) {
}

running_server::running_server(const http::router& routes, http::server_options options,
                               http::error_renderer render_error, std::chrono::seconds client_deadline) {
  options.address = "127.0.0.1";
  options.port = 0;
  options.access_log = false;
  options.drain_timeout = std::chrono::seconds(5);
  options.drain_delay = std::chrono::seconds(0);  // no proxy to tell: a drain starts closing at once
  server_ = std::make_unique<http::server>(pool_, std::move(options), routes, std::move(render_error));
  port_ = server_->start();
  // next() cycles through every context; called before any runs, so not concurrently with the listener.
  for (std::size_t i = 0; i < pool_.size(); ++i) contexts_.push_back(&pool_.next());
  for (asio::io_context* context : contexts_) {
    guards_.push_back(asio::make_work_guard(*context));
    threads_.emplace_back([context] { context->run(); });
  }
  watchdog_ = std::jthread([this, client_deadline](std::stop_token stop) {
    std::unique_lock lock(sockets_mutex_);
    std::condition_variable_any().wait_for(lock, stop, client_deadline, [] { return false; });
    if (stop.stop_requested()) return;
    for (int fd : sockets_) ::shutdown(fd, SHUT_RDWR);
  });
}

running_server::~running_server() {
  drain();
  guards_.clear();
  for (asio::io_context* context : contexts_) context->stop();
  threads_.clear();
  watchdog_ = {};
}

std::future<void> running_server::start_drain() {
  return asio::co_spawn(pool_.main(), server_->drain(), asio::use_future);
}

bool running_server::drain() { return start_drain().wait_for(std::chrono::seconds(10)) == std::future_status::ready; }

void running_server::track(int fd) {
  std::lock_guard lock(sockets_mutex_);
  sockets_.push_back(fd);
}

tcp::socket running_server::connect(std::optional<int> receive_buffer) {
  tcp::socket socket(client_context_);
  socket.open(tcp::v4());
  if (receive_buffer) socket.set_option(asio::socket_base::receive_buffer_size(*receive_buffer));
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  track(socket.native_handle());
  return socket;
}

http::response running_server::request(http::verb method, const std::string& target, std::string body,
                                       const fields& extra) {
  tcp::socket socket = connect();
  write_request(socket, method, target, std::move(body), extra);
  boost::beast::flat_buffer buffer;
  http::response res;
  http::beast_http::read(socket, buffer, res);
  return res;
}

void write_request(tcp::socket& socket, http::verb method, const std::string& target, std::string body,
                   const running_server::fields& extra) {
  http::raw_request req{method, target, 11};
  req.set(http::beast_http::field::host, "127.0.0.1");
  for (const auto& [name, value] : extra) req.set(name, value);
  req.body() = std::move(body);
  req.prepare_payload();
  http::beast_http::write(socket, req);
}

}  // namespace test_support
