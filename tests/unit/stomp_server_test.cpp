// STOMP over platform::ws behind a real platform::http::server, with Beast WebSocket clients and a small
// application: CONNECT, SUBSCRIBE + kv publish, UNSUBSCRIBE, SEND, RECEIPT, ERROR, limits, heart-beats, slow peers.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <gtest/gtest.h>

#include "platform/kv/in_process_pubsub.hpp"
#include "platform/stomp/codec.hpp"
#include "platform/stomp/handler_factory.hpp"
#include "platform/ws/session.hpp"
#include "running_server.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
namespace http = platform::http;
namespace ws = platform::ws;
namespace kv = platform::kv;
namespace stomp = platform::stomp;
using tcp = asio::ip::tcp;
using stomp::command;
using stomp::frame;
using namespace std::chrono_literals;

constexpr auto bound = 10s;  // no condition in these tests should take nearly this long

// Authenticates a `token` header "good-<name>"; members may subscribe to /sub/room/* except /sub/room/secret;
// SEND /pub/echo publishes the body to /sub/room/<room header>, SEND /pub/refuse is refused. Records the calls.
class test_application : public stomp::application {
 public:
  explicit test_application(kv::pubsub& bus) : bus_(bus) {}

  asio::awaitable<stomp::answer<stomp::principal>> authenticate(frame connect, std::string) override {
    const auto token = connect.header("token");
    if (!token || !token->starts_with("good-")) co_return stomp::refusal{"Invalid token"};
    const std::string name(token->substr(5));
    co_return stomp::principal{name, name};
  }

  asio::awaitable<stomp::verdict> authorize_subscribe(stomp::principal, std::string destination) override {
    if (!destination.starts_with("/sub/room/") || destination == "/sub/room/secret") {
      co_return stomp::refusal{"Not a member of " + destination};
    }
    co_return std::nullopt;
  }

  asio::awaitable<stomp::verdict> on_send(stomp::principal who, std::string destination, frame sent) override {
    record(who.name + " sent " + destination + " " + sent.body);
    if (destination != "/pub/echo") co_return stomp::refusal{"Rejected"};
    bus_.publish("/sub/room/" + std::string(sent.header("room").value_or("none")),
                 std::make_shared<const std::string>(sent.body));
    co_return std::nullopt;
  }

  asio::awaitable<void> on_unsubscribe(stomp::principal who, std::string destination) override {
    record(who.name + " unsubscribed " + destination);
    co_return;
  }

  asio::awaitable<void> on_disconnect(stomp::principal who, std::vector<std::string> destinations) override {
    std::string line = who.name + " disconnected";
    for (const auto& d : destinations) line += " " + d;
    record(line);
    co_return;
  }

  bool wait_for(const std::string& event) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, bound, [&] { return std::ranges::find(events_, event) != events_.end(); });
  }
  std::vector<std::string> events() {
    std::lock_guard lock(mutex_);
    return events_;
  }

 private:
  void record(std::string event) {
    std::lock_guard lock(mutex_);
    events_.push_back(std::move(event));
    changed_.notify_all();
  }

  kv::pubsub& bus_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> events_;
};

// A WebSocket client and the STOMP stream it has received: the server may join several frames into one message.
struct client {
  explicit client(tcp::socket socket) : ws(std::move(socket)) {}
  websocket::stream<tcp::socket> ws;
  stomp::decoder received;
};

class StompServer : public ::testing::Test {
 protected:
  void SetUp() override {
    ws::session_options ws_options;
    ws_options.queue_max_messages = 32;
    ws_options.close_timeout = 200ms;
    ws_options.coalesce = true;  // as a STOMP endpoint should: the clients below read frames as a stream
    stomp::session_options options;
    options.max_subscriptions = 4;
    options.frame_limits.max_frame_bytes = 4096;
    options.frame_limits.max_line_bytes = 1024;
    routes_.add_websocket("/stomp", ws::endpoint(stomp::handler_factory(broker_, app_, options), ws_options));
    stomp::session_options beating = options;
    beating.heart_beat_send_ms = 50;
    beating.heart_beat_expect_ms = 100;
    routes_.add_websocket("/stomp-beats", ws::endpoint(stomp::handler_factory(broker_, app_, beating), ws_options));

    server_.emplace(routes_, 60s);
  }

