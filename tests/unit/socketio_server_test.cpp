// The Socket.IO protocol handler without a transport: namespaces multiplexed on one connection (CONNECT, events,
// acknowledgements, DISCONNECT and rooms per namespace, unknown ones refused) and the connect timeout.
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "platform/kv/in_process_pubsub.hpp"
#include "platform/socketio/socket_server.hpp"

namespace {

namespace asio = boost::asio;
namespace sio = platform::socketio;
namespace messaging = platform::messaging;

// What the handler sends and whether it closed; stands in for an Engine.IO session.
class recording_connection final : public messaging::connection {
 public:
  explicit recording_connection(asio::any_io_executor executor)
      : messaging::connection(std::move(executor), "127.0.0.1", "test") {}
  using messaging::connection::send;
  void send(messaging::payload message) override { sent.push_back(*message); }
  void close(std::uint16_t, std::string why) override {
    closed = true;
    reason = std::move(why);
  }
  std::vector<std::string> sent;
  bool closed = false;
  std::string reason;
};

// Echoes "echo" into its acknowledgement, joins on "join", broadcasts on "say"; records who left.
class recording_app final : public sio::application {
 public:
  platform::asio::awaitable<bool> on_connect(std::shared_ptr<sio::socket>, boost::json::value auth) override {
    co_return !(auth.is_object() && auth.as_object().contains("refuse"));
  }
  void on_connected(const std::shared_ptr<sio::socket>& s) override { s->emit("welcome", {s->nsp()}); }
  platform::asio::awaitable<void> on_event(std::shared_ptr<sio::socket> s, std::string name, boost::json::array args,
                                           std::optional<sio::acknowledge> ack) override {
    if (name == "echo" && ack) (*ack)(args);
    if (name == "join") s->join(std::string(args.at(0).as_string()));
    if (name == "say") s->broadcast(args.at(0).as_string(), "said", {args.at(1)});
    co_return;
  }
  void on_disconnect(const std::shared_ptr<sio::socket>& s) override { left.push_back(s->nsp()); }
  std::vector<std::string> left;
};

class SocketServer : public ::testing::Test {
 protected:
  SocketServer() : sockets_(bus_, main_, options()) { sockets_.add_namespace("/custom", custom_); }

  static sio::socket_options options() {
    sio::socket_options o;
    o.connect_timeout = std::chrono::milliseconds(50);
    return o;
  }

  // A new session's handler, opened on `c`.
  std::shared_ptr<messaging::handler> open(const std::shared_ptr<recording_connection>& c) {
    auto handler = sockets_.factory()(sio::session_request{});
    handler->on_open(c);
    return handler;
  }

  void receive(const std::shared_ptr<messaging::handler>& h, const std::shared_ptr<recording_connection>& c,
               std::string message) {
    asio::co_spawn(io_, h->on_message(c, std::move(message)), asio::detached);
    io_.run_for(std::chrono::milliseconds(5));
    io_.restart();
  }

  // The packets sent since the last call.
  static std::vector<std::string> take(recording_connection& c) { return std::exchange(c.sent, {}); }

  static std::string sid_of(const std::string& connect_answer) {
    const auto payload = connect_answer.substr(connect_answer.find('{'));
    return std::string(boost::json::parse(payload).as_object().at("sid").as_string());
  }

