// platform::http::server's limits: the per-request handler deadline, the connection ceiling, and the logging
// of what escapes a spawned coroutine.
#include <array>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "platform/io/blocking_pool.hpp"
#include "platform/io/spawn.hpp"
#include "running_server.hpp"

namespace {

namespace asio = boost::asio;
namespace http = platform::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

// The app's framework-error format in these tests.
http::response envelope(const http::problem& p) {
  return http::json_response(p.code,
                             fmt::format(R"({{"status":{},"path":"{}"}})", static_cast<unsigned>(p.code), p.path));
}

// Where a blocking job waits until the test lets it go. A test opens it at the latest through an
// open_at_exit declared after the server, so no job is left waiting when the server and the pool go.
class gate {
 public:
  gate() : opened_(open_.get_future().share()) {}
  gate(const gate&) = delete;
  gate& operator=(const gate&) = delete;
  void open() {
    std::call_once(once_, [this] { open_.set_value(); });
  }
  std::shared_future<void> opened() const { return opened_; }

 private:
  std::promise<void> open_;
  std::shared_future<void> opened_;
  std::once_flag once_;
};

class open_at_exit {
 public:
  explicit open_at_exit(gate& g) : gate_(g) {}
  open_at_exit(const open_at_exit&) = delete;
  open_at_exit& operator=(const open_at_exit&) = delete;
  ~open_at_exit() { gate_.open(); }

 private:
  gate& gate_;
};

constexpr auto client_deadline = 10s;  // a server that never answers fails the test instead of hanging it

std::string wait_then_answer(std::shared_future<void> opened) {
  opened.wait();
  return "late";
}

std::string wait_then_fail(std::shared_future<void> opened) {
  opened.wait();
  throw std::runtime_error("database went away after the deadline");
}

// A route whose blocking-pool job is stuck until the gate opens (as a database call under a lock is).
template <std::string (*job)(std::shared_future<void>)>
asio::awaitable<http::response> stuck(platform::io::blocking_pool* pool, std::shared_future<void> opened) {
  std::string text = co_await pool->run(job, std::move(opened));
  co_return http::text_response(http::status::ok, std::move(text));
}

asio::awaitable<http::response> fast(http::request) { co_return http::text_response(http::status::ok, "fast"); }

// The routes these tests use; the pool must outlive the server.
http::router limits_routes(platform::io::blocking_pool& pool, const gate& g) {
  http::router routes;
  routes.add(http::verb::get, "/stuck",
             [&pool, opened = g.opened()](http::request) { return stuck<wait_then_answer>(&pool, opened); });
  routes.add(http::verb::get, "/fails-late",
             [&pool, opened = g.opened()](http::request) { return stuck<wait_then_fail>(&pool, opened); });
  routes.add(http::verb::get, "/fast", fast);
  return routes;
}

http::server_options with_deadline(std::chrono::seconds timeout) {
  http::server_options options;
  options.handler_timeout = timeout;
  return options;
}

http::response read_response(tcp::socket& socket) {
  boost::beast::flat_buffer buffer;
  http::response res;
  http::beast_http::read(socket, buffer, res);
  return res;
}

// Routes the default logger to a ring buffer for the test's lifetime.
class captured_log {
 public:
  captured_log()
      : previous_(spdlog::default_logger()), sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(256)) {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("captured", sink_));
  }
  captured_log(const captured_log&) = delete;
  captured_log& operator=(const captured_log&) = delete;
  ~captured_log() { spdlog::set_default_logger(previous_); }

  bool contains(const std::string& text) const {
    for (const auto& line : sink_->last_formatted()) {
      if (line.find(text) != std::string::npos) return true;
    }
    return false;
  }
  // Waits up to five seconds for a line containing `text` (written by another thread).
  bool wait_for(const std::string& text) const {
    for (auto deadline = std::chrono::steady_clock::now() + 5s; std::chrono::steady_clock::now() < deadline;) {
      if (contains(text)) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

TEST(HandlerDeadline, AnswersServiceUnavailableInTheRenderersEnvelopeAndKeepsTheConnection) {
  platform::io::blocking_pool pool(2, 16);
  gate g;
  const auto routes = limits_routes(pool, g);
  test_support::running_server server(routes, with_deadline(1s), envelope, client_deadline);
  open_at_exit release(g);

  auto socket = server.connect();
  const auto started = std::chrono::steady_clock::now();
  test_support::write_request(socket, http::verb::get, "/stuck");
  const auto res = read_response(socket);
  const auto waited = std::chrono::steady_clock::now() - started;

  EXPECT_EQ(res.result(), http::status::service_unavailable);
  EXPECT_EQ(res.body(), R"({"status":503,"path":"/stuck"})");
  EXPECT_GE(waited, 900ms);
  EXPECT_LT(waited, 3s);
  EXPECT_TRUE(res.keep_alive());

  // The stuck job ends later: its answer must go nowhere, least of all onto this connection.
  g.open();
  std::this_thread::sleep_for(200ms);
  test_support::write_request(socket, http::verb::get, "/fast");
  const auto next = read_response(socket);
  EXPECT_EQ(next.result(), http::status::ok);
  EXPECT_EQ(next.body(), "fast");
}

TEST(HandlerDeadline, LogsWhatAHandlerThrowsAfterItsDeadline) {
  captured_log log;
  platform::io::blocking_pool pool(2, 16);
  gate g;
  const auto routes = limits_routes(pool, g);
  test_support::running_server server(routes, with_deadline(1s), envelope, client_deadline);
  open_at_exit release(g);

  const auto res = server.request(http::verb::get, "/fails-late");
  EXPECT_EQ(res.result(), http::status::service_unavailable);
  g.open();
  EXPECT_TRUE(log.wait_for("database went away after the deadline"));
}

asio::awaitable<void> throws_at_once() {
  throw std::runtime_error("boom");
  co_return;
}

TEST(SpawnLogging, LogsWhatEscapesASpawnedCoroutine) {
  captured_log log;
  asio::io_context context;
  asio::co_spawn(context, throws_at_once(), platform::io::log_failure("probe"));
  context.run();
  EXPECT_TRUE(log.contains("probe failed: boom"));
}

// False when the server closed the connection instead (at the ceiling).
bool served_on_new_connection(test_support::running_server& server) {
  try {
    return server.request(http::verb::get, "/fast").result() == http::status::ok;
  } catch (const boost::system::system_error&) {
    return false;
  }
}

TEST(ConnectionCeiling, RefusesConnectionsPastItAndServesAgainAfterOneCloses) {
  http::router routes;
  routes.add(http::verb::get, "/fast", fast);
  http::server_options options;
  options.max_connections = 2;
  test_support::running_server server(routes, options, envelope, client_deadline);

  // Two kept-alive connections, each known to the server by the answer it gave.
  auto first = server.connect();
  auto second = server.connect();
  for (auto* socket : {&first, &second}) {
    test_support::write_request(*socket, http::verb::get, "/fast");
    EXPECT_EQ(read_response(*socket).result(), http::status::ok);
  }

  // The kernel completes the handshake; the server closes the connection without reading from it.
  auto third = server.connect();
  std::array<char, 64> byte{};
  boost::system::error_code ec;
  third.read_some(asio::buffer(byte), ec);
  EXPECT_EQ(ec, asio::error::eof);

  first.close();
  // The server notices the close on its own thread: a new connection is served once it has.
  bool served = false;
  for (auto deadline = std::chrono::steady_clock::now() + 5s; !served && std::chrono::steady_clock::now() < deadline;) {
    served = served_on_new_connection(server);
    if (!served) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(served);
}

}  // namespace
