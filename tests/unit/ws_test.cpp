// platform::ws behind a real platform::http::server: echo, broadcast, limits, slow consumers, refusals, drain.
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <gtest/gtest.h>

#include "platform/http/upgrade.hpp"
#include "platform/ws/session.hpp"
#include "running_server.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
namespace http = platform::http;
namespace ws = platform::ws;
namespace messaging = platform::messaging;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

constexpr auto bound = 10s;  // no condition in these tests should take nearly this long

// Sessions of one endpoint, and what happened to them; shared by the handlers (any I/O thread) and the test.
class room {
 public:
  void join(const std::shared_ptr<messaging::connection>& s) {
    std::lock_guard lock(mutex_);
    members_.push_back(s);
    changed_.notify_all();
  }
  void leave(const std::shared_ptr<messaging::connection>& s) {
    std::lock_guard lock(mutex_);
    std::erase_if(members_, [&](const auto& member) { return member.lock() == s || member.expired(); });
    close_codes_.push_back(std::static_pointer_cast<ws::session>(s)->close_code_value());
    changed_.notify_all();
  }
  void broadcast(const ws::payload& message) {
    std::vector<std::weak_ptr<messaging::connection>> members;
    {
      std::lock_guard lock(mutex_);  // never held while sending
      members = members_;
    }
    for (const auto& member : members) {
      if (auto s = member.lock()) s->send(message);
    }
  }
  bool wait_for_members(std::size_t n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, bound, [&] { return members_.size() == n; });
  }
  // Waits until `n` sessions have closed and returns their close codes (fewer on timeout).
  std::vector<std::uint16_t> wait_for_closes(std::size_t n, std::chrono::milliseconds limit = bound) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, limit, [&] { return close_codes_.size() >= n; });
    return close_codes_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::weak_ptr<messaging::connection>> members_;
  std::vector<std::uint16_t> close_codes_;
};

std::string numbered(std::size_t n, std::size_t size) {
  std::string text = std::to_string(n) + ":";
  text.resize(std::max(size, text.size()), 'x');
  return text;
}

std::size_t number_of(std::string_view text) {
  std::size_t n = 0;
  std::from_chars(text.data(), text.data() + text.size(), n);
  return n;
}

// Echoes every message to its sender ("/echo"), or broadcasts to the room ("/room"): "burst N SIZE" sends
// N numbered messages of SIZE bytes, each serialised once for everybody; anything else is broadcast as is.
class test_handler : public ws::handler {
 public:
  test_handler(room& members, bool echo) : members_(members), echo_(echo) {}
  void on_open(std::shared_ptr<messaging::connection> s) override { members_.join(s); }
  asio::awaitable<void> on_message(std::shared_ptr<messaging::connection> s, std::string message) override {
    if (echo_) {
      s->send(std::move(message));
    } else if (message.starts_with("burst ")) {
      const auto space = message.find(' ', 6);
      const std::size_t count = number_of(std::string_view(message).substr(6));
      const std::size_t size = number_of(std::string_view(message).substr(space + 1));
      for (std::size_t i = 0; i < count; ++i) members_.broadcast(ws::make_payload(numbered(next_++, size)));
    } else {
      members_.broadcast(ws::make_payload(std::move(message)));
    }
    co_return;
  }
  void on_close(std::shared_ptr<messaging::connection> s) override { members_.leave(s); }

 private:
  room& members_;
  bool echo_;
  std::size_t next_ = 0;  // on this session's executor only
};

class WsServer : public ::testing::Test {
 protected:
  void SetUp() override {
    routes_.add(http::verb::get, "/health", [](http::request) -> asio::awaitable<http::response> {
      co_return http::text_response(http::status::ok, "ok");
    });
    routes_.add(http::verb::post, "/both", [](http::request) -> asio::awaitable<http::response> {
      co_return http::text_response(http::status::ok, "posted");
    });
    ws::session_options echo_options;
    echo_options.read_message_max = 1024;
    routes_.add_websocket(
        "/echo",
        ws::endpoint([this](const http::upgrade_request&) { return std::make_shared<test_handler>(echoes_, true); },
                     echo_options));
    ws::session_options room_options;
    room_options.queue_max_messages = 16;
    room_options.queue_max_bytes = 1024 * 1024;
    room_options.close_timeout = 200ms;
    routes_.add_websocket(
        "/room/{name}",
        ws::endpoint([this](const http::upgrade_request&) { return std::make_shared<test_handler>(room_, false); },
                     room_options));
    ws::session_options stream_options;
    stream_options.coalesce = true;
    routes_.add_websocket(
        "/stream",
        ws::endpoint([this](const http::upgrade_request&) { return std::make_shared<test_handler>(stream_, false); },
                     stream_options));
    routes_.add_websocket("/both", ws::endpoint([this](const http::upgrade_request&) {
                            return std::make_shared<test_handler>(echoes_, true);
                          }));
    routes_.add_websocket("/private", ws::endpoint([](const http::upgrade_request&) -> std::shared_ptr<ws::handler> {
                            return nullptr;  // refused: 403
                          }));

    server_.emplace(routes_);
  }