  asio::io_context io_;
  platform::kv::in_process_pubsub bus_;
  recording_app main_;
  recording_app custom_;
  sio::socket_server sockets_;
};

TEST_F(SocketServer, ConnectsEachServedNamespaceOnOneConnection) {
  auto c = std::make_shared<recording_connection>(io_.get_executor());
  auto h = open(c);
  receive(h, c, "0");
  receive(h, c, "0/custom,");
  const auto sent = take(*c);
  ASSERT_EQ(sent.size(), 4U);
  EXPECT_EQ(sent[0].rfind(R"(0{"sid":)", 0), 0U) << sent[0];
  EXPECT_EQ(sent[1], R"(2["welcome","/"])");  // after the CONNECT answer, never before it
  EXPECT_EQ(sent[2].rfind(R"(0/custom,{"sid":)", 0), 0U) << sent[2];
  EXPECT_EQ(sent[3], R"(2/custom,["welcome","/custom"])");
  EXPECT_NE(sid_of(sent[0]), sid_of(sent[2]));
  h->on_close(c);
}

TEST_F(SocketServer, RefusesUnknownNamespacesAsTheReferenceServerDoes) {
  auto c = std::make_shared<recording_connection>(io_.get_executor());
  auto h = open(c);
  receive(h, c, "0/random");
  receive(h, c, R"(0/custom,{"refuse":true})");
  EXPECT_EQ(take(*c), (std::vector<std::string>{R"(4/random,{"message":"Invalid namespace"})",
                                                R"(4/custom,{"message":"Not authorized"})"}));
  EXPECT_FALSE(c->closed);
  h->on_close(c);
}

TEST_F(SocketServer, EventsAndAcknowledgementsStayInTheirNamespace) {
  auto c = std::make_shared<recording_connection>(io_.get_executor());
  auto h = open(c);
  receive(h, c, "0/custom,");
  take(*c);
  receive(h, c, R"(2/custom,7["echo",1,"two"])");
  receive(h, c, R"(25["echo","not connected to /"])");  // ignored, as the reference server ignores it
  EXPECT_EQ(take(*c), std::vector<std::string>{R"(3/custom,7[1,"two"])"});
  h->on_close(c);
}

TEST_F(SocketServer, DisconnectingOneNamespaceKeepsTheOthers) {
  auto c = std::make_shared<recording_connection>(io_.get_executor());
  auto h = open(c);
  receive(h, c, "0");
  receive(h, c, "0/custom,");
  receive(h, c, "1/custom,");
  EXPECT_EQ(custom_.left, std::vector<std::string>{"/custom"});
  EXPECT_TRUE(main_.left.empty());
  take(*c);
  receive(h, c, R"(21["echo","still"])");
  EXPECT_EQ(take(*c), std::vector<std::string>{R"(31["still"])"});
  EXPECT_FALSE(c->closed);
  h->on_close(c);  // the session ends: the sockets left are disconnected
  EXPECT_EQ(main_.left, std::vector<std::string>{"/"});
}

TEST_F(SocketServer, RoomsOfDifferentNamespacesAreApart) {
  auto a = std::make_shared<recording_connection>(io_.get_executor());
  auto b = std::make_shared<recording_connection>(io_.get_executor());
  auto ha = open(a);
  auto hb = open(b);
  receive(ha, a, "0");
  receive(hb, b, "0");
  receive(hb, b, "0/custom,");
  receive(ha, a, R"(2["join","r"])");
  receive(hb, b, R"(2/custom,["join","r"])");
  take(*b);
  receive(ha, a, R"(2["say","r","hi"])");  // a's own broadcast skips a; b is in "r" of /custom only
  EXPECT_TRUE(take(*b).empty());
  receive(hb, b, R"(2["join","r"])");
  receive(ha, a, R"(2["say","r","hi"])");
  EXPECT_EQ(take(*b), std::vector<std::string>{R"(2["said","hi"])"});
  ha->on_close(a);
  hb->on_close(b);
}

TEST_F(SocketServer, ClosesASessionThatConnectsNoNamespaceWithinTheConnectTimeout) {
  auto idle = std::make_shared<recording_connection>(io_.get_executor());
  auto connected = std::make_shared<recording_connection>(io_.get_executor());
  auto refused = std::make_shared<recording_connection>(io_.get_executor());
  auto h_idle = open(idle);
  auto h_connected = open(connected);
  auto h_refused = open(refused);
  receive(h_connected, connected, "0/custom,");
  receive(h_refused, refused, "0/random");  // a refused CONNECT does not count
  io_.run_for(std::chrono::milliseconds(150));
  EXPECT_TRUE(idle->closed);
  EXPECT_EQ(idle->reason, "connect timeout");
  EXPECT_TRUE(refused->closed);
  EXPECT_FALSE(connected->closed);
  for (const auto& [h, c] : {std::pair{h_idle, idle}, {h_connected, connected}, {h_refused, refused}}) h->on_close(c);
}

// Accepts every CONNECT after a pause, as an application that asks its database would.
class slow_app final : public sio::application {
 public:
  platform::asio::awaitable<bool> on_connect(std::shared_ptr<sio::socket>, boost::json::value) override {
    asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(20));
    co_await pause.async_wait(asio::use_awaitable);
    co_return true;
  }
  platform::asio::awaitable<void> on_event(std::shared_ptr<sio::socket>, std::string, boost::json::array,
                                           std::optional<sio::acknowledge>) override {
    co_return;
  }
  void on_disconnect(const std::shared_ptr<sio::socket>&) override { ++left; }
  int left = 0;
};

TEST(SocketServerLifetime, ASessionEndingDuringOnConnectDisconnectsTheAcceptedSocket) {
  asio::io_context io;
  platform::kv::in_process_pubsub bus;
  slow_app app;
  sio::socket_server sockets(bus, app);
  auto c = std::make_shared<recording_connection>(io.get_executor());
  auto h = sockets.factory()(sio::session_request{});
  h->on_open(c);
  asio::co_spawn(io, h->on_message(c, "0"), asio::detached);
  io.run_for(std::chrono::milliseconds(5));
  h->on_close(c);  // the session ends while on_connect is suspended
  io.run_for(std::chrono::milliseconds(50));
  EXPECT_EQ(app.left, 1);
  EXPECT_TRUE(c->sent.empty());
}

TEST(SocketServerNamespaces, RefusesNamesThatAreTakenOrMalformed) {
  platform::kv::in_process_pubsub bus;
  recording_app app;
  sio::socket_server sockets(bus, app);
  EXPECT_THROW(sockets.add_namespace("/", app), std::invalid_argument);
  EXPECT_THROW(sockets.add_namespace("chat", app), std::invalid_argument);
  EXPECT_THROW(sockets.add_namespace("/a#b", app), std::invalid_argument);
  EXPECT_THROW(sockets.add_namespace("/a,b", app), std::invalid_argument);
  EXPECT_NO_THROW(sockets.add_namespace("/chat", app));
  EXPECT_THROW(sockets.add_namespace("/chat", app), std::invalid_argument);
}

}  // namespace