  void TearDown() override {
    EXPECT_TRUE(server_->drain());
    server_.reset();
  }

  std::unique_ptr<client> open(const std::string& target = "/stomp", std::optional<int> receive_buffer = {}) {
    auto c = std::make_unique<client>(server_->connect(receive_buffer));
    c->ws.handshake("127.0.0.1", target);
    return c;
  }

  static void write(client& c, const std::string& text) { c.ws.write(asio::buffer(text)); }
  static void write(client& c, const frame& f) { write(c, stomp::encode(f)); }

  // The next frame or heart-beat, reading WebSocket messages as needed.
  static stomp::decode_result read_next(client& c) {
    for (;;) {
      if (auto result = c.received.next()) return std::move(*result);
      beast::flat_buffer buffer;
      c.ws.read(buffer);
      c.received.feed(beast::buffers_to_string(buffer.data()));
    }
  }

  static frame read_frame(client& c) {
    auto result = read_next(c);
    if (!std::holds_alternative<frame>(result)) {
      ADD_FAILURE() << "not a frame";
      return {};
    }
    return std::get<frame>(std::move(result));
  }

  // Reads until the connection ends; returns the error (closed with c.reason(), eof, ...).
  static beast::error_code read_until_closed(client& c) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    while (!ec) {
      buffer.clear();
      c.ws.read(buffer, ec);
    }
    return ec;
  }

  std::unique_ptr<client> connected(const std::string& name, const std::string& target = "/stomp") {
    auto c = open(target);
    write(*c, frame{command::connect, {{"accept-version", "1.1,1.2"}, {"token", "good-" + name}}, {}});
    EXPECT_EQ(read_frame(*c).cmd, command::connected);
    return c;
  }

  static void subscribe(client& c, const std::string& id, const std::string& destination) {
    write(c, frame{command::subscribe, {{"id", id}, {"destination", destination}, {"receipt", "s-" + id}}, {}});
    const auto receipt = read_frame(c);
    ASSERT_EQ(receipt.cmd, command::receipt) << receipt.header("message").value_or("");
    EXPECT_EQ(receipt.header("receipt-id"), "s-" + id);
  }

  // The ERROR frame's message, and that the server closed the connection after it.
  static std::string error_then_close(client& c, std::optional<std::string> receipt_id = std::nullopt) {
    const auto error = read_frame(c);
    EXPECT_EQ(error.cmd, command::error);
    if (receipt_id) {
      EXPECT_EQ(error.header("receipt-id"), *receipt_id);
    }
    const auto ec = read_until_closed(c);
    EXPECT_TRUE(ec == websocket::error::closed || ec == asio::error::eof) << ec.message();
    return std::string(error.header("message").value_or("(none)"));
  }

  void publish(const std::string& destination, std::string body) {
    bus_.publish(destination, std::make_shared<const std::string>(std::move(body)));
  }

  kv::in_process_pubsub bus_;
  stomp::broker broker_{bus_, stomp::broker_options{}};
  test_application app_{bus_};
  http::router routes_;
  std::optional<test_support::running_server> server_;  // last: stops before what its handlers use
};

TEST_F(StompServer, AnswersConnectWithConnected) {
  auto c = open();
  write(*c, frame{command::connect,
                  {{"accept-version", "1.0,1.1,1.2"},
                   {"heart-beat", "10000,10000"},
                   {"token", "good-alice"},
                   {"host", "localhost"}},
                  {}});
  const auto connected = read_frame(*c);
  EXPECT_EQ(connected.cmd, command::connected);
  EXPECT_EQ(connected.header("version"), "1.2");
  EXPECT_EQ(connected.header("heart-beat"), "0,0");  // the original's broker: no heart-beats
  EXPECT_TRUE(connected.header("server"));
  write(*c, frame{command::disconnect, {{"receipt", "bye"}}, {}});
  const auto receipt = read_frame(*c);
  EXPECT_EQ(receipt.cmd, command::receipt);
  EXPECT_EQ(receipt.header("receipt-id"), "bye");
  EXPECT_EQ(read_until_closed(*c), websocket::error::closed);
  EXPECT_EQ(c->ws.reason().code, websocket::close_code::normal);
  EXPECT_TRUE(app_.wait_for("alice disconnected"));
}