  void TearDown() override { server_.reset(); }  // drains first: ends the sessions the test left open

  using client = websocket::stream<tcp::socket>;
  std::unique_ptr<client> open(const std::string& target, std::optional<int> receive_buffer = std::nullopt) {
    auto c = std::make_unique<client>(server_->connect(receive_buffer));
    c->handshake("127.0.0.1", target);
    return c;
  }

  static std::string read_text(client& c) {
    beast::flat_buffer buffer;
    c.read(buffer);
    return beast::buffers_to_string(buffer.data());
  }

  // Reads until the connection ends; returns the error (closed with c.reason(), or eof, ...).
  static beast::error_code read_until_closed(client& c) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    while (!ec) {
      buffer.clear();
      c.read(buffer, ec);
    }
    return ec;
  }

  room echoes_;
  room room_;
  room stream_;
  http::router routes_;
  std::optional<test_support::running_server> server_;  // last: stops before what its handlers use
};

TEST_F(WsServer, EchoesATextMessage) {
  auto c = open("/echo");
  c->write(asio::buffer(std::string("hello, 댕댕이")));
  EXPECT_EQ(read_text(*c), "hello, 댕댕이");
  c->close(websocket::close_code::normal);
  EXPECT_EQ(echoes_.wait_for_closes(1), std::vector<std::uint16_t>{1000});
}

TEST_F(WsServer, DeliversABroadcastToEveryMemberInOrder) {
  std::vector<std::unique_ptr<client>> clients;
  for (int i = 0; i < 3; ++i) clients.push_back(open("/room/lobby"));
  ASSERT_TRUE(room_.wait_for_members(3));
  // Up to 15 at once: a burst is queued synchronously, so more than the queue limit (16) would close them.
  for (std::size_t round = 0; round < 3; ++round) {
    clients[1]->write(asio::buffer(std::string("burst 15 10")));
    for (auto& c : clients) {
      for (std::size_t i = 0; i < 15; ++i) ASSERT_EQ(read_text(*c), numbered(round * 15 + i, 10));
    }
  }
}

TEST_F(WsServer, JoinsABacklogIntoFewerMessagesWhenCoalescing) {
  auto c = open("/stream");
  ASSERT_TRUE(stream_.wait_for_members(1));
  // The burst is queued before the writer runs (the handler runs on the session's thread), so it is a backlog.
  constexpr std::size_t count = 50;
  c->write(asio::buffer(std::string("burst 50 10")));
  std::string expected;
  for (std::size_t i = 0; i < count; ++i) expected += numbered(i, 10);
  std::string received;
  std::size_t messages = 0;
  while (received.size() < expected.size()) {
    received += read_text(*c);
    ++messages;
  }
  EXPECT_EQ(received, expected);
  EXPECT_LE(messages, 3u);  // at most coalesce_max_messages (32) per write
}

TEST_F(WsServer, ClosesWith1009WhenAMessageIsTooBig) {
  auto c = open("/echo");
  c->write(asio::buffer(std::string(2000, 'a')));  // read_message_max is 1024
  const auto ec = read_until_closed(*c);
  // Beast 1.81's async teardown closes the server's socket after its first drain read, so our close reply can
  // meet a reset and the client's own teardown then fails; the close frame has been read either way.
  EXPECT_TRUE(ec == websocket::error::closed || ec == asio::error::not_connected || ec == asio::error::connection_reset)
      << ec.message();
  EXPECT_EQ(c->reason().code, websocket::close_code::too_big);
  EXPECT_EQ(echoes_.wait_for_closes(1), std::vector<std::uint16_t>{1009});
}

