// platform::http::server with HTTP/1.0 clients: a kept connection is said to be kept, and a streamed response
// comes unchunked, ended by the close.
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <gtest/gtest.h>

#include "platform/http/stream.hpp"
#include "running_server.hpp"

namespace {

namespace asio = boost::asio;
namespace http = platform::http;

http::router one_zero_routes() {
  http::router routes;
  routes.add(http::verb::get, "/plain", [](http::request) -> platform::asio::awaitable<http::response> {
    co_return http::text_response(http::status::ok, "plain");
  });
  routes.add_stream(http::verb::get, "/streamed",
                    [](http::request, http::response_writer& out) -> platform::asio::awaitable<void> {
                      if (!co_await out.start(http::text_response(http::status::ok, ""))) co_return;
                      if (!co_await out.write("first ")) co_return;
                      if (!co_await out.write("second")) co_return;
                      co_await out.finish();
                    });
  return routes;
}

void send(asio::ip::tcp::socket& socket, const std::string& bytes) { asio::write(socket, asio::buffer(bytes)); }

// `request` on a connection of its own, and everything the server sends until it closes the connection.
std::string answer_until_close(test_support::running_server& server, const std::string& request) {
  auto socket = server.connect();
  send(socket, request);
  std::string received;
  boost::system::error_code ec;
  asio::read(socket, asio::dynamic_buffer(received), ec);
  EXPECT_EQ(ec, asio::error::eof);
  return received;
}

TEST(HttpOneZero, KeepAliveIsAnsweredWithConnectionKeepAliveAndTheConnectionServesAgain) {
  const auto routes = one_zero_routes();
  test_support::running_server server(routes);
  auto socket = server.connect();

  for (int round = 0; round < 2; ++round) {
    send(socket, "GET /plain HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
    boost::beast::flat_buffer buffer;
    http::response res;
    http::beast_http::read(socket, buffer, res);
    EXPECT_EQ(res.body(), "plain");
    EXPECT_TRUE(boost::beast::iequals(res[http::beast_http::field::connection], "keep-alive")) << round;
  }
}

TEST(HttpOneZero, WithoutKeepAliveTheConnectionIsClosedAfterTheAnswer) {
  const auto routes = one_zero_routes();
  test_support::running_server server(routes);

  const std::string received = answer_until_close(server, "GET /plain HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(received.ends_with("\r\n\r\nplain")) << received;
  EXPECT_EQ(received.find("keep-alive"), std::string::npos) << received;
}

TEST(HttpOneZero, StreamedResponseIsNotChunkedAndEndsWithTheClose) {
  const auto routes = one_zero_routes();
  test_support::running_server server(routes);

  const std::string received = answer_until_close(server, "GET /streamed HTTP/1.0\r\n\r\n");
  const auto head_end = received.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos) << received;
  const std::string head = received.substr(0, head_end);
  EXPECT_EQ(head.find("Transfer-Encoding"), std::string::npos) << head;
  EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
  EXPECT_EQ(received.substr(head_end + 4), "first second");
}

TEST(HttpOneZero, StreamedResponseToHttpOneOneStaysChunked) {
  const auto routes = one_zero_routes();
  test_support::running_server server(routes);

  const std::string received = answer_until_close(server, "GET /streamed HTTP/1.1\r\nHost: test\r\n\r\n");
  EXPECT_NE(received.find("Transfer-Encoding: chunked"), std::string::npos) << received;
  EXPECT_TRUE(received.ends_with("6\r\nsecond\r\n0\r\n\r\n")) << received;
}

}  // namespace