TEST_F(StompServer, AcceptsAStomp10ClientWithTheStompCommand) {
  auto c = open();
  write(*c, frame{command::stomp, {{"token", "good-old"}}, {}});
  const auto connected = read_frame(*c);
  EXPECT_EQ(connected.cmd, command::connected);
  EXPECT_EQ(connected.header("version"), "1.0");
}

TEST_F(StompServer, RefusesConnectWithABadToken) {
  auto c = open();
  write(*c, frame{command::connect, {{"accept-version", "1.2"}, {"token", "forged"}}, {}});
  EXPECT_EQ(error_then_close(*c), "Invalid token");
  EXPECT_EQ(c->ws.reason().code, websocket::close_code::policy_error);
}

TEST_F(StompServer, RefusesAnyFrameBeforeConnect) {
  auto c = open();
  write(*c, frame{command::send, {{"destination", "/pub/echo"}, {"receipt", "r1"}}, "hi"});
  EXPECT_EQ(error_then_close(*c, "r1"), "Expected CONNECT");
}

TEST_F(StompServer, AnswersAMalformedFrameWithErrorAndClose) {
  auto c = connected("alice");
  write(*c, std::string("FOO\n\n") + '\0');
  EXPECT_EQ(error_then_close(*c), "unknown command");
  EXPECT_EQ(c->ws.reason().code, websocket::close_code::protocol_error);

  auto d = connected("bob");
  write(*d, std::string("SEND\ndestination:/pub/echo\n") + std::string(2000, 'x') + "\n\nbody" + '\0');
  EXPECT_EQ(error_then_close(*d), "header line too long (limit 1024 bytes)");
}

TEST_F(StompServer, DeliversAPublishToEverySubscriberInOrder) {
  std::vector<std::unique_ptr<client>> clients;
  for (int i = 0; i < 3; ++i) {
    clients.push_back(connected("member" + std::to_string(i)));
    subscribe(*clients.back(), "sub-" + std::to_string(i), "/sub/room/1");
  }
  EXPECT_EQ(broker_.subscriber_count("/sub/room/1"), 3u);
  EXPECT_EQ(bus_.subscriber_count("/sub/room/1"), 1u);  // one kv feed per destination
  constexpr int count = 25;                             // under the queue limit (32): published faster than read
  for (int n = 0; n < count; ++n) publish("/sub/room/1", "{\"n\":" + std::to_string(n) + "}");
  for (std::size_t i = 0; i < clients.size(); ++i) {
    for (int n = 0; n < count; ++n) {
      const auto message = read_frame(*clients[i]);
      ASSERT_EQ(message.cmd, command::message);
      EXPECT_EQ(message.header("subscription"), "sub-" + std::to_string(i));
      EXPECT_EQ(message.header("destination"), "/sub/room/1");
      EXPECT_EQ(message.header("content-type"), "application/json");
      EXPECT_TRUE(message.header("message-id"));
      EXPECT_EQ(message.body, "{\"n\":" + std::to_string(n) + "}");
    }
  }
}

TEST_F(StompServer, StopsDeliveringAfterUnsubscribe) {
  auto c = connected("alice");
  subscribe(*c, "a", "/sub/room/1");
  subscribe(*c, "b", "/sub/room/2");
  write(*c, frame{command::unsubscribe, {{"id", "a"}, {"receipt", "u"}}, {}});
  EXPECT_EQ(read_frame(*c).header("receipt-id"), "u");
  EXPECT_TRUE(app_.wait_for("alice unsubscribed /sub/room/1"));
  EXPECT_EQ(broker_.subscriber_count("/sub/room/1"), 0u);
  EXPECT_EQ(bus_.subscriber_count("/sub/room/1"), 0u);  // the last subscriber took the kv feed with it
  publish("/sub/room/1", "gone");
  publish("/sub/room/2", "still here");
  const auto message = read_frame(*c);  // the first frame after the receipt is room 2's
  EXPECT_EQ(message.header("subscription"), "b");
  EXPECT_EQ(message.body, "still here");

  write(*c, frame{command::unsubscribe, {{"id", "a"}}, {}});
  EXPECT_EQ(error_then_close(*c), "No subscription a");
  EXPECT_TRUE(app_.wait_for("alice disconnected /sub/room/2"));
  EXPECT_EQ(broker_.destination_count(), 0u);
}