TEST_F(WsServer, ClosesAConsumerThatDoesNotReadWhileOthersKeepReceiving) {
  // The slow client's small receive window (no autotuning) makes the server's writes stall sooner.
  auto slow = open("/room/lobby", 16 * 1024);
  auto fast = open("/room/lobby");
  ASSERT_TRUE(room_.wait_for_members(2));

  // Bursts of 8 keep the fast client's queue under its limit of 16 whatever the timing; the slow client's
  // queue only grows once the TCP buffers towards it are full.
  constexpr std::size_t burst = 8;
  constexpr std::size_t size = 16 * 1024;
  const auto started = std::chrono::steady_clock::now();
  std::size_t received = 0;
  std::size_t rounds_after_close = 0;
  while (rounds_after_close < 20 && received < 4000) {
    fast->write(asio::buffer("burst " + std::to_string(burst) + " " + std::to_string(size)));
    for (std::size_t i = 0; i < burst; ++i) ASSERT_EQ(read_text(*fast), numbered(received++, size));
    if (!room_.wait_for_closes(1, 0ms).empty()) ++rounds_after_close;
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(rounds_after_close, 20u) << "the slow consumer was never closed";
  EXPECT_LT(elapsed, bound);
  EXPECT_EQ(room_.wait_for_closes(1), std::vector<std::uint16_t>{1013});  // overflow_code's default

  // The slow client finds what the kernel had buffered, then the end (the server dropped the socket when
  // the close frame could not be written within close_timeout). When the drop reset the connection while
  // the client was answering the close frame, Beast's teardown reports ENOTCONN from its shutdown.
  const auto ec = read_until_closed(*slow);
  EXPECT_TRUE(ec == websocket::error::closed || ec == asio::error::eof || ec == asio::error::connection_reset ||
              ec == asio::error::not_connected)
      << ec.message();
  if (ec == websocket::error::closed) {
    EXPECT_EQ(slow->reason().code, websocket::close_code::try_again_later);
  }
}

TEST_F(WsServer, RefusesAnUpgradeToAnUnknownPath) {
  client c(server_->connect());
  websocket::response_type res;
  beast::error_code ec;
  c.handshake(res, "127.0.0.1", "/nowhere", ec);
  EXPECT_EQ(ec, websocket::error::upgrade_declined);
  EXPECT_EQ(res.result(), http::status::not_found);
}

TEST_F(WsServer, RefusesAnUpgradeTheFactoryDeclines) {
  client c(server_->connect());
  websocket::response_type res;
  beast::error_code ec;
  c.handshake(res, "127.0.0.1", "/private", ec);
  EXPECT_EQ(ec, websocket::error::upgrade_declined);
  EXPECT_EQ(res.result(), http::status::forbidden) << res.body();
}

TEST_F(WsServer, AnswersAPlainGetToAWebSocketPathLikeSpring) {
  auto res = server_->request(http::verb::get, "/echo");
  EXPECT_EQ(res.result(), http::status::bad_request);
  EXPECT_EQ(res.body(), "Can \"Upgrade\" only to \"WebSocket\".");

  res = server_->request(http::verb::post, "/room/lobby");
  EXPECT_EQ(res.result(), http::status::method_not_allowed);
  EXPECT_EQ(res[http::beast_http::field::allow], "GET");

  // An HTTP route on the same path serves what is not an upgrade; the upgrade goes to the endpoint.
  EXPECT_EQ(server_->request(http::verb::post, "/both").body(), "posted");
  auto c = open("/both");
  c->write(asio::buffer(std::string("up")));
  EXPECT_EQ(read_text(*c), "up");
}

TEST_F(WsServer, ServesHttpAlongsideOpenWebSockets) {
  auto c = open("/echo");
  auto res = server_->request(http::verb::get, "/health");
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res.body(), "ok");
  EXPECT_EQ(server_->request(http::verb::get, "/nothing").result(), http::status::not_found);
  c->write(asio::buffer(std::string("still here")));
  EXPECT_EQ(read_text(*c), "still here");
}

TEST_F(WsServer, DrainClosesWebSocketsWithGoingAway) {
  auto echo = open("/echo");
  auto member = open("/room/lobby");
  ASSERT_TRUE(room_.wait_for_members(1));
  auto done = server_->start_drain();

  for (auto* c : {echo.get(), member.get()}) {
    const auto ec = read_until_closed(*c);  // answers the server's close frame
    EXPECT_EQ(ec, websocket::error::closed) << ec.message();
    EXPECT_EQ(c->reason().code, websocket::close_code::going_away);
  }
  ASSERT_EQ(done.wait_for(bound), std::future_status::ready);
  done.get();
  EXPECT_EQ(echoes_.wait_for_closes(1), std::vector<std::uint16_t>{1001});
  EXPECT_EQ(room_.wait_for_closes(1), std::vector<std::uint16_t>{1001});

  tcp::socket late(server_->client_context());
  beast::error_code ec;
  late.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()), ec);
  EXPECT_TRUE(ec) << "still accepting after drain";
}

}  // namespace