TEST_F(StompServer, PassesASendToAnApplicationDestinationToTheApplication) {
  auto listener = connected("bob");
  subscribe(*listener, "0", "/sub/room/7");
  auto sender = connected("alice");
  write(*sender, frame{command::send, {{"destination", "/pub/echo"}, {"room", "7"}, {"receipt", "sent"}}, "hello"});
  EXPECT_EQ(read_frame(*sender).header("receipt-id"), "sent");
  const auto message = read_frame(*listener);
  EXPECT_EQ(message.body, "hello");
  EXPECT_EQ(message.header("destination"), "/sub/room/7");
  EXPECT_TRUE(app_.wait_for("alice sent /pub/echo hello"));

  write(*sender, frame{command::send, {{"destination", "/pub/refuse"}, {"receipt", "r"}}, "x"});
  EXPECT_EQ(error_then_close(*sender, "r"), "Rejected");
}

TEST_F(StompServer, RefusesASendToABrokerDestination) {
  auto listener = connected("bob");
  subscribe(*listener, "0", "/sub/room/1");
  auto c = connected("mallory");
  write(*c, frame{command::send, {{"destination", "/sub/room/1"}, {"receipt", "r"}}, "spoofed"});
  EXPECT_EQ(error_then_close(*c, "r"), "Cannot send to /sub/room/1");
  publish("/sub/room/1", "genuine");
  EXPECT_EQ(read_frame(*listener).body, "genuine");  // the spoofed one never reached it
}

TEST_F(StompServer, RefusesSubscriptionsTheApplicationOrTheRulesDoNotAllow) {
  auto c = connected("alice");
  write(*c, frame{command::subscribe, {{"id", "0"}, {"destination", "/sub/room/secret"}}, {}});
  EXPECT_EQ(error_then_close(*c), "Not a member of /sub/room/secret");

  auto d = connected("bob");
  write(*d, frame{command::subscribe, {{"id", "0"}, {"destination", "/pub/echo"}}, {}});
  EXPECT_EQ(error_then_close(*d), "Cannot subscribe to /pub/echo");

  auto e = connected("carol");
  write(*e, frame{command::subscribe, {{"id", "0"}, {"destination", "/sub/room/1"}, {"ack", "client"}}, {}});
  EXPECT_EQ(error_then_close(*e), "Only ack mode auto is supported");
}

TEST_F(StompServer, RefusesADuplicateSubscriptionIdAndTooManySubscriptions) {
  auto c = connected("alice");
  subscribe(*c, "0", "/sub/room/1");
  write(*c, frame{command::subscribe, {{"id", "0"}, {"destination", "/sub/room/2"}, {"receipt", "dup"}}, {}});
  EXPECT_EQ(error_then_close(*c, "dup"), "Subscription id 0 is already in use");

  auto d = connected("bob");
  for (int i = 0; i < 4; ++i) subscribe(*d, std::to_string(i), "/sub/room/" + std::to_string(i));
  write(*d, frame{command::subscribe, {{"id", "4"}, {"destination", "/sub/room/4"}}, {}});
  EXPECT_EQ(error_then_close(*d), "Too many subscriptions (limit 4)");
}

TEST_F(StompServer, DecodesFramesSplitAcrossMessagesAndSeveralInOne) {
  auto c = open();
  const std::string connect = stomp::encode(frame{command::connect, {{"token", "good-alice"}}, {}});
  write(*c, connect.substr(0, 7));
  write(*c, connect.substr(7));
  EXPECT_EQ(read_frame(*c).cmd, command::connected);
  // Two SUBSCRIBEs and a client heart-beat (a bare EOL, ignored) in one message.
  write(*c,
        stomp::encode(frame{command::subscribe, {{"id", "1"}, {"destination", "/sub/room/1"}, {"receipt", "1"}}, {}}) +
            "\n" +
            stomp::encode(
                frame{command::subscribe, {{"id", "2"}, {"destination", "/sub/room/2"}, {"receipt", "2"}}, {}}));
  EXPECT_EQ(read_frame(*c).header("receipt-id"), "1");
  EXPECT_EQ(read_frame(*c).header("receipt-id"), "2");
  EXPECT_EQ(broker_.destination_count(), 2u);
}

TEST_F(StompServer, FansOutToManySubscribers) {
  constexpr int members = 200;
  constexpr int messages = 10;
  std::vector<std::unique_ptr<client>> clients;
  for (int i = 0; i < members; ++i) {
    clients.push_back(connected("m" + std::to_string(i)));
    subscribe(*clients.back(), "s", "/sub/room/big");
  }
  for (int n = 0; n < messages; ++n) publish("/sub/room/big", std::to_string(n));
  for (auto& c : clients) {
    for (int n = 0; n < messages; ++n) ASSERT_EQ(read_frame(*c).body, std::to_string(n));
  }
}

TEST_F(StompServer, ClosesASlowConsumerWithoutStallingTheOthers) {
  // The slow client's small receive window makes the server's writes to it stall sooner; it never reads.
  auto slow = open("/stomp", 16 * 1024);
  write(*slow, frame{command::connect, {{"token", "good-slow"}}, {}});
  auto fast = connected("fast");
  EXPECT_EQ(read_frame(*slow).cmd, command::connected);
  subscribe(*slow, "0", "/sub/room/1");
  subscribe(*fast, "0", "/sub/room/1");

  // Bursts of 8 keep the fast client's queue under its limit of 32; the slow one's only grows.
  const std::string body(16 * 1024, 'x');
  std::size_t rounds_after_close = 0;
  for (int round = 0; round < 500 && rounds_after_close < 20; ++round) {
    for (int i = 0; i < 8; ++i) publish("/sub/room/1", body);
    for (int i = 0; i < 8; ++i) ASSERT_EQ(read_frame(*fast).body.size(), body.size());
    const auto events = app_.events();
    if (std::ranges::find(events, "slow disconnected /sub/room/1") != events.end()) ++rounds_after_close;
  }
  EXPECT_EQ(rounds_after_close, 20u) << "the slow consumer was never closed";
  EXPECT_EQ(broker_.subscriber_count("/sub/room/1"), 1u);
}

TEST_F(StompServer, SendsHeartBeatsAndClosesAClientThatSendsNone) {
  auto c = open("/stomp-beats");
  // The client can send every 100 ms and wants one every 10: the server sends every 50 (its own minimum) and
  // expects one every 100.
  write(*c, frame{command::connect, {{"accept-version", "1.2"}, {"heart-beat", "100,10"}, {"token", "good-a"}}, {}});
  const auto connected = read_frame(*c);
  EXPECT_EQ(connected.header("heart-beat"), "50,100");
  EXPECT_TRUE(std::holds_alternative<stomp::heart_beat>(read_next(*c)));
  // Then nothing from the client: closed after two missed intervals.
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(read_until_closed(*c), websocket::error::closed);
  EXPECT_EQ(c->ws.reason().code, websocket::close_code::going_away);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST_F(StompServer, KeepsAClientThatSendsHeartBeats) {
  auto c = open("/stomp-beats");
  write(*c, frame{command::connect, {{"accept-version", "1.2"}, {"heart-beat", "100,100"}, {"token", "good-b"}}, {}});
  EXPECT_EQ(read_frame(*c).header("heart-beat"), "50,100");  // so each side beats every 100 ms
  for (int i = 0; i < 5; ++i) {                              // about half a second: well past two expected intervals
    write(*c, std::string("\n"));
    EXPECT_TRUE(std::holds_alternative<stomp::heart_beat>(read_next(*c)));
  }
  subscribe(*c, "0", "/sub/room/1");
}

}  // namespace
